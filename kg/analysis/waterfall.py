"""A listed pair's waterfall: each comparison's level with the facts behind it, and what it weighs.

The listing (:func:`kg.analysis.identity.find_candidates`) finds its pairs' levels all at once
(:func:`levels_of_listed`), then each pair's rows with their facts (:func:`score`); a family's rows
weigh once each way (:func:`count_once`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis.comparisons import Context, Profile, model
from kg.analysis.levels import compare
from kg.analysis.levels import levels_of
from kg.analysis.weights import Weights, applies as _applies

if TYPE_CHECKING:
    from kg.analysis.comparisons import Comparison

__all__ = ["WaterfallRow", "levels_of_listed", "score", "count_once"]


@dataclass(frozen=True)
class WaterfallRow:
    """One comparison's contribution to a pair's match weight, with the facts behind its level."""

    comparison: str
    level: str
    weight: float
    facts: tuple[tuple[str, object], ...] = ()  # sorted (name, value) pairs (kg.analysis.levels)
    via: tuple = ()  # the provisional cluster links (mate, item, probability) or merged value IRIs it came through
    kind: str = ""  # the comparison's kind, which says what its facts are



def levels_of_listed(ends: list[tuple[Profile, Profile]], ctx: Context) -> list[dict[str, str]]:
    """The level of each comparison that applies, for each listed pair (its two profiles), all pairs of a
    comparison at once (:func:`kg.analysis.levels.levels_of`)."""
    found: list[dict[str, str]] = [{} for _ in ends]
    for c in model().comparisons:
        at = [i for i, (a, b) in enumerate(ends) if _applies(c, a, b)]
        for i, lv in zip(at, levels_of(c, [ends[i][0] for i in at], [ends[i][1] for i in at], ctx)):
            found[i][c.name] = lv
    return found


def score(a: Profile, b: Profile, ctx: Context, weights: Weights,
           known: dict[str, str] | None = None) -> tuple[float, tuple[WaterfallRow, ...], tuple[str, ...]]:
    """The match weight of a pair with its waterfall (each level with its facts), and the neighbours both point at;
    ``known`` holds the levels found already (comparison name → level), whose facts alone are gathered."""
    rows, shared, families = [], (), defaultdict(list)
    for c in model().comparisons:
        if not _applies(c, a, b):
            continue
        outcome = compare(c, a, b, ctx, (known or {}).get(c.name))
        w = weights.get((c.name, a.cls), {}).get(outcome.level, 0.0)
        if c.options.get("family"):
            families[c.options["family"]].append((len(rows), c))
        rows.append(WaterfallRow(c.name, outcome.level, w, outcome.facts, tuple(outcome.via), c.kind))
        if c.kind == "shared-context":
            shared = tuple(sorted({v for k, v in a.features & b.features}))
    for members in families.values():
        count_once(rows, members)
    total = round(model().prior_weight + sum(r.weight for r in rows), 3)
    return total, tuple(rows), shared


def count_once(rows: list[WaterfallRow], members: list[tuple[int, "Comparison"]]) -> None:
    """A family's rows weigh once each way, by the strongest for and against (:func:`kg.analysis.weights.strongest`);
    the others weigh nothing and say which row counted in their stead and what they would have weighed alone."""
    from kg.analysis.weights import counted, decisive, strongest_one

    high, low = strongest_one([rows[i].weight for i, _ in members], [counted(c, rows[i].level) for i, c in members],
                              [decisive(c, rows[i].level) for i, c in members])
    for k, (i, c) in enumerate(members):
        row = rows[i]
        if row.weight and k not in (high, low):
            # the row that counted its way, or the decisive one that counted alone (the other way)
            k_by = high if row.weight > 0 else low
            by = members[k_by if k_by >= 0 else max(high, low)][1].name
            facts = tuple(sorted((*row.facts, ("alone", row.weight), ("counted_as", by))))
            rows[i] = WaterfallRow(row.comparison, row.level, 0.0, facts, row.via, row.kind)
