"""Each kind of identity comparison as one function that puts a pair of profiles at a level.

A kind gives the level, and gathers the facts behind it (the names it
compared, the dates and the gap, the shared values, the score) only when
asked (:func:`compare`; :func:`level` does not). The facts are data: the
sentences a reader sees are written from them in the presentation wing
(:mod:`kg.export.identity_words`). Which classes a comparison covers and
its levels' weights are data (:mod:`kg.analysis.comparisons`).

A tiny graph for the examples: two spokespeople of one company, one unnamed.

>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme Corp." .
... :acme2 a kg:Organization ; rdfs:label "ACME" .
... :sp a kg:Person ; rdfs:label "Acme spokesperson (unnamed)" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :jo a kg:Person ; rdfs:label "Jo Park" ; skos:altLabel "Park" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :lw a kg:Person ; rdfs:label "Lee Park" ; schema:jobTitle "General counsel" ; org:memberOf :acme2 .
... ''')
>>> p = profiles(g)
>>> ctx = Context(g, p)
>>> sp, jo, lw = (p[EXAMPLE + n] for n in ("sp", "jo", "lw"))
>>> [(c.name, compare(c, sp, jo, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'placeholder'), ('job title', 'same'), ('member of', 'same'), ('speaks for', 'missing')]
>>> [(c.name, compare(c, jo, lw, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'different'), ('job title', 'elsewhere'), ('member of', 'different'), ('speaks for', 'missing')]
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kg.analysis.comparisons import Comparison, Context, Outcome, model, profiles
from kg.analysis.comparisons import fact_pairs as _facts, links as _via, span as _iso
from kg.analysis.evidence import P
from kg.analysis.level_names import name_level as _name
from kg.analysis.meaning import meaning_level
from kg.analysis.nxgraph import EXAMPLE, from_turtle  # noqa: F401 (the examples)
from kg.analysis.profiles import Profile, merged_words

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["compare", "level", "level_function", "compare_items"]


def _dates(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Dates: the same day, overlapping, open-ended, disjoint by how much, undated.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date .
    ... :b a kg:Incident ; kg:notBefore "2026-03-01"^^xsd:date ; kg:notAfter "2026-03-04"^^xsd:date .
    ... :c a kg:Incident ; dcterms:date "2026-03-05"^^xsd:date .  :d a kg:Incident ; dcterms:date "2025-01"^^xsd:gYearMonth .
    ... :e a kg:Incident ; kg:notBefore "2026-01-01"^^xsd:date .  :f a kg:Incident .
    ... ''')
    >>> [compare_items(g, "a", x, "dates").level for x in ("a", "b", "c", "d", "e", "f")]
    ['same-day', 'overlap', 'near', 'far', 'compatible', 'one-undated']
    >>> dict(compare_items(g, "c", "b", "dates").facts)
    {'gap': 1, 'left': ('2026-03-05', '2026-03-05'), 'right': ('2026-03-01', '2026-03-04')}

    A date told only by its month is compared with the other by months: the next month is
    ``adjacent`` (one may be late in its month, the other early in the next), not one day apart.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date .  :feb a kg:Incident ; dcterms:date "2026-02"^^xsd:gYearMonth .
    ... :mar a kg:Incident ; dcterms:date "2026-03"^^xsd:gYearMonth .  :apr a kg:Incident ; dcterms:date "2026-04"^^xsd:gYearMonth .
    ... ''')
    >>> [compare_items(g, x, y, "dates").level for x, y in (("feb", "mar"), ("a", "feb"), ("a", "apr"), ("feb", "apr"))]
    ['adjacent', 'adjacent', 'adjacent', 'apart']
    """
    a_dated, b_dated = a.lo is not None or a.hi is not None, b.lo is not None or b.hi is not None
    via = _via(a.via.get("dates", ()), b.via.get("dates", ())) if facts else ()
    if a_dated and b_dated:
        gap = 0
        if a.lo and b.hi and a.lo > b.hi:
            gap = _gap(b.lo, b.hi, a.lo, a.hi)
        elif b.lo and a.hi and b.lo > a.hi:
            gap = _gap(a.lo, a.hi, b.lo, b.hi)
        if gap == _NEXT:
            unit = max(_unit(a.lo, a.hi), _unit(b.lo, b.hi), key=_UNITS.index)
            return Outcome("adjacent", _facts(unit=unit, left=_iso(a), right=_iso(b)) if facts else (), via)
        if gap:
            level = "near" if gap <= c.options.get("near_days", 3) else "apart" if gap <= c.options.get("apart_days", 60) else "far"
            return Outcome(level, _facts(gap=gap, left=_iso(a), right=_iso(b)) if facts else (), via)
        level = "compatible"
        if a.lo and a.hi and b.lo and b.hi:
            level = "same-day" if a.lo == a.hi == b.lo == b.hi else "overlap"
        return Outcome(level, _facts(left=_iso(a), right=_iso(b)) if facts else (), via)
    if a.date_text and a.date_text == b.date_text:
        return Outcome("same-text", _facts(text=a.date_text) if facts else ())
    if a_dated or b_dated:
        dated, other = (a, b) if a_dated else (b, a)
        return Outcome("one-undated", _facts(dated=_iso(dated), undated=other.label) if facts else (), via)
    return Outcome("undated")


#: Units of a date as written, finest first; and the gap :func:`_gap` gives neighbouring ones.
_UNITS = ("day", "month", "year")
_NEXT = -1


def _unit(lo, hi) -> str:
    """The unit an interval is told in: a whole year, a whole month, or days.

    >>> from datetime import date
    >>> _unit(date(2025, 4, 1), date(2025, 4, 30)), _unit(date(2025, 1, 1), date(2025, 12, 31)), _unit(date(2025, 4, 1), date(2025, 4, 3))
    ('month', 'year', 'day')
    """
    if lo is None or hi is None or lo.day != 1 or (hi + timedelta(days=1)).day != 1 or (lo.year, lo.month) != (hi.year, hi.month):
        return "year" if lo and hi and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year else "day"
    return "month"


def _gap(lo1, hi1, lo2, hi2) -> int:
    """Days between an earlier interval and a later one, compared in the coarser unit of the two: the
    days between the months (or years) that hold them, or ``_NEXT`` for neighbouring months (years).
    "2025-04" and "2025-05" are neighbouring months, not disjoint by one day; 2025-03-10 and "2025-05"
    are a month apart (April).

    >>> from datetime import date
    >>> april, may = (date(2025, 4, 1), date(2025, 4, 30)), (date(2025, 5, 1), date(2025, 5, 31))
    >>> _gap(*april, *may), _gap(date(2025, 3, 10), date(2025, 3, 10), *may), _gap(*april, date(2025, 5, 2), date(2025, 5, 2))
    (-1, 31, -1)
    >>> _gap(date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 4), date(2025, 3, 4))
    2
    """
    unit = max(_unit(lo1, hi1), _unit(lo2, hi2), key=_UNITS.index)
    if unit != "day" and hi1 is not None and lo2 is not None:
        if unit == "month":
            hi1, lo2 = hi1.replace(day=1), lo2.replace(day=1)
            neighbours = (hi1.year * 12 + hi1.month) + 1 == lo2.year * 12 + lo2.month
            end = date(hi1.year + hi1.month // 12, hi1.month % 12 + 1, 1) - timedelta(days=1)
        else:
            neighbours = hi1.year + 1 == lo2.year
            lo2, end = date(lo2.year, 1, 1), date(hi1.year, 12, 31)
        return _NEXT if neighbours else (lo2 - end).days
    return (lo2 - hi1).days


def _values(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A property that takes one value: the same value is for, a different one against, none neutral.

    Job titles match by their words, or when ``titles`` in the comparisons file
    names them as one ("CEO", "Chief executive").

    >>> g = from_turtle('''
    ... :push a kg:SoftwareChange ; rdfs:label "Config push" .  :ai a kg:SoftwareChange ; rdfs:label "AI change" .
    ... :a a kg:Incident ; kg:mechanism :push .  :b a kg:Incident ; kg:mechanism :push .
    ... :c a kg:Incident ; kg:mechanism :ai .  :d a kg:Incident .
    ... :w1 a kg:NewsArticle ; schema:url "https://x.example/a/" .  :w2 a kg:NewsArticle ; schema:url "https://x.example/a" .
    ... :p1 a kg:Person ; schema:jobTitle "CEO" .  :p2 a kg:Person ; schema:jobTitle "Chief Executive" .
    ... ''')
    >>> [(compare_items(g, "a", x, "mechanism").level) for x in ("b", "c", "d")]
    ['same', 'different', 'missing']
    >>> compare_items(g, "w1", "w2", "url").level, compare_items(g, "p1", "p2", "job title")
    ('same', Outcome(level='same', facts=(('values', ('chief executive', 'chief executive')),), via=()))

    Two values that are themselves a possible pair (in the collective step) are neither for nor against:

    >>> found = profiles(g)
    >>> ctx = Context(g, found, candidates=frozenset({(EXAMPLE + "ai", EXAMPLE + "push")}))
    >>> compare(model().comparison("mechanism"), found[EXAMPLE + "a"], found[EXAMPLE + "c"], ctx)
    Outcome(level='candidates', facts=(('pair', ('Config push', 'AI change')),), via=())

    One title at two organisations (``elsewhere_by``: the people's affiliations share none) says
    nothing: two chief executives of two companies are two people.

    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .  :zeta a kg:Organization ; rdfs:label "Zeta" .
    ... :jo a kg:Person ; rdfs:label "Jo Park" ; schema:jobTitle "CEO" ; org:memberOf :acme .
    ... :ceo a kg:Person ; rdfs:label "Zeta's chief executive (unnamed)" ; schema:jobTitle "Chief executive" ; org:memberOf :zeta .
    ... :lee a kg:Person ; rdfs:label "Lee Roe" ; schema:jobTitle "CEO" .
    ... ''')
    >>> [compare_items(g, "jo", x, "job title").level for x in ("ceo", "lee")]
    ['elsewhere', 'same']

    With ``affiliated_by``, a person and the organisation they are a member of (or speak for) are
    neither the same author nor different ones: a company's post-mortem and its chief executive's.

    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .  :zeta a kg:Organization ; rdfs:label "Zeta" .
    ... :jo a kg:Person ; rdfs:label "Jo Park" ; org:memberOf :acme .
    ... :s1 a kg:PublicStatement ; rdfs:label "Acme's review" ; dcterms:creator :acme .
    ... :s2 a kg:PublicStatement ; rdfs:label "Jo Park's post" ; dcterms:creator :jo .
    ... :s3 a kg:PublicStatement ; rdfs:label "Zeta's note" ; dcterms:creator :zeta .
    ... ''')
    >>> compare_items(g, "s1", "s2", "author"), compare_items(g, "s2", "s3", "author").level
    (Outcome(level='affiliated', facts=(('pair', ('Jo Park', 'Acme')),), via=()), 'different')
    """
    va, vb = a.values.get(c.name), b.values.get(c.name)
    if not va or not vb:
        return Outcome("missing")
    elsewhere = c.options.get("elsewhere_by")
    if elsewhere:
        ra, rb = ({x for name in elsewhere for x in p.values.get(name, ())} for p in (a, b))
        if ra and rb and {ctx.canon(x) for x in ra}.isdisjoint({ctx.canon(y) for y in rb}) and not _maybe_one(ra, rb, ctx):
            # one title at two organisations: what it says of two people is said by their organisations
            return Outcome("elsewhere", _facts(left=tuple(sorted(va)), right=tuple(sorted(vb))) if facts else ())
    via = _via(a.via.get(c.name, ()), b.via.get(c.name, ())) if facts else ()
    shown = (lambda vs: tuple(sorted(vs))) if c.literal else (lambda vs: tuple(sorted(ctx.label(x) for x in vs)))  # noqa: E731

    def apart() -> Outcome:
        return Outcome("different", _facts(left=shown(va), right=shown(vb)) if facts else (), via)

    if c.literal:
        if c.property != "url":
            for x in sorted(va):
                tx = set(x.split())
                for y in sorted(vb):
                    ty = set(y.split())
                    if x == y or tx <= ty or ty <= tx:
                        return Outcome("same", _facts(values=(x, y)) if facts else (), via)
            return apart()
        if not va.isdisjoint(vb):
            return Outcome("same", _facts(shared=shown(va & vb)) if facts else (), via)
        return apart()
    canon = ctx.canonical
    ca, cb = ({canon.get(x, x) for x in va}, {canon.get(x, x) for x in vb}) if canon else (va, vb)
    if ca.isdisjoint(cb):
        if ctx.candidates:
            pairs = [(x, y) for x in sorted(va) for y in sorted(vb) if (min(x, y), max(x, y)) in ctx.candidates]
            if pairs:  # two values that may themselves be one: neither for nor against
                return Outcome("candidates", _facts(pair=(ctx.label(pairs[0][0]), ctx.label(pairs[0][1]))) if facts else (), via)
        member = _member_of(c, va, vb, ctx) or _member_of(c, vb, va, ctx)
        if member:  # a company's statement and its chief executive's: one may be the other's
            return Outcome("affiliated", _facts(pair=member) if facts else (), via)
        return apart()
    if not facts:
        return Outcome("same")
    common = set(ca) & set(cb)
    shared = [x for x in sorted(va | vb) if ctx.canon(x) in common]
    merged = tuple(x for x in shared if ctx.canon(x) != x or x not in (va & vb))
    if len(shared) > 1:  # values a provisional cluster merged, in their order
        return Outcome("same", _facts(merged=tuple(ctx.label(x) for x in shared)), _via(via, merged))
    return Outcome("same", _facts(shared=shown(set(shared))), via)


def _member_of(c: Comparison, people: set, organisations: set, ctx: Context) -> tuple[str, str] | None:
    """A value of ``people`` that is a member of (or speaks for) a value of ``organisations`` (``affiliated_by``)."""
    names = c.options.get("affiliated_by", ())
    for x in sorted(people):
        p = ctx.profiles.get(x)
        if p is not None:
            of = {ctx.canon(v) for name in names for v in p.values.get(name, ())}
            for y in sorted(organisations):
                if ctx.canon(y) in of:
                    return ctx.label(x), ctx.label(y)
    return None


def _maybe_one(xs: set, ys: set, ctx: Context) -> bool:
    """Are two of these values themselves a possible pair (in the collective step)?"""
    return bool(ctx.candidates) and any((min(x, y), max(x, y)) in ctx.candidates for x in xs for y in ys)


def _context(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Shared typed neighbours, each 1/ln(n) for the n items of the class that have it; the level caps the sum.

    >>> g = from_turtle('''
    ... :m a kg:Meeting ; rdfs:label "Ops review" .  :s a kg:System ; rdfs:label "Checkout" .
    ... :a a kg:Incident ; kg:discussedAt :m ; kg:affected :s .  :b a kg:Incident ; kg:discussedAt :m ; kg:affected :s .
    ... :c a kg:Incident ; kg:affected :s .
    ... ''')
    >>> compare_items(g, "a", "b", "shared context")
    Outcome(level='some', facts=(('shared', (('discussed at', 'Ops review'), ('affected', 'Checkout'))), ('total', 2.35)), via=())
    >>> compare_items(g, "b", "c", "shared context").level
    'weak'
    """
    fa, fb = (a.features, b.features) if len(a.features) <= len(b.features) else (b.features, a.features)
    counts = ctx.feature_counts
    shared = [key for key in fa if key in fb]
    weights = [1 / math.log(max(counts.get((a.cls, *key), 2), 2)) for key in shared]
    total = sum(weights)
    level = next((lv.level for lv in c.levels if lv.at_least is not None and total >= lv.at_least), c.levels[-1].level)
    if not facts:
        return Outcome(level)
    found = sorted((-w, ctx.edge_label(k), ctx.label(v)) for w, (k, v) in zip(weights, shared))
    return Outcome(level, _facts(shared=tuple((edge, label) for _, edge, label in found), total=round(total, 2)))


def _description(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """The words that describe both, by lemma, each weighted by its rarity in English and in the class (a cosine).

    A proposition about both is left out: naming two things in one sentence does
    not make their descriptions alike.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; rdfs:label "Production database deletion" ; dcterms:description "The agent deleted the live database." .
    ... :b a kg:Incident ; rdfs:label "Data loss" ; dcterms:description "Records lost after the database was deleted." .
    ... :c a kg:Incident ; rdfs:label "Department update" .  :d a kg:Incident ; rdfs:label "Update from the department" .
    ... ''')
    >>> compare_items(g, "a", "b", "description")
    Outcome(level='strong', facts=(('shared', ('delet', 'databas')), ('similarity', 0.91)), via=())
    >>> compare_items(g, "c", "d", "description")
    Outcome(level='none', facts=(('shared', ('updat',)), ('similarity', 0.0)), via=())
    """
    if a.propositions.isdisjoint(b.propositions):
        (wa, na), (wb, nb) = ctx.vector(a), ctx.vector(b)
        ra, rb = a.words, b.words
    else:
        both = a.propositions & b.propositions
        ra, rb = merged_words(a.own_words, a.said_words, both), merged_words(b.own_words, b.said_words, both)
        (wa, na), (wb, nb) = ctx.weigh_words(a.cls, ra), ctx.weigh_words(b.cls, rb)
    if not na or not nb:
        return Outcome("missing")
    level, shared, similarity = description_level(c, a, b, ctx, (wa, na, ra), (wb, nb, rb))
    if not facts:
        return Outcome(level)
    top = tuple(sorted(shared, key=lambda w: (-wa[w] * wb[w], w))[:6])
    return Outcome(level, _facts(shared=top, similarity=round(similarity, 2)))


def description_level(c: Comparison, a: Profile, b: Profile, ctx: Context, left: tuple, right: tuple) -> tuple[str, list, float]:
    """The level of two items' weighted words (each side: weights, the vector's length, rarities), the words
    that counted and the cosine.

    One word alone in common is at the level ``one_word``, of its own: a single rare word is shared by
    siblings as often as by one thing.

    >>> g = from_turtle('''
    ... :a a kg:System ; rdfs:label "Firewall upgrade" .  :b a kg:System ; rdfs:label "Firewall rollout" .
    ... :c a kg:System ; rdfs:label "Firewall rollout" ; dcterms:description "Rule upgrade" .
    ... ''')
    >>> compare_items(g, "a", "b", "description")  # "firewall" alone
    Outcome(level='one-word', facts=(('shared', ('firewall',)), ('similarity', 0.51)), via=())
    >>> compare_items(g, "a", "c", "description").level
    'strong'
    """
    (wa, na, ra), (wb, nb, rb) = left, right
    if len(wa) > len(wb):
        wa, wb, ra, rb = wb, wa, rb, ra
    shared = [w for w in wa if w in wb]
    similarity = sum(wa[w] * wb[w] for w in shared) / (na * nb)
    if similarity and sum(ctx.word_weight(a.cls, w, min(ra[w], rb[w])) for w in shared) < c.options.get("least_shared", 0.0):
        similarity = 0.0  # only common words in common, however alike the rest
    level = next((lv.level for lv in c.levels if lv.at_least is not None and similarity >= lv.at_least), "none")
    if len(shared) == 1 and level != "none" and c.options.get("one_word"):
        level = c.options["one_word"]
    return level, shared, similarity


def _co_values(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Siblings: two distinct values of one property of one item (two airlines one outage affected).

    >>> g = from_turtle('''
    ... :o a kg:Incident ; kg:affected :x, :y .  :x a kg:Organization ; rdfs:label "X Air" .  :y a kg:Organization ; rdfs:label "Y Air" .
    ... ''')
    >>> compare_items(g, "x", "y", "siblings")
    Outcome(level='co-values', facts=(('edge', 'affected'), ('holder', 'o'), ('more', 0)), via=())
    """
    if a.holders.isdisjoint(b.holders):
        return _held_apart(c, a, b, ctx, facts)
    if not facts:
        return Outcome("co-values")
    common = sorted(a.holders & b.holders)
    key, holder = common[0]
    return Outcome("co-values", _facts(edge=ctx.edge_label(key), holder=ctx.label(holder), more=len(common) - 1))


def _held_apart(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Values of one property (``apart_under``: an incident's effects) of two holders told apart, by dates
    disjoint by more than a few days or by different affected organisations: the effects of two incidents.

    >>> g = from_turtle('''
    ... :x a kg:Organization ; rdfs:label "X Air" .  :y a kg:Organization ; rdfs:label "Y Air" .
    ... :o a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date ; kg:affected :x ; kg:hadEffect :e1 .
    ... :p a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date ; kg:affected :y ; kg:hadEffect :e2 .
    ... :q a kg:Incident ; dcterms:date "2026-03-30"^^xsd:date ; kg:affected :x ; kg:hadEffect :e3 .
    ... :r a kg:Incident ; dcterms:date "2026-03-03"^^xsd:date ; kg:affected :x ; kg:hadEffect :e4 .
    ... :e1 a kg:Effect ; rdfs:label "Flights cancelled" .  :e2 a kg:Effect ; rdfs:label "Flights cancelled" .
    ... :e3 a kg:Effect ; rdfs:label "Flights cancelled" .  :e4 a kg:Effect ; rdfs:label "Flights cancelled" .
    ... ''')
    >>> [compare_items(g, "e1", x, "siblings").level for x in ("e2", "e3", "e4")]
    ['held-apart', 'held-apart', 'none']
    """
    under = c.options.get("apart_under")
    if not under:
        return Outcome("none")
    ha = [(k, h) for k, h in a.holders if k in under]
    hb = [(k, h) for k, h in b.holders if k in under]
    if not ha or not hb:
        return Outcome("none")
    m = model()
    dates, affected = m.comparison("dates"), m.comparison("affected organisation")
    for ka, x in ha:
        for kb, y in hb:
            px, py = ctx.profiles.get(x), ctx.profiles.get(y)
            if ka != kb or px is None or py is None or ctx.canon(x) == ctx.canon(y) or _maybe_one({x}, {y}, ctx):
                return Outcome("none")
            apart = _dates(dates, px, py, ctx, False).level in ("apart", "far") \
                or _values(affected, px, py, ctx, False).level == "different"
            if not apart:
                return Outcome("none")
    if not facts:
        return Outcome("held-apart")
    return Outcome("held-apart", _facts(edge=ctx.edge_label(ha[0][0]), left=ctx.label(ha[0][1]), right=ctx.label(hb[0][1])))


def _patterns(c: Comparison, option: str) -> list[re.Pattern]:
    found = c.options.get(f"_{option}")
    if found is None:
        found = c.options[f"_{option}"] = [re.compile(p, re.IGNORECASE) for p in c.options.get(option, [])]
    return found


def _named_together(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A proposition about both counts for them only when it says they are the same.

    >>> g = from_turtle('''
    ... :a a kg:Incident .  :b a kg:Incident .  :c a kg:Incident .
    ... :p1 a kg:Proposition ; kg:text "A and B are the same event." ; kg:about :a, :b .
    ... :p2 a kg:Proposition ; kg:text "Reports spiked twice, at A and then at C." ; kg:about :a, :c .
    ... :p3 a kg:Proposition ; kg:text "B and C hit Acme." ; kg:about :b, :c .
    ... ''')
    >>> [compare_items(g, x, y, "named together").level for x, y in (("a", "b"), ("a", "c"), ("b", "c"))]
    ['said-same', 'named-as-two', 'named-both']
    """
    if a.propositions.isdisjoint(b.propositions):
        return Outcome("none")
    both = sorted(a.propositions & b.propositions)
    texts = [ctx.text(prop) for prop in both]
    same = _patterns(c, "same_phrases")
    for prop, text in zip(both, texts):
        if any(p.search(text) for p in same):
            polarities = {int(ctx.g.nodes[u].get("polarity", 0)) for u, _, k in ctx.g.in_edges(prop, keys=True)
                          if k == P.proposition and ctx.g.nodes[u].get("cls") == "Assertion"}
            if polarities and polarities <= {-1}:
                return Outcome("denied-same", _facts(text=text) if facts else ())
            return Outcome("said-same", _facts(text=text) if facts else ())
    twos = _patterns(c, "two_phrases")
    counted = [t for t in texts if any(p.search(t) for p in twos)]
    if counted:
        return Outcome("named-as-two", _facts(text=counted[0], more=len(counted) - 1) if facts else ())
    return Outcome("named-both", _facts(text=texts[0]) if facts else ())


def _raised(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Whether the record raises their identity: a question asks if they are one, or a text says they may be.

    Evidence that the pair is worth a look, not that they are the same: the
    report keeps such a pair listed whatever its probability.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; rdfs:label "Checkout outage" .  :b a kg:Incident ; rdfs:label "Disruption" .
    ... :c a kg:Incident ; rdfs:label "Data loss" .
    ... :q a kg:OpenQuestion ; kg:asks "Is the checkout outage the same event as the disruption?" ; kg:about :a, :b .
    ... :p a kg:Proposition ; kg:text "The outage and the data loss were separate incidents." ; kg:about :a, :c .
    ... ''')
    >>> compare_items(g, "a", "b", "raised")
    Outcome(level='asked', facts=(('text', 'Is the checkout outage the same event as the disruption?'),), via=())
    >>> compare_items(g, "a", "c", "raised")
    Outcome(level='said', facts=(('text', 'The outage and the data loss were separate incidents.'),), via=())
    >>> compare_items(g, "b", "c", "raised").level
    'none'
    """
    if a.questions.isdisjoint(b.questions) and a.propositions.isdisjoint(b.propositions):
        return Outcome("none")  # most pairs: nothing speaks of both
    for about, option, level in ((a.questions & b.questions, "asks", "asked"), (a.propositions & b.propositions, "says", "said")):
        patterns = _patterns(c, option) if about else ()
        for node in sorted(about):
            text = ctx.text(node)
            if any(p.search(text) for p in patterns):
                return Outcome(level, _facts(text=text) if facts else ())
    return Outcome("none")


def _stances(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Opposite stances: one affirms what the other opposes.

    >>> g = from_turtle('''
    ... :src a kg:NewsArticle .  :p a kg:Proposition ; kg:text "It was patched." .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :src ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :src ; kg:stance kg:Denies .
    ... ''')
    >>> compare_items(g, "x", "y", "opposite stances").level
    'opposed'
    """
    if a.stances.keys().isdisjoint(b.stances.keys()):
        return Outcome("none")
    for prop in sorted(a.stances.keys() & b.stances.keys()):
        pa, pb = a.stances[prop], b.stances[prop]
        if (1 in pa and -1 in pb) or (-1 in pa and 1 in pb):
            return Outcome("opposed", _facts(text=ctx.text(prop)) if facts else ())
    return Outcome("none")


def _sources(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """The sources that speak of each: one speaking of both told them apart.

    >>> g = from_turtle('''
    ... :s1 a kg:NewsArticle ; rdfs:label "Wire" .  :s2 a kg:NewsArticle ; rdfs:label "Post" .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .  :z a kg:Person ; rdfs:label "Z" .
    ... :p a kg:Proposition ; kg:text "T." .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :s2 ; kg:stance kg:Asserts .
    ... :a3 a kg:Assertion ; kg:proposition :p ; kg:party :z ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... ''')
    >>> [compare_items(g, "x", other, "sources").level for other in ("y", "z")]
    ['different-sources', 'same-source']

    A source that speaks of both because the record raises them (a question asks whether they are
    one, a proposition says they may be or were separate) has not told them apart: ``raised``, neutral.

    >>> TEXT = '''
    ... :s1 a kg:NewsArticle ; rdfs:label "Wire" .  :x a kg:Incident ; rdfs:label "X" .  :y a kg:Incident ; rdfs:label "Y" .
    ... :px a kg:Proposition ; kg:text "X hit Acme." ; kg:about :x .  :py a kg:Proposition ; kg:text "Y hit Acme." ; kg:about :y .
    ... :a1 a kg:Assertion ; kg:proposition :px ; kg:party :s1 ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :py ; kg:party :s1 ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... '''
    >>> g = from_turtle(TEXT)
    >>> compare_items(g, "x", "y", "sources").level
    'same-source'
    >>> g = from_turtle(TEXT + ':q a kg:OpenQuestion ; kg:asks "Are X and Y the same event?" ; kg:about :x, :y .')
    >>> compare_items(g, "x", "y", "sources")
    Outcome(level='raised', facts=(('text', 'Are X and Y the same event?'),), via=())
    """
    if not a.sources or not b.sources:
        return Outcome("missing")
    spoken = not (a.questions.isdisjoint(b.questions) and a.propositions.isdisjoint(b.propositions))
    if spoken and not a.sources.isdisjoint(b.sources):
        raised = _raised_by(a, b, ctx)
        if raised:
            return Outcome("raised", _facts(text=raised) if facts else ())
    if a.sources.isdisjoint(b.sources):
        shown = lambda p: tuple(sorted(ctx.label(x) for x in p.sources))  # noqa: E731
        return Outcome("different-sources", _facts(left=shown(a), right=shown(b)) if facts else ())
    if not facts:
        return Outcome("same-source")
    common = sorted(a.sources & b.sources)
    return Outcome("same-source", _facts(source=ctx.label(common[0]), more=len(common) - 1))


def _raised_by(a: Profile, b: Profile, ctx: Context) -> str:
    """What raises the pair, if the record does: the text of the question or proposition that asks
    whether they are one, says they may be or were separate (``raised``), or that they are or are not
    one (``named together``); "" when nothing does."""
    for c in model().comparisons:
        if c.kind == "raised-together" or c.kind == "named-together":
            found = _KINDS[c.kind](c, a, b, ctx, True)
            if found.level in ("asked", "said", "said-same", "denied-same"):
                return str(dict(found.facts)["text"])
    return ""


def _outlet(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A publisher of news articles beside an organisation that publishes none: an outlet is not the body it reports on.

    >>> g = from_turtle('''
    ... :tt a kg:Organization ; rdfs:label "Transportation Today" .  :w a kg:NewsArticle ; dcterms:publisher :tt .
    ... :dot a kg:Organization ; rdfs:label "Department of Transportation" .
    ... ''')
    >>> compare_items(g, "tt", "dot", "outlet")
    Outcome(level='outlet-and-other', facts=(('other', 'Department of Transportation'), ('outlet', 'Transportation Today')), via=())
    """
    if a.outlet == b.outlet:
        return Outcome("none")
    outlet, other = (a, b) if a.outlet else (b, a)
    return Outcome("outlet-and-other", _facts(outlet=outlet.label, other=other.label) if facts else ())


def _role(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """An unnamed person beside a named one with the same job title and the same affiliation: the holder of the role.

    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .
    ... :ceo a kg:Person ; rdfs:label "Acme's CEO (unnamed)" ; schema:jobTitle "CEO" ; org:memberOf :acme .
    ... :jo a kg:Person ; rdfs:label "Jo Park" ; schema:jobTitle "Chief executive" ; org:memberOf :acme .
    ... :cto a kg:Person ; rdfs:label "Acme's CTO (unnamed)" ; schema:jobTitle "CTO" ; org:memberOf :acme .
    ... ''')
    >>> dict(compare_items(g, "ceo", "jo", "holds role").facts)
    {'holder': 'Jo Park', 'of': (('shared', ('Acme',)),), 'title': 'chief executive'}
    >>> compare_items(g, "cto", "jo", "holds role").level
    'none'

    The affiliations are read together: the company's outside counsel speaks for it, the named lawyer
    may be told as one of its people:

    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .
    ... :oc a kg:Person ; rdfs:label "Acme's outside counsel (unnamed)" ; schema:jobTitle "Outside counsel" ; kg:speaksFor :acme .
    ... :lee a kg:Person ; rdfs:label "Lee Park" ; schema:jobTitle "Attorney" ; org:memberOf :acme .
    ... ''')
    >>> dict(compare_items(g, "oc", "lee", "holds role").facts)
    {'holder': 'Lee Park', 'of': (('shared', ('Acme',)),), 'title': 'attorney'}
    """
    if a.placeholder == b.placeholder:
        return Outcome("none")
    m = model()
    if _values(m.comparison(c.options["title"]), a, b, ctx, False).level != "same":
        return Outcome("none")
    names = c.options.get("affiliation", ())
    va = {x for name in names for x in a.values.get(name, ())}
    vb = {x for name in names for x in b.values.get(name, ())}
    canon = ctx.canon
    shared = sorted({canon(x) for x in va} & {canon(y) for y in vb})
    if not shared:
        return Outcome("none")
    if not facts:
        return Outcome("holds-role")
    named = b if a.placeholder else a
    title = sorted(named.values.get(c.options["title"], ()))
    shown = sorted(ctx.label(x) for x in (va | vb) if canon(x) in shared)
    via = _via(*(p.via.get(name, ()) for p in (a, b) for name in names))
    return Outcome("holds-role", _facts(holder=named.label, title=title[0], of=_facts(shared=tuple(dict.fromkeys(shown)))), via)


def _parts(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A part beside its whole, or two parts of one whole: the part of a thing is not the thing, and two
    parts of one thing are two, unless it is told twice.

    One is a part of the other when its whole is the other, in the other's provisional cluster, or
    a possible pair with it (the collective step): "DynamoDB errors", a part of the region's
    disruption, is not the news's "outage" that may be that disruption.

    >>> g = from_turtle('''
    ... :all a kg:Incident ; rdfs:label "Region disruption" .
    ... :db a kg:Incident ; rdfs:label "Database errors" ; dcterms:isPartOf :all .
    ... :lb a kg:Incident ; rdfs:label "Balancer errors" ; dcterms:isPartOf :all .
    ... :news a kg:Incident ; rdfs:label "Cloud outage" .
    ... ''')
    >>> compare_items(g, "db", "lb", "part and whole")
    Outcome(level='parts-of-one', facts=(('whole', 'Region disruption'),), via=())
    >>> g.add_node(EXAMPLE + "all", cls="IncidentTrend")  # two incidents of one trend may be one told twice
    >>> compare_items(g, "db", "lb", "part and whole").level
    'none'

    >>> found = profiles(g)
    >>> ctx = Context(g, found, candidates=frozenset({(EXAMPLE + "all", EXAMPLE + "news")}))
    >>> compare(model().comparison("part and whole"), found[EXAMPLE + "db"], found[EXAMPLE + "news"], ctx)
    Outcome(level='part-of-other', facts=(('other', 'Cloud outage'), ('part', 'Database errors'), ('whole', 'Region disruption')), via=())
    """
    # each item's own wholes, not those pooled from its provisional cluster: a cluster that joins a part
    # to the news's telling of its whole would make the whole a part of itself
    own = ctx.profiles
    wa, wb = own.get(a.node, a).values.get(c.name, ()), own.get(b.node, b).values.get(c.name, ())
    if not wa and not wb:
        return Outcome("none")
    canon, candidates = ctx.canonical, ctx.candidates
    for part, wholes, other in ((a, wa, b), (b, wb, a)):
        o = other.node
        mine = canon.get(o, o)
        hits = [x for x in wholes if canon.get(x, x) == mine or ((x, o) if x < o else (o, x)) in candidates]
        if hits:  # the least, as the facts name it
            return Outcome("part-of-other", _facts(part=part.label, whole=ctx.label(min(hits)), other=other.label) if facts else ())
    if not wa or not wb:
        return Outcome("none")
    # two parts of one whole of their own kind (two phases of one incident, two components of one system);
    # members of a whole of another kind (two incidents of one trend) may be one told twice
    shared = {canon.get(x, x) for x in wa if ctx.cls(x) == a.cls} & {canon.get(y, y) for y in wb if ctx.cls(y) == b.cls}
    if shared:
        return Outcome("parts-of-one", _facts(whole=ctx.label(min(shared))) if facts else ())
    return Outcome("none")


#: The function of each kind; each gives the level, and the facts behind it only when asked for them.
_KINDS = {
    "name": _name, "dates": _dates, "same-value": _values, "shared-context": _context, "description": _description,
    "co-values": _co_values, "named-together": _named_together, "raised-together": _raised,
    "opposite-stances": _stances, "mentioned-in": _sources, "outlet": _outlet, "role": _role, "meaning": meaning_level,
    "part-whole": _parts,
}


def level(c: Comparison, a: Profile, b: Profile, ctx: Context) -> str:
    """The level ``c`` puts the pair (a, b) at, without gathering the facts: what every weighed pair needs."""
    return _KINDS[c.kind](c, a, b, ctx, False)[0]


def level_function(c: Comparison):
    """The function of ``c``'s kind: ``f(c, a, b, ctx, facts)``, for callers that weigh many pairs."""
    return _KINDS[c.kind]


def compare(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """The level of ``c`` for the pair (a, b), with the facts behind it."""
    return _KINDS[c.kind](c, a, b, ctx, True)


def compare_items(g: "nx.MultiDiGraph", a: str, b: str, comparison: str) -> Outcome:
    """The level the named comparison puts two items at; ``a`` and ``b`` are IRIs or ids of the examples' case."""
    from kg.analysis.nxgraph import EXAMPLE

    iris = [x if x in g else EXAMPLE + x for x in (a, b)]
    found = profiles(g)
    return compare(model().comparison(comparison), found[iris[0]], found[iris[1]], Context(g, found))
