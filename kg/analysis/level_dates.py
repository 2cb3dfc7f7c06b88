"""Dates, as identity compares them: the same day, overlapping, open-ended, disjoint by how much, undated.

One kind of :mod:`kg.analysis.levels` (its ``dates`` comparisons): :func:`dates_levels` gives the
levels of many pairs over arrays of days, :func:`dates` one pair's level with the facts behind it.
"""

from __future__ import annotations

from datetime import date, timedelta

from kg.analysis.comparisons import Comparison, Context, Outcome
from kg.analysis.comparisons import fact_pairs as _facts, links as _via, span as _iso
from kg.analysis.profiles import Profile

__all__ = ["dates", "dates_levels"]


def dates(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool, level: str | None = None) -> Outcome:
    """Dates: the same day, overlapping, open-ended, disjoint by how much, undated.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date .
    ... :b a kg:Incident ; kg:notBefore "2026-03-01"^^xsd:date ; kg:notAfter "2026-03-04"^^xsd:date .
    ... :c a kg:Incident ; dcterms:date "2026-03-05"^^xsd:date .  :d a kg:Incident ; dcterms:date "2025-01"^^xsd:gYearMonth .
    ... :e a kg:Incident ; kg:notBefore "2026-01-01"^^xsd:date .  :f a kg:Incident .
    ... ''')
    >>> [compare_items(g, "a", x, "dates").level for x in ("a", "b", "c", "d", "e", "f")]
    ['same-day', 'overlap', 'near', 'far', 'compatible', 'one-undated']
    >>> dict(compare_items(g, "c", "b", "dates").facts)
    {'gap': 1, 'left': ('2026-03-05', '2026-03-05'), 'right': ('2026-03-01', '2026-03-04')}

    A date told only by its month is compared with the other by months: the next month is
    ``adjacent`` (one may be late in its month, the other early in the next), not one day apart.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date .  :feb a kg:Incident ; dcterms:date "2026-02"^^xsd:gYearMonth .
    ... :mar a kg:Incident ; dcterms:date "2026-03"^^xsd:gYearMonth .  :apr a kg:Incident ; dcterms:date "2026-04"^^xsd:gYearMonth .
    ... ''')
    >>> [compare_items(g, x, y, "dates").level for x, y in (("feb", "mar"), ("a", "feb"), ("a", "apr"), ("feb", "apr"))]
    ['adjacent', 'adjacent', 'adjacent', 'apart']
    """
    level = level or dates_levels(c, [a], [b], ctx)[0]
    if not facts:
        return Outcome(level)
    via = _via(a.via.get("dates", ()), b.via.get("dates", ()))
    if level == "adjacent":
        unit = max(_unit(a.lo, a.hi), _unit(b.lo, b.hi), key=_UNITS.index)
        return Outcome(level, _facts(unit=unit, left=_iso(a), right=_iso(b)), via)
    if level in ("near", "apart", "far"):
        return Outcome(level, _facts(gap=_pair_gap(a, b), left=_iso(a), right=_iso(b)), via)
    if level in ("compatible", "same-day", "overlap"):
        return Outcome(level, _facts(left=_iso(a), right=_iso(b)), via)
    if level == "same-text":
        return Outcome(level, _facts(text=a.date_text))
    if level == "one-undated":
        dated, other = (a, b) if a.lo is not None or a.hi is not None else (b, a)
        return Outcome(level, _facts(dated=_iso(dated), undated=other.label), via)
    return Outcome(level)


def dates_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level of each pair (left[i], right[i]), over arrays of days; a pair disjoint where one is told by a
    whole month or year is compared in that unit (:func:`_gap`)."""
    import numpy as np

    def days(ps, end: bool):
        return np.fromiter(((p.hi if end else p.lo).toordinal() if (p.hi if end else p.lo) else -1 for p in ps), dtype=np.int64,
                           count=len(ps))

    alo, ahi, blo, bhi = days(left, False), days(left, True), days(right, False), days(right, True)
    a_dated, b_dated = (alo >= 0) | (ahi >= 0), (blo >= 0) | (bhi >= 0)
    first = (alo >= 0) & (bhi >= 0) & (alo > bhi)
    second = ~first & (blo >= 0) & (ahi >= 0) & (blo > ahi)
    gap = np.where(first, alo - bhi, np.where(second, blo - ahi, 0))
    coarse = (gap > 0) & (((ahi - alo) >= 27) | ((bhi - blo) >= 27))
    for i in np.flatnonzero(coarse).tolist():  # one told by a whole month or year: compared in that unit
        gap[i] = _pair_gap(left[i], right[i])
    near, apart = c.options.get("near_days", 3), c.options.get("apart_days", 60)
    bounded = (alo >= 0) & (ahi >= 0) & (blo >= 0) & (bhi >= 0)
    one_day = bounded & (alo == ahi) & (ahi == blo) & (blo == bhi)
    both = np.where(gap == _NEXT, "adjacent",
                    np.where(gap > 0, np.where(gap <= near, "near", np.where(gap <= apart, "apart", "far")),
                             np.where(bounded, np.where(one_day, "same-day", "overlap"), "compatible")))
    texts = [bool(a.date_text) and a.date_text == b.date_text for a, b in zip(left, right)]
    found = np.where(a_dated & b_dated, both, np.where(texts, "same-text", np.where(a_dated | b_dated, "one-undated", "undated")))
    return found.tolist()


def _pair_gap(a: Profile, b: Profile) -> int:
    """Days between two disjoint items' dates, the earlier first, in the coarser unit of the two (:func:`_gap`)."""
    if a.lo and b.hi and a.lo > b.hi:
        return _gap(b.lo, b.hi, a.lo, a.hi)
    return _gap(a.lo, a.hi, b.lo, b.hi)


#: Units of a date as written, finest first; and the gap :func:`_gap` gives neighbouring ones.
_UNITS = ("day", "month", "year")
_NEXT = -1


def _unit(lo, hi) -> str:
    """The unit an interval is told in: a whole year, a whole month, or days.

    >>> from datetime import date
    >>> _unit(date(2025, 4, 1), date(2025, 4, 30)), _unit(date(2025, 1, 1), date(2025, 12, 31)), _unit(date(2025, 4, 1), date(2025, 4, 3))
    ('month', 'year', 'day')
    """
    if lo is None or hi is None or lo.day != 1 or (hi + timedelta(days=1)).day != 1 or (lo.year, lo.month) != (hi.year, hi.month):
        return "year" if lo and hi and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year else "day"
    return "month"



def _gap(lo1, hi1, lo2, hi2) -> int:
    """Days between an earlier interval and a later one, compared in the coarser unit of the two: the
    days between the months (or years) that hold them, or ``_NEXT`` for neighbouring months (years).
    "2025-04" and "2025-05" are neighbouring months, not disjoint by one day; 2025-03-10 and "2025-05"
    are a month apart (April).

    >>> from datetime import date
    >>> april, may = (date(2025, 4, 1), date(2025, 4, 30)), (date(2025, 5, 1), date(2025, 5, 31))
    >>> _gap(*april, *may), _gap(date(2025, 3, 10), date(2025, 3, 10), *may), _gap(*april, date(2025, 5, 2), date(2025, 5, 2))
    (-1, 31, -1)
    >>> _gap(date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 4), date(2025, 3, 4))
    2
    """
    unit = max(_unit(lo1, hi1), _unit(lo2, hi2), key=_UNITS.index)
    if unit != "day" and hi1 is not None and lo2 is not None:
        if unit == "month":
            hi1, lo2 = hi1.replace(day=1), lo2.replace(day=1)
            neighbours = (hi1.year * 12 + hi1.month) + 1 == lo2.year * 12 + lo2.month
            end = date(hi1.year + hi1.month // 12, hi1.month % 12 + 1, 1) - timedelta(days=1)
        else:
            neighbours = hi1.year + 1 == lo2.year
            lo2, end = date(lo2.year, 1, 1), date(hi1.year, 12, 31)
        return _NEXT if neighbours else (lo2 - end).days
    return (lo2 - hi1).days

