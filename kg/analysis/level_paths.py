"""The level of each of many pairs at one comparison at once: a fast path per comparison kind.

:func:`levels_of` is what weighing (:mod:`kg.analysis.weighing`) and the
estimate of u (:mod:`kg.analysis.weights`) both use. Each kind's fast path
runs over all the pairs together (numpy over pair arrays for dates, one-valued
properties and vectors; a tight loop over precomputed sets elsewhere) and
leaves any pair it cannot decide to the kind's own function in
:mod:`kg.analysis.levels`, so the levels are the same as that function's.
"""

from __future__ import annotations

import math
from typing import Callable

from kg.analysis.comparisons import Comparison, Context, Profile
from kg.analysis.levels import description_level, level_function

__all__ = ["levels_of"]

#: A pair the fast path leaves to the kind's own function.
_UNDECIDED = None


def levels_of(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context, kind=None) -> list[str]:
    """The level ``c`` puts each pair (left[i], right[i]) at: the kind's fast path over all of them, and the
    kind's own function for any pair it leaves undecided (what weighing and the estimate of u both use)."""
    fast = _FAST.get(c.kind)
    found = fast(c, left, right, ctx) if fast else [_UNDECIDED] * len(left)
    if _UNDECIDED in found:
        kind = kind or level_function(c)
        found = [lv if lv is not _UNDECIDED else kind(c, pa, pb, ctx, False)[0] for lv, pa, pb in zip(found, left, right)]
    return found


# ---------------------------------------------------------------- the fast paths, one per kind


def _dates(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The levels of :func:`kg.analysis.levels._dates`, over arrays of days."""
    import numpy as np

    def days(ps, end: bool):
        return np.fromiter(((p.hi if end else p.lo).toordinal() if (p.hi if end else p.lo) else -1 for p in ps), dtype=np.int64,
                           count=len(ps))

    alo, ahi, blo, bhi = days(left, False), days(left, True), days(right, False), days(right, True)
    a_dated, b_dated = (alo >= 0) | (ahi >= 0), (blo >= 0) | (bhi >= 0)
    first = (alo >= 0) & (bhi >= 0) & (alo > bhi)
    second = ~first & (blo >= 0) & (ahi >= 0) & (blo > ahi)
    gap = np.where(first, alo - bhi, np.where(second, blo - ahi, 0))
    near, apart = c.options.get("near_days", 3), c.options.get("apart_days", 60)
    bounded = (alo >= 0) & (ahi >= 0) & (blo >= 0) & (bhi >= 0)
    one_day = bounded & (alo == ahi) & (ahi == blo) & (blo == bhi)
    both = np.where(gap > 0, np.where(gap <= near, "near", np.where(gap <= apart, "apart", "far")),
                    np.where(bounded, np.where(one_day, "same-day", "overlap"), "compatible"))
    texts = [bool(a.date_text) and a.date_text == b.date_text for a, b in zip(left, right)]
    found = np.where(a_dated & b_dated, both, np.where(texts, "same-text", np.where(a_dated | b_dated, "one-undated", "undated")))
    return found.tolist()


def _values(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """One-valued references: missing, same (cluster for cluster), different; the rest to the kind's function."""
    out = []
    canon, candidates = ctx.canonical, ctx.candidates
    for a, b in zip(left, right):
        va, vb = a.values.get(c.name), b.values.get(c.name)
        if not va or not vb:
            out.append("missing")
        elif c.literal or len(va) > 1 or len(vb) > 1:
            out.append(_UNDECIDED)
        else:
            (x,), (y,) = va, vb
            if canon.get(x, x) == canon.get(y, y):
                out.append("same")
            elif candidates and ((x, y) if x < y else (y, x)) in candidates:
                out.append("candidates")
            else:
                out.append("different")
    return out


def _context(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The levels of :func:`kg.analysis.levels._context`: the rarity of the neighbours both point at, summed."""
    counts, cache = ctx.feature_counts, {}
    thresholds = [(lv.at_least, lv.level) for lv in c.levels if lv.at_least is not None]
    last = c.levels[-1].level
    out = []
    for a, b in zip(left, right):
        fa, fb = a.features, b.features
        total = 0.0
        for key in (fa & fb):
            w = cache.get((a.cls, key))
            if w is None:
                w = cache[(a.cls, key)] = 1 / math.log(max(counts.get((a.cls, *key), 2), 2))
            total += w
        out.append(next((level for at_least, level in thresholds if total >= at_least), last))
    return out


def _description(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The cosine of the two items' weighted words (:func:`kg.analysis.levels.description_level`); a pair with a
    proposition about both goes to the kind's function."""
    out = []
    for a, b in zip(left, right):
        if not a.propositions.isdisjoint(b.propositions):
            out.append(_UNDECIDED)
            continue
        (wa, na), (wb, nb) = ctx.vector(a), ctx.vector(b)
        if not na or not nb:
            out.append("missing")
            continue
        if wa.keys().isdisjoint(wb.keys()):
            out.append("none")  # most pairs
            continue
        out.append(description_level(c, a, b, ctx, (wa, na, a.words), (wb, nb, b.words))[0])
    return out


def _meaning(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The cosine of the two items' meaning vectors (:mod:`kg.analysis.meaning`), by thresholds, for all pairs at once."""
    import numpy as np

    from kg.analysis.meaning import vector_of

    rows: dict[str, int] = {}
    vectors = []
    for p in (*left, *right):
        if p.node not in rows:
            rows[p.node] = len(vectors)
            vectors.append(vector_of(ctx, p))
    known = np.fromiter((v is not None for v in vectors), dtype=bool, count=len(vectors))
    if not known.any():
        return ["missing"] * len(left)
    width = next(v for v in vectors if v is not None).shape[0]
    table = np.zeros((len(vectors), width), dtype=np.float32)
    for i, v in enumerate(vectors):
        if v is not None:
            table[i] = v
    a = np.fromiter((rows[p.node] for p in left), dtype=np.int64, count=len(left))
    b = np.fromiter((rows[p.node] for p in right), dtype=np.int64, count=len(right))
    similarity = np.empty(len(a), dtype=table.dtype)
    for start in range(0, len(a), _BLOCK):  # a block at a time: the pairs' rows of the table would be gigabytes at 100k
        end = start + _BLOCK
        similarity[start:end] = np.einsum("ij,ij->i", table[a[start:end]], table[b[start:end]])
    found = np.full(len(left), "far", dtype=object)
    for at_least, level in sorted(((lv.at_least, lv.level) for lv in c.levels if lv.at_least is not None)):
        found[similarity >= at_least] = level  # the highest threshold reached wins, as the first matching level does
    found[~(known[a] & known[b])] = "missing"
    return found.tolist()


#: Pairs whose meaning vectors are gathered at once.
_BLOCK = 8192


def _unless(test: Callable[[Profile, Profile], bool], level: str):
    """A kind whose pairs are at ``level`` unless ``test`` holds; those go to the kind's function."""

    def fast(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
        return [_UNDECIDED if test(a, b) else level for a, b in zip(left, right)]

    return fast


_FAST = {
    "dates": _dates,
    "same-value": _values,
    "shared-context": _context,
    "description": _description,
    "meaning": _meaning,
    "co-values": _unless(lambda a, b: not a.holders.isdisjoint(b.holders), "none"),
    "named-together": _unless(lambda a, b: not a.propositions.isdisjoint(b.propositions), "none"),
    "raised-together": _unless(lambda a, b: not (a.questions.isdisjoint(b.questions) and a.propositions.isdisjoint(b.propositions)),
                               "none"),
    "opposite-stances": _unless(lambda a, b: not a.stances.keys().isdisjoint(b.stances.keys()), "none"),
    "outlet": _unless(lambda a, b: a.outlet != b.outlet, "none"),
    "role": _unless(lambda a, b: a.placeholder != b.placeholder, "none"),
    "part-whole": lambda c, left, right, ctx: [_UNDECIDED if a.values.get(c.name) or b.values.get(c.name) else "none"
                                               for a, b in zip(left, right)],
    "mentioned-in": _unless(lambda a, b: bool(a.sources) and bool(b.sources), "missing"),
}
