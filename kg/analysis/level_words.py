"""Shared neighbours and shared words, as identity compares them.

Kinds of :mod:`kg.analysis.levels`: ``shared-context`` (the typed neighbours both point at, each
weighed by its rarity in the class) and ``description`` (the words that describe both, a cosine
of rarity-weighted lemmas). Each gives the levels of many pairs at once over arrays
(:func:`context_levels`, :func:`description_levels`); one pair's level is the same function's, and
its facts are gathered only when asked.
"""

from __future__ import annotations

import math

from kg.analysis.comparisons import Comparison, Context, Outcome
from kg.analysis.comparisons import fact_pairs as _facts
from kg.analysis.level_arrays import at_levels, rows, shared_keys
from kg.analysis.profiles import Profile, merged_words

__all__ = ["context", "context_levels", "description", "description_levels"]


def context(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """Shared typed neighbours, each 1/ln(n) for the n items of the class that have it; the level caps the sum.

    >>> from kg.analysis.levels import compare_items, from_turtle
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
    level = level or context_levels(c, [a], [b], ctx)[0]
    if not facts:
        return Outcome(level)
    fa, fb = (a.features, b.features) if len(a.features) <= len(b.features) else (b.features, a.features)
    shared = [key for key in fa if key in fb]
    weights = [_rarity(ctx, a.cls, key) for key in shared]
    found = sorted((-w, ctx.edge_label(k), ctx.label(v)) for w, (k, v) in zip(weights, shared))
    return Outcome(level, _facts(shared=tuple((edge, label) for _, edge, label in found), total=round(sum(weights), 2)))


def _rarity(ctx: Context, cls: str, key: tuple) -> float:
    """What a neighbour shared weighs: 1/ln(n) for the n items of the class that have it."""
    return 1 / math.log(max(ctx.feature_counts.get((cls, *key), 2), 2))


def context_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level of each pair: the rarity of the neighbours both point at, summed over arrays (in the order of
    the shorter row), by the levels' thresholds."""
    import numpy as np

    def row(p: Profile) -> tuple:
        keys = list(p.features)
        return keys, ([_rarity(ctx, p.cls, key) for key in keys],), 0.0

    table = rows(ctx, "_feature_rows", row, left, right)
    (rarity,) = table.values
    out: list = []
    for a, _, mine, _, pair in shared_keys(table):
        total = np.bincount(pair, weights=rarity[mine], minlength=len(a))
        out.extend(at_levels(c, total, c.levels[-1].level).tolist())
    return out


def description(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """The words that describe both, by lemma, each weighted by its rarity in English and in the class (a cosine).

    A proposition about both is left out: naming two things in one sentence does
    not make their descriptions alike.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Incident ; rdfs:label "Production database deletion" ; dcterms:description "The agent deleted the live database." .
    ... :b a kg:Incident ; rdfs:label "Data loss" ; dcterms:description "Records lost after the database was deleted." .
    ... :c a kg:Incident ; rdfs:label "Department update" .  :d a kg:Incident ; rdfs:label "Update from the department" .
    ... ''')
    >>> compare_items(g, "a", "b", "description")
    Outcome(level='strong', facts=(('shared', ('delet', 'databas')), ('similarity', 0.91)), via=())
    >>> compare_items(g, "c", "d", "description")
    Outcome(level='none', facts=(('shared', ('updat',)), ('similarity', 0.0)), via=())

    One word alone in common is at the level ``one_word``, of its own: a single rare word is shared by
    siblings as often as by one thing.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:System ; rdfs:label "Firewall upgrade" .  :b a kg:System ; rdfs:label "Firewall rollout" .
    ... :c a kg:System ; rdfs:label "Firewall rollout" ; dcterms:description "Rule upgrade" .
    ... ''')
    >>> compare_items(g, "a", "b", "description")  # "firewall" alone
    Outcome(level='one-word', facts=(('shared', ('firewall',)), ('similarity', 0.51)), via=())
    >>> compare_items(g, "a", "c", "description").level
    'strong'
    """
    level = level or description_levels(c, [a], [b], ctx)[0]
    if not facts or level == "missing":
        return Outcome(level)
    (wa, _, _), (wb, _, _) = _weighted(a, b, ctx)
    similarity, common, _, _, _ = _numbers(a, b, ctx)
    if common < c.options.get("least_shared", 0.0):
        similarity = 0.0  # only common words in common
    shared = [w for w in wa if w in wb]
    top = tuple(sorted(shared, key=lambda w: (-wa[w] * wb[w], w))[:6])
    return Outcome(level, _facts(shared=top, similarity=round(similarity, 2)))


def _weighted(a: Profile, b: Profile, ctx: Context) -> tuple[tuple, tuple]:
    """Each item's weighted words, the vector's length and the words' rarities; a proposition about both left out."""
    if a.propositions.isdisjoint(b.propositions):
        (wa, na), (wb, nb) = ctx.vector(a), ctx.vector(b)
        return (wa, na, a.words), (wb, nb, b.words)
    both = a.propositions & b.propositions
    ra, rb = merged_words(a.own_words, a.said_words, both), merged_words(b.own_words, b.said_words, both)
    (wa, na), (wb, nb) = ctx.weigh_words(a.cls, ra), ctx.weigh_words(b.cls, rb)
    return (wa, na, ra), (wb, nb, rb)


def _numbers(a: Profile, b: Profile, ctx: Context) -> tuple[float, float, int, float, float]:
    """One pair's cosine, the weight of its shared words, how many they are and the two vectors' lengths."""
    (wa, na, ra), (wb, nb, rb) = _weighted(a, b, ctx)
    if not na or not nb:
        return 0.0, 0.0, 0, na, nb
    if len(wa) > len(wb):
        wa, wb, ra, rb = wb, wa, rb, ra
    shared = [w for w in wa if w in wb]
    common = sum(ctx.word_weight(a.cls, w, min(ra[w], rb[w])) for w in shared)
    return sum(wa[w] * wb[w] for w in shared) / (na * nb), common, len(shared), na, nb


def description_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level of each pair: its cosine and the weight of its shared words summed over arrays (in the order of
    the shorter row), then by the levels' thresholds. A pair with a proposition about both is weighed alone,
    without those propositions' words (:func:`_numbers`)."""
    import numpy as np

    def row(p: Profile) -> tuple:
        weighted, norm = ctx.vector(p)  # (this fills the factors of its words)
        words = list(weighted)
        return words, (list(weighted.values()), [p.words[w] for w in words], [ctx._factors[(p.cls, w)] for w in words]), norm

    table = rows(ctx, "_word_rows", row, left, right)
    weights, rarities, factors = table.values
    parts = []
    for a, b, mine, theirs, pair in shared_keys(table):
        k = len(a)
        total = np.bincount(pair, weights=weights[mine] * weights[theirs], minlength=k)
        common = np.bincount(pair, weights=np.minimum(rarities[mine], rarities[theirs]) * factors[mine], minlength=k)
        with np.errstate(divide="ignore", invalid="ignore"):
            similarity = total / (table.scalars[a] * table.scalars[b])
        parts.append((similarity, common, np.bincount(pair, minlength=k), table.scalars[a], table.scalars[b]))
    similarity, common, shared, na, nb = (np.concatenate([p[i] for p in parts]) if parts else np.zeros(0) for i in range(5))
    for i, (pa, pb) in enumerate(zip(left, right)):
        if pa.propositions and pb.propositions and not pa.propositions.isdisjoint(pb.propositions):
            similarity[i], common[i], shared[i], na[i], nb[i] = _numbers(pa, pb, ctx)
    similarity[(similarity != 0) & (common < c.options.get("least_shared", 0.0))] = 0.0  # only common words in common
    found = at_levels(c, similarity, "none")
    if c.options.get("one_word"):
        found[(shared == 1) & (found != "none")] = c.options["one_word"]
    found[(na == 0) | (nb == 0)] = "missing"
    return found.tolist()
