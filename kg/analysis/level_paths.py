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
from itertools import chain
from typing import TYPE_CHECKING, Callable, NamedTuple

from kg.analysis.comparisons import Comparison, Context, Profile
from kg.analysis.levels import level_function

if TYPE_CHECKING:
    import numpy as np

__all__ = ["levels_of"]

#: A pair the fast path leaves to the kind's own function.
_UNDECIDED = None


def levels_of(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context, kind=None) -> list[str]:
    """The level ``c`` puts each pair (left[i], right[i]) at: the kind's fast path over all of them, and the
    kind's own function for any pair it leaves undecided (what weighing and the estimate of u both use)."""
    if not left:
        return []
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
    # disjoint, and one told by a whole month or year: the function compares them in that unit
    coarse = (gap > 0) & (((ahi - alo) >= 27) | ((bhi - blo) >= 27))
    return [_UNDECIDED if undecided else level for level, undecided in zip(found.tolist(), coarse.tolist())]


def _values(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """One-valued references: missing, same (cluster for cluster), different; the rest to the kind's function."""
    out = []
    canon, candidates = ctx.canonical, ctx.candidates
    apart = "different" if not c.options.get("affiliated_by") else _UNDECIDED  # a member beside its organisation
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
                out.append(apart)
    return out


def _context(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The levels of :func:`kg.analysis.levels._context`: the rarity of the neighbours both point at, summed
    over arrays in the order the function sums them (so to the same floats)."""
    import numpy as np

    counts = ctx.feature_counts

    def row(p: Profile) -> tuple:
        keys = list(p.features)
        return keys, ([1 / math.log(max(counts.get((p.cls, *key), 2), 2)) for key in keys],), 0.0

    table = _rows(ctx, "_feature_rows", row, left, right)
    (rarity,) = table.values
    thresholds = [(lv.at_least, lv.level) for lv in c.levels if lv.at_least is not None]
    out: list = []
    for a, _, mine, _, pair in _shared(table):
        total = np.bincount(pair, weights=rarity[mine], minlength=len(a))
        found = np.full(len(a), c.levels[-1].level, dtype=object)
        for at_least, level in reversed(thresholds):
            found[total >= at_least] = level  # the first level reached wins
        out.extend(found.tolist())
    return out


def _description(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The levels of :func:`kg.analysis.levels.description_level` over arrays: each pair's cosine and the
    weight of its shared words summed in the order the function sums them (so to the same floats). A pair
    with a proposition about both goes to the kind's function."""
    import numpy as np

    def row(p: Profile) -> tuple:
        weighted, norm = ctx.vector(p)  # (this fills the factors of its words)
        words = list(weighted)
        return words, (list(weighted.values()), [p.words[w] for w in words], [ctx._factors[(p.cls, w)] for w in words]), norm

    table = _rows(ctx, "_word_rows", row, left, right)
    weights, rarities, factors = table.values
    least, one_word = c.options.get("least_shared", 0.0), c.options.get("one_word")
    thresholds = [(lv.at_least, lv.level) for lv in c.levels if lv.at_least is not None]
    out: list = []
    for a, b, mine, theirs, pair in _shared(table):
        k = len(a)
        total = np.bincount(pair, weights=weights[mine] * weights[theirs], minlength=k)
        common = np.bincount(pair, weights=np.minimum(rarities[mine], rarities[theirs]) * factors[mine], minlength=k)
        shared = np.bincount(pair, minlength=k)
        na, nb = table.scalars[a], table.scalars[b]
        with np.errstate(divide="ignore", invalid="ignore"):
            similarity = total / (na * nb)
        similarity[(similarity != 0) & (common < least)] = 0.0  # only common words in common
        found = np.full(k, "none", dtype=object)
        for at_least, level in reversed(thresholds):
            found[similarity >= at_least] = level  # the first level reached wins
        if one_word:
            found[(shared == 1) & (found != "none")] = one_word
        found[(na == 0) | (nb == 0)] = "missing"
        out.extend(found.tolist())
    for i, (pa, pb) in enumerate(zip(left, right)):
        if pa.propositions and pb.propositions and not pa.propositions.isdisjoint(pb.propositions):
            out[i] = _UNDECIDED
    return out


class _Table(NamedTuple):
    """Rows of keyed entries (an item's words, its neighbours) as flat arrays, and the pairs' rows."""

    starts: "np.ndarray"  # each row's first entry
    ends: "np.ndarray"
    ids: "np.ndarray"  # each entry's key, as a number
    values: tuple  # arrays of a value for each entry
    scalars: "np.ndarray"  # a value for each row
    a: "np.ndarray"  # each pair's rows
    b: "np.ndarray"


def _rows(ctx: Context, name: str, row, left: list[Profile], right: list[Profile]) -> _Table:
    """The table of the pairs' items: ``row(p)`` gives an item's keys in order, lists of a value for each,
    and a value of its own; kept on the context by node under ``name``, with the numbers of the keys."""
    import numpy as np

    numbers, found = ctx.__dict__.setdefault(name, ({}, {}))
    rows: dict[str, int] = {}
    parts = []
    for p in (*left, *right):
        if p.node in rows:
            continue
        part = found.get(p.node)
        if part is None:
            keys, values, scalar = row(p)
            part = found[p.node] = ([numbers.setdefault(k, len(numbers)) for k in keys], values, scalar)
        rows[p.node] = len(parts)
        parts.append(part)
    lengths = np.fromiter((len(part[0]) for part in parts), dtype=np.int64, count=len(parts))
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0

    def flat(lists, dtype=float):
        return np.fromiter(chain.from_iterable(lists), dtype=dtype, count=total)

    return _Table(
        ends - lengths, ends, flat((part[0] for part in parts), np.int64),
        tuple(flat(part[1][i] for part in parts) for i in range(len(parts[0][1]) if parts else 0)),
        np.fromiter((part[2] for part in parts), dtype=float, count=len(parts)),
        np.fromiter((rows[p.node] for p in left), dtype=np.int64, count=len(left)),
        np.fromiter((rows[p.node] for p in right), dtype=np.int64, count=len(right)),
    )


def _shared(table: _Table):
    """The keys both rows of each pair hold, a block of pairs at a time: the block's rows (a, b), and for
    each shared key its entry in the shorter row (the left one of equals), in that row's order, its entry in
    the other row, and its pair's place in the block."""
    import numpy as np

    starts, ends, ids = table.starts, table.ends, table.ids
    width = int(ids.max()) + 1 if len(ids) else 1
    keys = np.repeat(np.arange(len(starts)), ends - starts) * width + ids
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    for begin in range(0, len(table.a), _BLOCK):
        a, b = table.a[begin:begin + _BLOCK], table.b[begin:begin + _BLOCK]
        la, lb = ends[a] - starts[a], ends[b] - starts[b]
        swap = la > lb
        short, other = np.where(swap, b, a), np.where(swap, a, b)
        length = np.minimum(la, lb)
        pair = np.repeat(np.arange(len(a)), length)
        first = np.cumsum(length) - length
        mine = starts[short][pair] + (np.arange(len(pair)) - first[pair])
        wanted = other[pair] * width + ids[mine]
        if len(keys):
            where = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            hit = keys[where] == wanted
        else:
            where, hit = wanted, np.zeros(len(wanted), dtype=bool)
        yield a, b, mine[hit], order[where[hit]], pair[hit]


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


def _parts(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """The levels of :func:`kg.analysis.levels._parts`: each item's own wholes read once (as they are, cluster
    for cluster, and those of its own class), then a few set tests a pair."""
    own, canon, candidates, cls_of = ctx.profiles, ctx.canonical, ctx.candidates, ctx.cls
    read: dict[str, tuple] = {}

    def wholes(p: Profile) -> tuple:
        found = read.get(p.node)
        if found is None:
            mine = own.get(p.node, p).values.get(c.name, ())
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


def _unless(test: Callable[[Profile, Profile], bool], level: str):
    """A kind whose pairs are at ``level`` unless ``test`` holds; those go to the kind's function."""

    def fast(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
        return [_UNDECIDED if test(a, b) else level for a, b in zip(left, right)]

    return fast


def _co_values(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list:
    """Siblings: none unless the two share a holder, or both are held under ``apart_under`` (effects)."""
    under = c.options.get("apart_under") or frozenset()
    read: dict[str, bool] = {}

    def held(p: Profile) -> bool:
        found = read.get(p.node)
        if found is None:
            found = read[p.node] = bool(under) and any(k in under for k, _ in p.holders)
        return found

    return [_UNDECIDED if not a.holders.isdisjoint(b.holders) or (held(a) and held(b)) else "none" for a, b in zip(left, right)]


_FAST = {
    "dates": _dates,
    "same-value": _values,
    "shared-context": _context,
    "description": _description,
    "meaning": _meaning,
    "co-values": _co_values,
    "named-together": _unless(lambda a, b: not a.propositions.isdisjoint(b.propositions), "none"),
    "raised-together": _unless(lambda a, b: not (a.questions.isdisjoint(b.questions) and a.propositions.isdisjoint(b.propositions)),
                               "none"),
    "opposite-stances": _unless(lambda a, b: not a.stances.keys().isdisjoint(b.stances.keys()), "none"),
    "outlet": _unless(lambda a, b: a.outlet != b.outlet, "none"),
    "role": _unless(lambda a, b: a.placeholder != b.placeholder, "none"),
    "part-whole": _parts,
    "mentioned-in": _unless(lambda a, b: bool(a.sources) and bool(b.sources), "missing"),
}
