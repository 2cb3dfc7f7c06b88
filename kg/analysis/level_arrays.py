"""What the level functions of many pairs share: pairs' keyed rows as arrays, the first threshold reached.

Each comparison kind gives the levels of many pairs at once (its ``*_levels``
function, one implementation of its level; :mod:`kg.analysis.levels`). Here are
the tables the array kinds share (an item's words, its neighbours) and the rule
of thresholds. :func:`kg.analysis.levels.levels_of` is the one road to them.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from kg.analysis.comparisons import Comparison, Context, Profile

if TYPE_CHECKING:
    import numpy as np

__all__ = ["at_levels", "rows", "shared_keys", "BLOCK"]


def at_levels(c: Comparison, values: "np.ndarray", default: str) -> "np.ndarray":
    """The level of each value: the first of ``c``'s levels whose ``at_least`` it reaches (they are listed
    highest first), else ``default``.

    >>> import numpy as np
    >>> from kg.analysis.comparisons import model
    >>> at_levels(model().comparison("shared context"), np.array([0.0, 1.2, 9.0]), "none").tolist()
    ['none', 'some', 'strong']
    """
    import numpy as np

    found = np.full(len(values), default, dtype=object)
    for at_least, level in reversed([(lv.at_least, lv.level) for lv in c.levels if lv.at_least is not None]):
        found[values >= at_least] = level  # the first level reached wins
    return found


class _Table(NamedTuple):
    """Rows of keyed entries (an item's words, its neighbours) as flat arrays, and the pairs' rows."""

    starts: "np.ndarray"  # each row's first entry
    ends: "np.ndarray"
    ids: "np.ndarray"  # each entry's key, as a number
    values: tuple  # arrays of a value for each entry
    scalars: "np.ndarray"  # a value for each row
    a: "np.ndarray"  # each pair's rows
    b: "np.ndarray"


def rows(ctx: Context, name: str, row, left: list[Profile], right: list[Profile]) -> _Table:
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


def shared_keys(table: _Table):
    """The keys both rows of each pair hold, a block of pairs at a time: the block's rows (a, b), and for
    each shared key its entry in the shorter row (the left one of equals), in that row's order, its entry in
    the other row, and its pair's place in the block."""
    import numpy as np

    starts, ends, ids = table.starts, table.ends, table.ids
    width = int(ids.max()) + 1 if len(ids) else 1
    keys = np.repeat(np.arange(len(starts)), ends - starts) * width + ids
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    for begin in range(0, len(table.a), BLOCK):
        a, b = table.a[begin:begin + BLOCK], table.b[begin:begin + BLOCK]
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


#: Pairs whose meaning vectors are gathered at once.
BLOCK = 8192

