"""The weights of the identity model's levels, estimated for one graph: log2(m/u) per level and class.

m is estimated from the pairs a case judges ``same``; u from random pairs of
the class (seeded, so deterministic) and the pairs judged ``different``, for
the comparisons marked ``u: estimated``; both are blended with the priors of
``ontology/comparisons.yaml`` as ``strength`` pseudo-pairs.

>>> _random_pairs(["a", "b", "c"], 10, "seed")
[('a', 'b'), ('a', 'c'), ('b', 'c')]
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from itertools import combinations

from kg.analysis.comparisons import Comparison, Context, Profile, model


__all__ = ["Weights", "applies", "estimate", "counted", "strongest"]


Weights = dict[tuple[str, str], dict[str, float]]  # (comparison, class) → level → weight


def applies(c: Comparison, a: Profile, b: Profile) -> bool:
    return bool(c.classes & a.kinds) and bool(c.classes & b.kinds)


def counted(c: Comparison, level_name: str) -> bool:
    """Does ``c`` at this level say anything (for its family's strongest)? A neutral level (missing data) does not."""
    return not any(lv.neutral for lv in c.levels if lv.level == level_name)


def decisive(c: Comparison, level_name: str) -> bool:
    """Does ``c`` at this level count alone in its family? (A name that names a part of the other: the words
    the description and the meaning share are the whole's name, which says the same thing, not more.)"""
    return any(lv.decisive for lv in c.levels if lv.level == level_name)


def strongest(weights, said, alone=None):
    """A family's weight for each pair: its strongest member for, plus its strongest member against.

    The rows of ``weights`` and ``said`` are a family's members (comparisons that read one thing, such as
    an item's words by name, by lemma and by meaning), their columns the pairs; a member that said
    nothing (a neutral level) is left out. One piece of evidence read three ways counts once each way:
    the words can still be both for (a shared rare word) and against (a name that names a part).
    Also gives which members count, for (-1: none) and against.

    >>> import numpy as np
    >>> w = np.array([[-1.4, -3.7, 0.5], [-1.2, 2.3, 0.0], [0.0, 0.4, 0.3]])
    >>> best, high, low = strongest(w, np.ones((3, 3), dtype=bool))
    >>> best.round(2).tolist(), high.tolist(), low.tolist()
    ([-1.4, -1.4, 0.5], [-1, 1, 0], [0, 0, -1])

    ``alone`` marks the members at a :func:`decisive` level: where one is, it counts and no other does.

    >>> alone = np.zeros((3, 3), dtype=bool)
    >>> alone[0, 1] = True
    >>> best, high, low = strongest(w, np.ones((3, 3), dtype=bool), alone)
    >>> best.round(2).tolist(), high.tolist(), low.tolist()
    ([-1.4, -3.7, 0.5], [-1, -1, 0], [0, 0, -1])
    """
    import numpy as np

    said = said & (weights != 0)
    high = np.argmax(np.where(said, weights, -np.inf), axis=0)
    low = np.argmin(np.where(said, weights, np.inf), axis=0)
    up = np.take_along_axis(np.where(said, weights, 0.0), high[None, :], axis=0)[0]
    down = np.take_along_axis(np.where(said, weights, 0.0), low[None, :], axis=0)[0]
    up, down = np.maximum(up, 0.0), np.minimum(down, 0.0)
    best, high, low = up + down, np.where(up > 0, high, -1), np.where(down < 0, low, -1)
    if alone is not None:
        alone = alone & said
        if alone.any():
            ruled = alone.any(axis=0)
            which = np.argmax(alone, axis=0)
            w = np.take_along_axis(weights, which[None, :], axis=0)[0]
            best = np.where(ruled, w, best)
            high = np.where(ruled, np.where(w > 0, which, -1), high)
            low = np.where(ruled, np.where(w < 0, which, -1), low)
    return best, high, low


def strongest_one(weights: list[float], said: list[bool], alone: list[bool] | None = None) -> tuple[int, int]:
    """:func:`strongest` for one pair, without arrays: which member counts for and which against (-1: none).

    >>> strongest_one([-3.7, 2.3, 0.4], [True, True, True]), strongest_one([-1.4, -1.2, 0.0], [True, True, False])
    ((1, 0), (-1, 0))
    """
    ruling = [k for k, (w, s, a) in enumerate(zip(weights, said, alone or [False] * len(weights))) if s and a and w != 0]
    if ruling:
        k = ruling[0]
        return (k if weights[k] > 0 else -1), (k if weights[k] < 0 else -1)
    spoke = [(w, k) for k, (w, s) in enumerate(zip(weights, said)) if s and w != 0]
    high = max(spoke, key=lambda x: x[0], default=(0.0, -1))  # the first of equals, as numpy's argmax
    low = min(spoke, key=lambda x: x[0], default=(0.0, -1))
    return (high[1] if high[0] > 0 else -1), (low[1] if low[0] < 0 else -1)


def estimate(g, items: dict[str, Profile], ctx: Context, judged, across_cases: bool = False, known: dict | None = None,
             also_same: dict[tuple[str, str], dict[str, int]] | None = None, u_found: dict | None = None,
             only_class: str | None = None) -> Weights:
    """Each comparison's level weights per class: log2(m/u), m from `same` pairs, u from random pairs
    (their levels found as weighing finds them, :func:`kg.analysis.levels.levels_of`).

    ``known``, if given, receives the levels found for u, comparison name → pair → level, for the
    weighing to take rather than find again (in a small case the random pairs are every pair).
    ``also_same`` counts the levels of more pairs taken as same ((class, comparison name) → level → pairs:
    the case's own most likely pairs, :func:`kg.analysis.identity.find_candidates`); ``u_found`` keeps the
    counts of the random pairs' levels between two estimates, (class, comparison name) → level → pairs,
    those of the pairs judged same (under the key None) and the items by class. ``only_class`` gives the
    weights of that class alone.
    """
    from kg.analysis.levels import levels_of
    from kg.ontology import Judgement

    m = model()
    same_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # pooled over classes
    class_counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    judged_same = u_found.get(None) if u_found is not None else None
    if judged_same is None:
        judged_same = _judged_same_counts(items, ctx, judged)
        if u_found is not None:
            u_found[None] = judged_same
    for source in (judged_same, also_same or {}):
        for (cls, name), found in source.items():
            for level_name, n in found.items():
                same_counts[name][level_name] += n
                class_counts[(cls, name)][level_name] += n
    by_class: dict[str, list[str]] | None = u_found.get("by class") if u_found is not None else None
    if by_class is None:
        by_class = defaultdict(list)
        for node in sorted(items):
            by_class[items[node].cls].append(node)
        if u_found is not None:
            u_found["by class"] = by_class
    if only_class is not None:
        by_class = {only_class: by_class[only_class]}
    different = [pair for pair, value in sorted(judged.items()) if value is Judgement.DIFFERENT]
    samples = {}
    for cls, members in sorted(by_class.items()):
        exemplar = items[members[0]]
        if u_found is not None and all((cls, c.name) in u_found for c in m.comparisons if c.classes & exemplar.kinds):
            samples[cls] = (exemplar, [])  # every u of the class counted before: no pairs to draw
            continue
        sample = _random_pairs(members, m.u_sample, f"{m.seed}:{cls}", None if across_cases else (lambda x: items[x].case))
        sample += [pair for pair in different if all(x in items and items[x].cls == cls for x in pair)]
        samples[cls] = (items[members[0]], sample)
    # the random pairs' levels, each comparison's for every class at once (a small case has many small classes)
    u_levels: dict[tuple[str, str], list[str]] = {}
    for c in m.comparisons:
        wanted = [cls for cls, (exemplar, _) in samples.items() if c.classes & exemplar.kinds and c.estimate_u
                  and not (u_found is not None and (cls, c.name) in u_found)]
        pairs = [pair for cls in wanted for pair in samples[cls][1]]
        found = levels_of(c, [items[a] for a, _ in pairs], [items[b] for _, b in pairs], ctx)
        at = 0
        for cls in wanted:
            n = len(samples[cls][1])
            u_levels[(cls, c.name)] = found[at:at + n]
            at += n
        if known is not None and pairs:
            known.setdefault(c.name, {}).update(zip(pairs, found))
    weights: Weights = {}
    for cls, (exemplar, sample) in samples.items():
        for c in m.comparisons:
            if not c.classes & exemplar.kinds:
                continue
            counted = [lv for lv in c.levels if not lv.neutral]
            u_counts: dict[str, int] = defaultdict(int)
            if u_found is not None and (cls, c.name) in u_found:
                u_counts.update(u_found[(cls, c.name)])
            elif c.estimate_u:
                for level_name in u_levels[(cls, c.name)]:
                    u_counts[level_name] += 1
            if u_found is not None:
                u_found[(cls, c.name)] = dict(u_counts)
            n_u = sum(u_counts[lv.level] for lv in counted)
            n_m = sum(same_counts[c.name][lv.level] for lv in counted)
            mine = class_counts[(cls, c.name)]
            n_class = sum(mine[lv.level] for lv in counted)
            own = n_class >= m.strength  # enough pairs of the class for its own m (blended with the pooled)
            table = {}
            for lv in c.levels:
                if lv.neutral:
                    table[lv.level] = 0.0
                    continue
                pooled = (same_counts[c.name][lv.level] + m.strength * lv.m) / (n_m + m.strength)
                mm = (mine[lv.level] + m.strength * pooled) / (n_class + m.strength) if own else pooled
                uu = (u_counts[lv.level] + m.strength * lv.u) / (n_u + m.strength)
                w = math.log2(mm / uu)
                if c.cap is not None:
                    w = max(-c.cap, min(c.cap, w))
                if lv.m > lv.u and c.options.get("agreement_not_against"):
                    w = max(0.0, w)  # agreement the case's own pairs reach as often as real ones: it says nothing
                if c.options.get("only_for"):
                    w = max(0.0, w)  # evidence for a pair, never against it (however common the level)
                table[lv.level] = round(w, 3)
            weights[(c.name, cls)] = table
    return weights


def _judged_same_counts(items: dict[str, Profile], ctx: Context, judged) -> dict[str, dict[str, int]]:
    """How many of the pairs judged same each comparison puts at each level (comparison name → level → pairs),
    the pairs of a comparison found at once (:func:`kg.analysis.levels.levels_of`)."""
    from kg.analysis.levels import levels_of
    from kg.ontology import Judgement

    same = [(items[a], items[b]) for (a, b), value in sorted(judged.items())
            if value is Judgement.SAME and a in items and b in items]
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for c in model().comparisons:
        at = [(a, b) for a, b in same if applies(c, a, b)]
        if at:
            for (a, _), level_name in zip(at, levels_of(c, [a for a, _ in at], [b for _, b in at], ctx)):
                found = counts.setdefault((a.cls, c.name), {})
                found[level_name] = found.get(level_name, 0) + 1
    return counts


def _random_pairs(members: list[str], limit: int, seed: str, group=None) -> list[tuple[str, str]]:
    """Up to ``limit`` random pairs of ``members`` (all of them when there are fewer), seeded.

    With ``group`` (item → its case), both members of a pair come from one
    group: u is then measured on the pairs blocking can propose.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for x in members:
        groups[group(x) if group else ""].append(x)
    pools = [g for _, g in sorted(groups.items()) if len(g) >= 2]
    total = sum(len(g) * (len(g) - 1) // 2 for g in pools)
    if total <= limit:
        return [pair for g in pools for pair in combinations(g, 2)]
    rng = random.Random(seed)
    weights = [len(g) * (len(g) - 1) for g in pools]
    pairs = []
    for pool in rng.choices(pools, weights=weights, k=limit):
        i, j = rng.sample(range(len(pool)), 2)
        pairs.append((pool[min(i, j)], pool[max(i, j)]))
    return pairs
