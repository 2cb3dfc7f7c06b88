"""One-valued properties, roles and outlets, as identity compares them.

Kinds of :mod:`kg.analysis.levels`: ``same-value`` (a property that takes one value: the same value
is for, a different one against, none neutral; :func:`value_level` is its level, for one pair or
many), ``role`` (an unnamed person beside the named holder of the role) and ``outlet`` (a publisher
of news beside the body it reports on).
"""

from __future__ import annotations

from kg.analysis.comparisons import Comparison, Context, Outcome, model, profiles
from kg.analysis.comparisons import fact_pairs as _facts, links as _via
from kg.analysis.profiles import Profile

__all__ = ["values", "value_level", "values_levels", "role", "one_unnamed", "outlet", "one_outlet", "maybe_one"]


def values(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A property that takes one value: the same value is for, a different one against, none neutral.

    Job titles match by their words, or when ``titles`` in the comparisons file
    names them as one ("CEO", "Chief executive").

    >>> from kg.analysis.levels import compare, compare_items, from_turtle
    >>> from kg.analysis.nxgraph import EXAMPLE
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
    level = value_level(c, a, b, ctx)
    if not facts or level == "missing":
        return Outcome(level)
    va, vb = a.values[c.name], b.values[c.name]
    if level == "elsewhere":
        return Outcome(level, _facts(left=tuple(sorted(va)), right=tuple(sorted(vb))))
    via = _via(a.via.get(c.name, ()), b.via.get(c.name, ()))
    shown = (lambda vs: tuple(sorted(vs))) if c.literal else (lambda vs: tuple(sorted(ctx.label(x) for x in vs)))  # noqa: E731
    if level == "different":
        return Outcome(level, _facts(left=shown(va), right=shown(vb)), via)
    if level == "candidates":
        x, y = _candidate_pairs(va, vb, ctx)[0]
        return Outcome(level, _facts(pair=(ctx.label(x), ctx.label(y))), via)
    if level == "affiliated":  # a company's statement and its chief executive's: one may be the other's
        return Outcome(level, _facts(pair=_member_of(c, va, vb, ctx) or _member_of(c, vb, va, ctx)), via)
    if c.literal:
        if c.property != "url":
            return Outcome(level, _facts(values=_literal_match(va, vb)), via)
        return Outcome(level, _facts(shared=shown(va & vb)), via)
    common = {ctx.canon(x) for x in va} & {ctx.canon(y) for y in vb}
    shared = [x for x in sorted(va | vb) if ctx.canon(x) in common]
    merged = tuple(x for x in shared if ctx.canon(x) != x or x not in (va & vb))
    if len(shared) > 1:  # values a provisional cluster merged, in their order
        return Outcome(level, _facts(merged=tuple(ctx.label(x) for x in shared)), _via(via, merged))
    return Outcome(level, _facts(shared=shown(set(shared))), via)


def value_level(c: Comparison, a: Profile, b: Profile, ctx: Context) -> str:
    """The level of a one-valued property for one pair (what :func:`values` says and weighing counts)."""
    va, vb = a.values.get(c.name), b.values.get(c.name)
    if not va or not vb:
        return "missing"
    elsewhere = c.options.get("elsewhere_by")
    if elsewhere:
        ra, rb = ({x for name in elsewhere for x in p.values.get(name, ())} for p in (a, b))
        if ra and rb and {ctx.canon(x) for x in ra}.isdisjoint({ctx.canon(y) for y in rb}) and not maybe_one(ra, rb, ctx):
            return "elsewhere"  # one title at two organisations: what it says of two people is said by their organisations
    if c.literal:
        if c.property != "url":
            return "same" if _literal_match(va, vb) else "different"
        return "different" if va.isdisjoint(vb) else "same"
    canon, candidates = ctx.canonical, ctx.candidates
    if len(va) == 1 and len(vb) == 1:  # most pairs: one value each
        (x,), (y,) = va, vb
        if canon.get(x, x) == canon.get(y, y):
            return "same"
        if candidates and ((x, y) if x < y else (y, x)) in candidates:
            return "candidates"  # two values that may themselves be one: neither for nor against
    else:
        if not {canon.get(x, x) for x in va}.isdisjoint({canon.get(y, y) for y in vb}):
            return "same"
        if candidates and _candidate_pairs(va, vb, ctx):
            return "candidates"
    if c.options.get("affiliated_by") and (_member_of(c, va, vb, ctx) or _member_of(c, vb, va, ctx)):
        return "affiliated"
    return "different"


def values_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """:func:`value_level` of each pair (left[i], right[i])."""
    return [value_level(c, a, b, ctx) for a, b in zip(left, right)]


def _literal_match(va: set, vb: set) -> tuple[str, str] | None:
    """The first two literal values that are one, or whose words one holds all of the other's ("CEO", "CEO of Acme")."""
    for x in sorted(va):
        tx = set(x.split())
        for y in sorted(vb):
            ty = set(y.split())
            if x == y or tx <= ty or ty <= tx:
                return x, y
    return None


def _candidate_pairs(va: set, vb: set, ctx: Context) -> list[tuple[str, str]]:
    """The values of each that are themselves a possible pair (in the collective step), in order."""
    return [(x, y) for x in sorted(va) for y in sorted(vb) if (min(x, y), max(x, y)) in ctx.candidates]


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


def maybe_one(xs: set, ys: set, ctx: Context) -> bool:
    """Are two of these values themselves a possible pair (in the collective step)?"""
    return bool(ctx.candidates) and any((min(x, y), max(x, y)) in ctx.candidates for x in xs for y in ys)


def role(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """An unnamed person beside a named one of the same affiliation: the holder of the role when their job titles
    match (``holds-role``), else ``other-title``; ``none`` when they share no affiliation.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .
    ... :ceo a kg:Person ; rdfs:label "Acme's CEO (unnamed)" ; schema:jobTitle "CEO" ; org:memberOf :acme .
    ... :jo a kg:Person ; rdfs:label "Jo Park" ; schema:jobTitle "Chief executive" ; org:memberOf :acme .
    ... :cto a kg:Person ; rdfs:label "Acme's CTO (unnamed)" ; schema:jobTitle "CTO" ; org:memberOf :acme .
    ... ''')
    >>> dict(compare_items(g, "ceo", "jo", "holds role").facts)
    {'holder': 'Jo Park', 'of': (('shared', ('Acme',)),), 'title': 'chief executive'}

    An unnamed person of the same organisation without the named one's title (a different title, or
    either has none) is not the holder of the role: a shared affiliation alone says little of two people.

    >>> found = compare_items(g, "cto", "jo", "holds role")
    >>> found.level, dict(found.facts)
    ('other-title', {'named': 'Jo Park', 'of': (('shared', ('Acme',)),), 'role': 'chief technology officer', 'title': 'chief executive'})

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
    if not one_unnamed(a, b):
        return Outcome("none")
    names = c.options.get("affiliation", ())
    va = {x for name in names for x in a.values.get(name, ())}
    vb = {x for name in names for x in b.values.get(name, ())}
    canon = ctx.canon
    shared = sorted({canon(x) for x in va} & {canon(y) for y in vb})
    if not shared:
        return Outcome("none")
    t = c.options["title"]
    level = "holds-role" if value_level(model().comparison(t), a, b, ctx) == "same" else "other-title"
    if not facts:
        return Outcome(level)
    named, unnamed = (b, a) if a.placeholder else (a, b)
    shown = sorted(ctx.label(x) for x in (va | vb) if canon(x) in shared)
    via = _via(*(p.via.get(name, ()) for p in (a, b) for name in names))
    of = _facts(shared=tuple(dict.fromkeys(shown)))
    if level == "other-title":
        titles = (min(p.values.get(t, ()), default=None) for p in (unnamed, named))
        return Outcome(level, _facts(named=named.label, of=of, **dict(zip(("role", "title"), titles))), via)
    return Outcome(level, _facts(holder=named.label, title=min(named.values[t]), of=of), via)


def one_unnamed(a: Profile, b: Profile) -> bool:
    """Is one of the two unnamed and the other named? (Else ``holds role`` is ``none``.)"""
    return a.placeholder != b.placeholder


def one_outlet(a: Profile, b: Profile) -> bool:
    """Is one of the two an outlet and the other not? (Else ``outlet`` is ``none``.)"""
    return a.outlet != b.outlet


def outlet(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A publisher of news articles beside an organisation that publishes none: an outlet is not the body it reports on.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :tt a kg:Organization ; rdfs:label "Transportation Today" .  :w a kg:NewsArticle ; dcterms:publisher :tt .
    ... :dot a kg:Organization ; rdfs:label "Department of Transportation" .
    ... ''')
    >>> compare_items(g, "tt", "dot", "outlet")
    Outcome(level='outlet-and-other', facts=(('other', 'Department of Transportation'), ('outlet', 'Transportation Today')), via=())
    """
    if not one_outlet(a, b):
        return Outcome("none")
    outlet, other = (a, b) if a.outlet else (b, a)
    return Outcome("outlet-and-other", _facts(outlet=outlet.label, other=other.label) if facts else ())

