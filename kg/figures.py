"""Figures in text, read once: each number a text states, with its value, sort and what may make it no figure.

One reader for both wings. Identity compares effects by the figures of their
labels (:mod:`kg.analysis.level_quantities`); ingest sets one claim's figures
against another's (:mod:`kg.ingest.figures`). Each takes its own view of what
:func:`read_figures` finds:

* a figure's ``sort`` is its currency sign, ``percent`` or ``count``;
* a scale word ("million", "m", "bn", "k") is folded into its ``value``;
* a number word ("ten", "a dozen", "two hundred", "three million", "half a million") is read too, marked ``word``;
* ``dated`` says a number is a year or a day of a month ("on March 2", "5 May 2025"),
  no figure of what a text counts;
* ``glued`` says a digit is part of a longer token ("5xx", "11:05", "FL2", "2025-11-18").

>>> [(f.sort, f.value, f.dated, f.word) for f in read_figures("£300m lost on 5 May 2025; ten calls, 40 per cent")]
[('£', 300000000.0, None, False), ('count', 5.0, 'day', False), ('count', 2025.0, 'year', False), \
('count', 10.0, None, True), ('percent', 40.0, None, False)]
>>> [(f.value, f.glued) for f in read_figures("HTTP 5xx at 11:05 on core proxy FL2")]
[(5.0, True), (11.0, True), (5.0, True)]
>>> [f.value for f in read_figures("twenty calls for a dozen days; a single flight")]
[20.0, 12.0, 1.0]
>>> [f.value for f in read_figures("two hundred flights, a hundred staff, three hundred thousand customers, five million")]
[200.0, 100.0, 300000.0, 5000000.0]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Figure", "MONTHS", "NUMBER_WORD", "NUMBER_WORDS", "SCALES", "TIME_UNITS", "read_figures"]

#: Month names and their abbreviations: a number beside one is a day of a month.
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words that multiply the number before them ("£300m", "1.5 million", "$2bn").
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
#: Units of time (singular), each in days: a figure of them is a span of time, not a count of things.
TIME_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
              "month": 30.0, "year": 365.0}
#: Number words read as figures ("about ten calls", "a dozen flights", "a single incident").
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "dozen": 12, "single": 1,
}
#: Of :data:`NUMBER_WORDS`, those read as a figure only after "a" ("a dozen flights", "a single incident", "a hundred
#: calls"); "hundred" also multiplies the number word before it ("two hundred flights" is 200, no 2 and 100).
_AFTER_A = ("dozen", "single", "hundred")
#: A number word read as a figure, as a pattern (one list: :data:`NUMBER_WORDS`).
NUMBER_WORD = "|".join([w for w in NUMBER_WORDS if w not in _AFTER_A] + [f"a[ ]{w}" for w in _AFTER_A])

_FIGURE = re.compile(
    r"(?P<currency>[£$€¥])?\s?(?<![\w.])(?P<number>\d{1,3}(?:,[ ]?\d{3})+|\d+(?:\.\d+)?)"
    r"(?:[ ]?(?P<scale>thousand|million|billion|bn|mn|m|k|b)(?!\w))?"
    r"(?P<percent>\s?(?:%|per\s?cent|percent))?"
    r"|\bhalf[ ]a[ ](?P<half>million|billion)\b"
    rf"|\b(?P<word>{NUMBER_WORD})(?:[ ](?P<hundred>hundred))?(?:[ ](?P<wscale>thousand|million|billion))?\b",
    re.IGNORECASE,
)
_GLUED_AFTER = re.compile(r"[\w:/-]|[.,]\d")
_MONTH_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s$")
_MONTH_AFTER = re.compile(r"\s([A-Za-z]+)\b")


class Figure(NamedTuple):
    """One number of a text: where it stands (``start`` of its digits, ``end`` after its scale and per cent)."""

    start: int
    end: int
    value: float
    sort: str  # a currency sign, "percent" or "count"
    scaled: bool  # a scale word folded in
    word: bool  # a number word, not digits
    dated: str | None  # "year" or "day" (of a month): no figure of what is counted
    glued: bool  # its digits are part of a longer token ("5xx", "11:05", "FL2", "2025-11")


@lru_cache(maxsize=100_000)
def read_figures(text: str) -> tuple[Figure, ...]:
    """Every number ``text`` states, in order (see the module's docstring)."""
    found = []
    for m in _FIGURE.finditer(text):
        if m["half"] or m["word"]:
            name = (m["half"] or m["word"]).lower().split()[-1]
            value = SCALES[name] / 2 if m["half"] else float(NUMBER_WORDS[name])
            value *= (100 if m["hundred"] else 1) * SCALES.get((m["wscale"] or "").lower(), 1)
            found.append(Figure(m.start(), m.end(), value, "count", bool(m["half"] or m["wscale"]), True, None, False))
            continue
        start, number, scale = m.start("number"), m["number"], m["scale"]
        value = float(re.sub(r"[, ]", "", number))
        tail = m.end("scale") if scale else m.end("number")
        glued = start > 0 and text[start - 1] in ",:/-" or bool(_GLUED_AFTER.match(text, tail))
        if not scale and not m["currency"] and "," not in number and 1900 <= value <= 2100:
            dated = "year"
        elif _beside_month(text, start, m.end("number")):
            dated = "day"
        else:
            dated = None
        value *= SCALES[scale.lower()] if scale else 1.0
        sort = m["currency"] or ("percent" if m["percent"] else "count")
        found.append(Figure(start, m.end(), value, sort, bool(scale), False, dated, glued))
    return tuple(found)


def _beside_month(text: str, start: int, end: int) -> bool:
    """Is the word just before a number, or just after it, a month ("March 2", "2 March", "Sept. 5")?"""
    before = _MONTH_BEFORE.search(text, max(0, start - 12), start)
    after = _MONTH_AFTER.match(text, end)
    return any(m and m[1].lower() in MONTHS for m in (before, after))
