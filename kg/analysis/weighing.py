"""Weighing many pairs at once: the match weight of every blocked pair, without words.

:func:`kg.analysis.levels.level` puts one pair at one comparison's level.
Weighing a hundred thousand pairs that way spends its time in calls, not in
comparing. Here each comparison runs over all the pairs of one plan (a class
and its kinds) together: numpy over pair arrays where the kind allows it
(dates, one-valued properties, flags), a tight loop over precomputed sets
where it does not, and the kind's own function (:mod:`kg.analysis.levels`)
for any pair the fast path cannot decide. The weights are the same, pair for
pair, as weighing each pair alone (``tests/analysis/test_weighing.py``).

>>> from kg.analysis.comparisons import Context, profiles
>>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
>>> g = from_turtle('''
... :a a kg:Incident ; rdfs:label "Checkout outage" ; dcterms:date "2026-03-02"^^xsd:date .
... :b a kg:Incident ; rdfs:label "Outage at checkout" ; dcterms:date "2026-03-02"^^xsd:date .
... :c a kg:Incident ; rdfs:label "Billing delay" ; dcterms:date "2025-01-10"^^xsd:date .
... ''')
>>> found = profiles(g)
>>> pairs = [(EXAMPLE + "a", EXAMPLE + "b"), (EXAMPLE + "a", EXAMPLE + "c")]
>>> from kg.analysis.weights import estimate
>>> ctx = Context(g, found)
>>> weights = estimate(g, found, ctx, {})
>>> fast = weigh_pairs(pairs, found, ctx, weights)
>>> slow = {p: one_pair(found[p[0]], found[p[1]], ctx, weights) for p in pairs}
>>> fast == slow, fast[pairs[0]] > 0 > fast[pairs[1]]
(True, True)
"""

from __future__ import annotations

from itertools import repeat
from typing import Callable

from kg.analysis.comparisons import Comparison, Context, Profile, model
from kg.analysis.levels import level_function
from kg.analysis.levels import levels_of
from kg.analysis.weights import Weights, applies

__all__ = ["weigh_pairs", "weigh_kept", "level_counts", "own_levels", "kept_levels", "one_pair"]

def _plan(a: Profile, b: Profile, weights: Weights, plans: dict) -> list:
    """The comparisons that apply to a pair of these kinds, each with its function and weight table."""
    key = (a.cls, a.kinds, b.kinds)
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = [(c, level_function(c), weights.get((c.name, a.cls), {})) for c in model().comparisons if applies(c, a, b)]
    return plan


def one_pair(a: Profile, b: Profile, ctx: Context, weights: Weights, plans: dict | None = None) -> float:
    """The match weight of one pair, each comparison by its kind's own function (the reference)."""
    plan = _plan(a, b, weights, {} if plans is None else plans)
    found = [[kind(c, a, b, ctx, False)[0]] if _needed(c, table) else None for c, kind, table in plan]
    return round(float(_totals(plan, found, 1)[0]), 3)


def _needed(c: Comparison, table: dict) -> bool:
    """Must the pairs' levels of ``c`` be known? Not when every level weighs nothing and ``c`` is in no family."""
    return bool(c.options.get("family")) or any(table.values())


def _totals(plan: list, found: list, n: int):
    """The match weights of ``n`` pairs from each comparison's levels (None: not needed), a family counted once.

    Each comparison's levels are numbered once (:func:`_numbered`), and its weights, what it says and what
    rules alone are looked up by number."""
    import numpy as np

    from kg.analysis.weights import counted, decisive, strongest

    total = np.full(n, model().prior_weight)
    families: dict[str, tuple[list, list, list]] = {}
    for (c, _, table), levels in zip(plan, found):
        if levels is None:
            continue
        numbers = levels if isinstance(levels, np.ndarray) else _numbered(c, levels)
        w = np.array([*(table.get(lv.level, 0.0) for lv in c.levels), 0.0], dtype=float)[numbers]
        family = c.options.get("family")
        if family:
            said = families.setdefault(family, ([], [], []))
            said[0].append(w)
            said[1].append(np.array([*(counted(c, lv.level) for lv in c.levels), True], dtype=bool)[numbers])
            said[2].append(np.array([*(decisive(c, lv.level) for lv in c.levels), False], dtype=bool)[numbers])
        else:
            total += w
    for ws, said, alone in families.values():
        total += strongest(np.array(ws), np.array(said), np.array(alone))[0]
    return total


def _rounded(totals):
    """Each match weight to thousandths, as Python floats (the array's list, then one ``round`` each: the same
    numbers as ``round(float(w), 3)`` a weight, without a numpy scalar each).

    >>> import numpy as np
    >>> list(_rounded(np.array([0.12345, -2.25, 3.0])))
    [0.123, -2.25, 3.0]
    """
    return map(round, totals.tolist(), repeat(3))


def _numbered(c: Comparison, levels: list):
    """Each level's place among ``c``'s levels (a level ``c`` does not declare: one past the last)."""
    import numpy as np

    places: dict[str, int] = {}
    for i, lv in enumerate(c.levels):
        places[lv.level] = i  # (the last of one name, as a dict of the levels keeps it)
    other = len(c.levels)
    return np.fromiter(map(places.get, levels, repeat(other)), dtype=np.intp, count=len(levels))


def _levels(c: Comparison, keys: list, left: list, right: list, ctx: Context, known: dict | None, split) -> list:
    """The level of each pair at ``c``: those in ``known`` taken, the others found all at once.

    ``split()`` gives the places of the plan's pairs that some comparison's ``known`` holds, and the
    places and profiles of the others (made once a plan: most pairs of a large class are not known)."""
    if not known:
        return levels_of(c, left, right, ctx)
    at, rest, rest_left, rest_right = split()
    if not at:
        return levels_of(c, left, right, ctx)
    got = [known.get(keys[i]) for i in at]
    if None in got:  # some known pairs not known at this comparison: each pair looked up
        found = [known.get(key) for key in keys]
        missing = [i for i, lv in enumerate(found) if lv is None]
        for i, lv in zip(missing, levels_of(c, [left[i] for i in missing], [right[i] for i in missing], ctx)):
            found[i] = lv
        return found
    if not rest:
        return got
    import numpy as np

    found = np.empty(len(keys), dtype=object)
    found[rest] = levels_of(c, rest_left, rest_right, ctx)
    found[at] = got
    return found.tolist()


def _splitter(keys: list, left: list, right: list, known: dict | None):
    """For :func:`_levels`: the places of the pairs any comparison's ``known`` holds, and the others', made on first use."""
    made: list = []

    def split() -> tuple:
        if not made:
            pairs = set().union(*known.values()) if known else set()
            at = [i for i, key in enumerate(keys) if key in pairs]
            if not at:
                made.append(([], [], [], []))
            else:
                taken = set(at)
                rest = [i for i in range(len(keys)) if i not in taken]
                made.append((at, rest, [left[i] for i in rest], [right[i] for i in rest]))
        return made[0]

    return split


def weigh_pairs(pairs, profiles: dict[str, Profile], ctx: Context, weights: Weights, plans: dict | None = None,
                profile_of: Callable[[str, str], tuple[Profile, Profile]] | None = None,
                known: dict | None = None, kept: list | None = None) -> dict[tuple[str, str], float]:
    """The match weight of each pair, comparison by comparison over all the pairs of one plan at once.

    ``profile_of(a, b)``, if given, gives the two profiles a pair is weighed with
    (the collective step's pooled ones); by default ``profiles[a], profiles[b]``.
    ``known`` holds levels already found for these profiles and this context
    (comparison name → pair → level, as :func:`kg.analysis.weights.estimate` leaves them); the rest are found.
    ``kept``, if given, receives each plan's pairs, profiles, levels and their numbers (:func:`_numbered`),
    for :func:`weigh_kept` and :func:`level_counts`.
    """
    plans = {} if plans is None else plans
    groups: dict[int, tuple[list, list, list, list]] = {}
    for a, b in pairs:
        pa, pb = profile_of(a, b) if profile_of else (profiles[a], profiles[b])
        plan = _plan(pa, pb, weights, plans)
        group = groups.get(id(plan))
        if group is None:
            group = groups[id(plan)] = (plan, [], [], [])
        group[1].append((a, b))
        group[2].append(pa)
        group[3].append(pb)
    out: dict[tuple[str, str], float] = {}
    for plan, keys, left, right in groups.values():
        levels = []
        split = _splitter(keys, left, right, known)
        for c, _, table in plan:
            if not _needed(c, table):
                levels.append(None)  # every level weighs nothing: no need to know which
                continue
            levels.append(_levels(c, keys, left, right, ctx, (known or {}).get(c.name), split))
        numbers = [None if found is None else _numbered(c, found) for (c, _, _), found in zip(plan, levels)]
        if kept is not None:
            kept.append((plan, keys, left, right, levels, numbers))
        out.update(zip(keys, _rounded(_totals(plan, numbers, len(keys)))))
    return out


def weigh_kept(kept: list, ctx: Context, weights: Weights, own: dict | None = None) -> dict[tuple[str, str], float]:
    """The match weight of each pair :func:`weigh_pairs` weighed (its levels ``kept``), under new ``weights``,
    or, for a pair in ``own`` (pair → weights), under its own: the levels are taken, not found again, but for
    a comparison that weighed nothing before."""
    out: dict[tuple[str, str], float] = {}
    for plan, keys, left, right, _, numbers in kept:
        groups: dict[int, tuple[Weights, list[int]]] = {}
        for i, key in enumerate(keys) if own else ():
            table = own.get(key)
            if table is not None:
                groups.setdefault(id(table), (table, []))[1].append(i)
        if not groups:
            out.update(_kept_totals(plan, keys, left, right, numbers, ctx, weights))
            continue
        mine = {i for _, rows in groups.values() for i in rows}
        rest = [i for i in range(len(keys)) if i not in mine]
        for table, rows in [(weights, rest), *groups.values()]:
            if rows:
                out.update(_kept_totals(plan, [keys[i] for i in rows], [left[i] for i in rows], [right[i] for i in rows],
                                        [None if n is None else n[rows] for n in numbers], ctx, table))
    return out


def _kept_totals(plan, keys, left, right, numbers, ctx: Context, weights: Weights):
    cls = left[0].cls
    now = [(c, kind, weights.get((c.name, cls), {})) for c, kind, _ in plan]
    found = [lv if lv is not None or not _needed(c, table) else levels_of(c, left, right, ctx)
             for (c, _, table), lv in zip(now, numbers)]
    return zip(keys, _rounded(_totals(now, found, len(keys))))


def own_levels(kept: list, chosen) -> dict[tuple[str, str], tuple[tuple[tuple[str, str], str], ...]]:
    """Each of the ``chosen`` pairs' levels, as :func:`level_counts` counts them: pair → ((class, comparison
    name), level) for each comparison whose levels were found, in the plan's order."""
    found: dict[tuple[str, str], list] = {}
    for plan, keys, left, _, levels, _ in kept:
        rows = [i for i, key in enumerate(keys) if key in chosen]
        for (c, _, _), lv in zip(plan, levels):
            if lv is not None:
                for i in rows:
                    found.setdefault(keys[i], []).append(((left[0].cls, c.name), lv[i]))
    return {pair: tuple(levels) for pair, levels in found.items()}


def level_counts(kept: list, chosen) -> dict[tuple[str, str], dict[str, int]]:
    """How many of the ``chosen`` pairs :func:`weigh_pairs` put at each level of each comparison, by class
    ((class, comparison name) → level → pairs; by its ``kept`` levels)."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for plan, keys, left, _, levels, _ in kept:
        rows = [i for i, key in enumerate(keys) if key in chosen]
        if not rows:
            continue
        for (c, _, _), found in zip(plan, levels):
            if found is not None:
                mine = counts.setdefault((left[0].cls, c.name), {})
                for i in rows:
                    mine[found[i]] = mine.get(found[i], 0) + 1
    return counts


def kept_levels(kept: list, pairs, taken: Callable[[Comparison], bool]) -> dict[str, dict[tuple[str, str], str]]:
    """The levels :func:`weigh_pairs` found for ``pairs`` (its ``kept`` levels), comparison name → pair → level,
    for the comparisons ``taken(c)`` says may be taken: the ``known`` of a later weighing of those pairs."""
    wanted = set(pairs)
    known: dict[str, dict[tuple[str, str], str]] = {}
    for plan, keys, _, _, levels, _ in kept:
        rows = [(i, key) for i, key in enumerate(keys) if key in wanted]
        if not rows:
            continue
        for (c, _, _), found in zip(plan, levels):
            if found is not None and taken(c):
                mine = known.setdefault(c.name, {})
                for i, key in rows:
                    mine[key] = found[i]
    return known
