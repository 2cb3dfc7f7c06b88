"""The one road from weighing to the levels: each comparison kind's levels of many pairs at once.

Each comparison kind gives the levels of many pairs at once (its ``*_levels``
function, one implementation of its level) and, for one pair, the same level with
the facts behind it built on demand (:mod:`kg.analysis.levels`). :func:`levels_of`
is what weighing (:mod:`kg.analysis.weighing`) and the estimate of u
(:mod:`kg.analysis.weights`) both use; the tables the array kinds share are in
:mod:`kg.analysis.level_arrays`.
"""

from __future__ import annotations

from kg.analysis.comparisons import Comparison, Context, Profile

__all__ = ["levels_of"]


def levels_of(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level ``c`` puts each pair (left[i], right[i]) at, by its kind's levels function (what weighing and the
    estimate of u both use)."""
    from kg.analysis.levels import levels_function

    return levels_function(c)(c, left, right, ctx) if left else []
