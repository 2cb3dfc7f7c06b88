"""Siblings and parts, as identity compares them.

Kinds of :mod:`kg.analysis.levels`: ``co-values`` (two values of one property of one item, two
airlines one outage hit; and the effects of two incidents told apart) and ``part-whole`` (a part
beside its whole, two parts of one whole). Each gives the levels of many pairs at once
(:func:`co_values_levels`, :func:`parts_levels`); one pair's level is the same function's, and its
facts are gathered only when asked.
"""

from __future__ import annotations

from itertools import islice

from kg.analysis.comparisons import Comparison, Context, Outcome, model
from kg.analysis.comparisons import fact_pairs as _facts
from kg.analysis.level_dates import dates_levels
from kg.analysis.level_values import maybe_one, value_level
from kg.analysis.profiles import Profile

__all__ = ["co_values", "co_values_levels", "parts", "parts_levels"]


def co_values(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """Siblings: two distinct values of one property of one item (two airlines one outage affected).

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :o a kg:Incident ; kg:affected :x, :y .  :x a kg:Organization ; rdfs:label "X Air" .  :y a kg:Organization ; rdfs:label "Y Air" .
    ... ''')
    >>> compare_items(g, "x", "y", "siblings")
    Outcome(level='co-values', facts=(('edge', 'affected'), ('holder', 'o'), ('more', 0)), via=())
    """
    level = level or co_values_levels(c, [a], [b], ctx)[0]
    if not facts or level == "none":
        return Outcome(level)
    if level == "held-apart":
        return held_apart(c, a, b, ctx, True, level)
    if level == "one-each":
        (k, x), (_, y) = _held(c, a)[0], _held(c, b)[0]
        return Outcome(level, _facts(edge=ctx.edge_label(k), left=ctx.label(x), right=ctx.label(y)))
    common = sorted(a.holders & b.holders)
    key, holder = common[0]
    return Outcome(level, _facts(edge=ctx.edge_label(key), holder=ctx.label(holder), more=len(common) - 1))


def co_values_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level of each pair: ``co-values`` where the two share a holder, else ``held-apart`` where both are
    held under ``apart_under`` (effects) by holders told apart (:func:`held_apart_levels`), else ``one-each``
    where each is the one value of its one holder and the holders may be one (:func:`one_each`), else ``none``."""
    under = c.options.get("apart_under") or frozenset()
    read: dict[str, bool] = {}

    def held(p: Profile) -> bool:
        found = read.get(p.node)
        if found is None:
            found = read[p.node] = bool(under) and any(k in under for k, _ in p.holders)
        return found

    out: list = []
    apart = []
    for i, (a, b) in enumerate(zip(left, right)):
        if not a.holders.isdisjoint(b.holders):
            out.append("co-values")
        else:
            out.append("none")
            if held(a) and held(b):
                apart.append(i)
    for i, level in zip(apart, held_apart_levels(c, [(left[i], right[i]) for i in apart], ctx)):
        out[i] = level if level != "none" or not one_each(c, left[i], right[i], ctx) else "one-each"
    return out


def _held(c: Comparison, p: Profile) -> list[tuple[str, str]]:
    """The (property, holder) pairs that hold ``p`` under ``apart_under`` (the incidents it is an effect of)."""
    under = c.options.get("apart_under") or frozenset()
    return sorted((k, h) for k, h in p.holders if k in under)


def one_each(c: Comparison, a: Profile, b: Profile, ctx: Context) -> bool:
    """Is each the one value under ``apart_under`` of its one holder, and are the two holders one provisional
    cluster or a possible pair (the collective step)? The one effect of each of two tellings of one event is
    one effect told twice ("up to 1.9 million people locked out", "around half of the customers could not
    get into their accounts").

    >>> from kg.analysis.levels import compare, from_turtle
    >>> from kg.analysis.comparisons import profiles
    >>> from kg.analysis.nxgraph import EXAMPLE
    >>> g = from_turtle('''
    ... :o a kg:Incident ; rdfs:label "Bank meltdown" ; kg:hadEffect :e1 .
    ... :p a kg:Incident ; rdfs:label "Online banking failures" ; kg:hadEffect :e2 .
    ... :q a kg:Incident ; rdfs:label "Card outage" ; kg:hadEffect :e3, :e4 .
    ... :e1 a kg:Effect ; rdfs:label "Customers locked out" .  :e2 a kg:Effect ; rdfs:label "Half the customers cut off" .
    ... :e3 a kg:Effect ; rdfs:label "Payments declined" .  :e4 a kg:Effect ; rdfs:label "Shops closed" .
    ... ''')
    >>> found, c, E = profiles(g), model().comparison("siblings"), EXAMPLE
    >>> ctx = Context(g, found, {E + "o": E + "o", E + "p": E + "o"}, frozenset({(E + "o", E + "q")}))
    >>> [one_each(c, found[E + "e1"], found[E + x], ctx) for x in ("e2", "e3")]
    [True, False]
    >>> compare(c, found[E + "e1"], found[E + "e2"], ctx)
    Outcome(level='one-each', facts=(('edge', 'had effect'), ('left', 'Bank meltdown'), ('right', 'Online banking failures')), via=())
    """
    ha, hb = _held(c, a), _held(c, b)
    if len(ha) != 1 or len(hb) != 1 or ha[0][0] != hb[0][0]:
        return False
    (key, x), (_, y) = ha[0], hb[0]
    if x == y or not (ctx.canon(x) == ctx.canon(y) or maybe_one({x}, {y}, ctx)):
        return False
    px, py = ctx.profiles.get(x), ctx.profiles.get(y)
    return px is not None and py is not None and all(sum(k == key for k, _ in p.features) == 1 for p in (px, py))


def held_apart(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """Values of one property (``apart_under``: an incident's effects) of two holders told apart, by dates
    disjoint by more than a few days or by different affected organisations: the effects of two incidents.

    >>> from kg.analysis.levels import compare_items, from_turtle
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
    level = level or held_apart_levels(c, [(a, b)], ctx)[0]
    if not facts or level == "none":
        return Outcome(level)
    under = c.options["apart_under"]
    ha, hb = ([(k, h) for k, h in p.holders if k in under] for p in (a, b))
    return Outcome(level, _facts(edge=ctx.edge_label(ha[0][0]), left=ctx.label(ha[0][1]), right=ctx.label(hb[0][1])))


def held_apart_levels(c: Comparison, pairs: list[tuple[Profile, Profile]], ctx: Context) -> list[str]:
    """``held-apart`` for each pair whose holders under ``apart_under`` are each told apart from the other's
    (dates ``apart`` or ``far``, or a ``different`` affected organisation), else ``none``.

    An effect may be held by many incidents, so a pair has many two holders to tell apart. Whether two are
    told apart is found once a call, however many pairs hold them, and the holders are compared a round at
    a time, each pair's next ones in one round (1, 2, 4... of them): a pair stops at its first two not told
    apart (most stop at their first), and the level does not depend on the order."""
    under = c.options.get("apart_under")
    if not under or not pairs:
        return ["none"] * len(pairs)
    m = model()
    dates, affected = m.comparison("dates"), m.comparison("affected organisation")
    held: dict[str, list[tuple[str, str]]] = {}

    def held_of(p: Profile) -> list[tuple[str, str]]:
        found = held.get(p.node)
        if found is None:
            found = held[p.node] = [(k, h) for k, h in p.holders if k in under]
        return found

    told: dict[tuple[str, str], bool] = {}  # two holders (x, y) → told apart
    profiles_of, canon = ctx.profiles.get, ctx.canon

    def two_holders(a: Profile, b: Profile):
        """Each two holders to tell apart, in order; None where two cannot be (the pair is not held apart)."""
        hb = held_of(b)
        for ka, x in held_of(a):
            for kb, y in hb:
                if ka != kb:
                    yield None
                    return
                yield x, y

    found = ["none"] * len(pairs)
    pending = {i: two_holders(a, b) for i, (a, b) in enumerate(pairs) if held_of(a) and held_of(b)}
    size = 1
    while pending:
        now: dict[int, list] = {}
        fresh: dict[tuple[str, str], tuple[Profile, Profile]] = {}  # two holders not yet told, in order
        for i, rest in pending.items():
            some = list(islice(rest, size))
            now[i] = some
            for two in some:
                if two is None or two in told or two in fresh:
                    continue
                (x, y) = two
                px, py = profiles_of(x), profiles_of(y)
                if px is None or py is None or canon(x) == canon(y) or maybe_one({x}, {y}, ctx):
                    told[two] = False
                else:
                    fresh[two] = (px, py)
        levels = dates_levels(dates, [px for px, _ in fresh.values()], [py for _, py in fresh.values()], ctx) if fresh else []
        for two, (px, py), level in zip(fresh, fresh.values(), levels):
            told[two] = level in ("apart", "far") or value_level(affected, px, py, ctx) == "different"
        for i, some in now.items():
            apart = all(two is not None and told[two] for two in some)
            if apart and len(some) < size:
                found[i] = "held-apart"  # every two told apart
            if not apart or len(some) < size:
                del pending[i]
        size *= 2
    return found


def parts(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """A part beside its whole, or two parts of one whole: the part of a thing is not the thing, and two
    parts of one thing are two, unless it is told twice.

    One is a part of the other when its whole is the other, in the other's provisional cluster, or
    a possible pair with it (the collective step): "DynamoDB errors", a part of the region's
    disruption, is not the news's "outage" that may be that disruption.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :all a kg:Incident ; rdfs:label "Region disruption" .
    ... :db a kg:Incident ; rdfs:label "Database errors" ; dcterms:isPartOf :all .
    ... :lb a kg:Incident ; rdfs:label "Balancer errors" ; dcterms:isPartOf :all .
    ... :news a kg:Incident ; rdfs:label "Cloud outage" .
    ... ''')
    >>> compare_items(g, "db", "lb", "part and whole")
    Outcome(level='parts-of-one', facts=(('whole', 'Region disruption'),), via=())
    >>> from kg.analysis.nxgraph import EXAMPLE
    >>> g.add_node(EXAMPLE + "all", cls="IncidentTrend")  # two incidents of one trend may be one told twice
    >>> compare_items(g, "db", "lb", "part and whole").level
    'none'

    >>> from kg.analysis.comparisons import profiles
    >>> from kg.analysis.levels import compare
    >>> found = profiles(g)
    >>> ctx = Context(g, found, candidates=frozenset({(EXAMPLE + "all", EXAMPLE + "news")}))
    >>> compare(model().comparison("part and whole"), found[EXAMPLE + "db"], found[EXAMPLE + "news"], ctx)
    Outcome(level='part-of-other', facts=(('other', 'Cloud outage'), ('part', 'Database errors'), ('whole', 'Region disruption')), via=())
    """
    level = level or parts_levels(c, [a], [b], ctx)[0]
    if not facts or level == "none":
        return Outcome(level)
    canon, candidates = ctx.canonical, ctx.candidates
    if level == "part-of-other":
        for part, other in ((a, b), (b, a)):
            o = other.node
            hits = [x for x in _own_wholes(c, part, ctx) if canon.get(x, x) == canon.get(o, o) or (min(x, o), max(x, o)) in candidates]
            if hits:  # the least, as the facts name it
                return Outcome(level, _facts(part=part.label, whole=ctx.label(min(hits)), other=other.label))
    shared = {canon.get(x, x) for x in _own_wholes(c, a, ctx) if ctx.cls(x) == a.cls} \
        & {canon.get(y, y) for y in _own_wholes(c, b, ctx) if ctx.cls(y) == b.cls}
    return Outcome(level, _facts(whole=ctx.label(min(shared))))


def _own_wholes(c: Comparison, p: Profile, ctx: Context):
    """An item's own wholes, not those pooled from its provisional cluster: a cluster that joins a part to the
    news's telling of its whole would make the whole a part of itself."""
    return ctx.profiles.get(p.node, p).values.get(c.name, ())


def parts_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level of each pair: ``part-of-other`` where one's whole is the other, in its provisional cluster or a
    possible pair with it; ``parts-of-one`` where both are parts of one whole of their own class (two phases of
    one incident, two components of one system; members of a whole of another kind, two incidents of one
    trend, may be one told twice); else ``none``. Each item's wholes are read once."""
    canon, candidates, cls_of = ctx.canonical, ctx.candidates, ctx.cls
    read: dict[str, tuple] = {}

    def wholes(p: Profile) -> tuple:
        found = read.get(p.node)
        if found is None:
            mine = _own_wholes(c, p, ctx)
            found = read[p.node] = (mine, frozenset(canon.get(x, x) for x in mine),
                                    frozenset(canon.get(x, x) for x in mine if cls_of(x) == p.cls))
        return found

    def part_of(wholes: frozenset, clustered: frozenset, other: str) -> bool:
        return canon.get(other, other) in clustered or (bool(candidates) and any(
            ((x, other) if x < other else (other, x)) in candidates for x in wholes))

    out = []
    for a, b in zip(left, right):
        wa, ca, ka = read.get(a.node) or wholes(a)
        wb, cb, kb = read.get(b.node) or wholes(b)
        if not wa and not wb:
            out.append("none")
        elif (wa and part_of(wa, ca, b.node)) or (wb and part_of(wb, cb, a.node)):
            out.append("part-of-other")
        elif wa and wb and not ka.isdisjoint(kb):
            out.append("parts-of-one")
        else:
            out.append("none")
    return out
