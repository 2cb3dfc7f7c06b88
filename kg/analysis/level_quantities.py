"""Figures in labels, as identity compares them: one effect counted with one figure, or two with two.

The kind ``quantities`` of :mod:`kg.analysis.levels`. An effect is often told
by its size: "£300m cost in gross profits", "Profits about £300 million lower",
"£40 million of sales lost every week". Each label's figures are read with
their sort (a sum of money by its currency sign, a share in per cent, a span
of time in days, or a count), a multiplier ("million", "m", "bn") folded in; a year, a day of a
month, a clock time and a digit inside a word ("5xx", "FL2") are not figures.
Two labels with a figure of one sort that agree (within ``tolerance``:
reporters round) are ``same``; two with figures of one sort of which none
agree are ``different``; otherwise the row says nothing. (A claim's figures,
number words and dates in full among them, are :mod:`kg.ingest.figures`'s view of the same reader,
:mod:`kg.figures`.)

>>> figures("Profits about £300 million lower this year"), figures("£300m cost in gross profits")
((('£', 300000000.0),), (('£', 300000000.0),))
>>> figures("1,206 executive and 1,196 company records deleted"), figures("Shares fell 5 per cent")
((('count', 1206.0), ('count', 1196.0)), (('percent', 5.0),))
>>> figures("HTTP 5xx errors on 18 November 2025 at 11:05"), figures("Core proxy (FL2)")
((), ())
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from kg.analysis.comparisons import Comparison, Context, Outcome
from kg.analysis.comparisons import fact_pairs as _facts
from kg.analysis.profiles import Profile
from kg.figures import TIME_UNITS, read_figures

__all__ = ["figures", "quantities"]

def figures(text: str) -> tuple[tuple[str, float], ...]:
    """The figures of a label, each with its sort (a currency sign, 'percent', 'time' or 'count'), in order: those
    of :func:`kg.figures.read_figures` written in digits that are no year, day of a month or part of a longer
    token. A count of units of time ("seven hours", "46 days") is a span of time, its sort 'time', in days:
    it counts no things, and agrees with a span told in other units.

    >>> figures("Down for 36 hours, 1.5 days"), figures("5 million customers for 2 weeks")
    ((('time', 1.5), ('time', 1.5)), (('count', 5000000.0), ('time', 14.0)))
    """
    return tuple((sort, value) for sort, value, *_ in _read(text))


@lru_cache(maxsize=100_000)
def _read(text: str) -> tuple[tuple[str, float, str, str, tuple[str, ...]], ...]:
    """:func:`figures`, each with the words that tell it as the label writes them (a span of time, "36 hours", or what
    a count counts, " flights cancelled"; '' for any other figure), the bound the words before it
    set: ``lower`` ("more than", "over", "at least"), ``upper`` ("nearly", "up to", "fewer than"), or '' (the
    figure itself, give or take rounding), and the lemmas of what a count counts (:func:`_counted`).

    >>> _read("Down for 36 hours, £300m lost over 2 Weeks")
    (('time', 1.5, '36 hours', '', ()), ('£', 300000000.0, '', '', ()), ('time', 14.0, '2 Weeks', '', ()))
    >>> [bound for *_, bound, _ in _read("More than 1,300 flights, nearly $5 million, up to 1.9 million people, about 40")]
    ['lower', 'upper', 'upper', '']
    >>> [(written, things) for _, _, written, _, things in _read("More than 10,000 delays of flights to the US")]
    [(' delays of flights', ('delay', 'flight'))]
    """
    found = []
    for f in read_figures(text):
        if f.word or f.dated or f.glued:
            continue
        unit = _TIME_WORD.match(text, f.end) if f.sort == "count" else None
        days = TIME_UNITS.get(unit[1].lower().removesuffix("s")) if unit else None
        before = _BOUND_BEFORE.search(text, max(0, f.start - 24), f.start)
        bound = ("lower" if before["lower"] else "upper") if before else ""
        if days and before and before["lower"].lower() == "over":
            bound = ""  # "lost over two weeks": during, not more than
        if days:
            found.append(("time", f.value * days, text[f.start:unit.end()], bound, ()))
        elif f.sort == "count":
            things, end = _counted(text, f.end)
            found.append(("count", f.value, text[f.end:end], bound, things))
        else:
            found.append((f.sort, f.value, "", bound, ()))
    return tuple(found)


def _counted(text: str, end: int) -> tuple[tuple[str, ...], int]:
    """What a count ending at ``end`` counts: the lemmas of up to three words after it, "of" and a determiner passed
    over, up to a preposition, conjunction, verb of being or punctuation; and where those words end.

    >>> _counted("1,300 flights cancelled by noon", 5), _counted("2,800 flight cancellations", 5)
    ((('flight', 'cancel'), 23), (('flight', 'cancellation'), 26))
    >>> _counted("1,206 executive and 1,196 company records", 5), _counted("About 40.", 8)
    ((('executive',), 15), ((), 8))
    """
    from kg.ingest.lemmas import simple_lemmas

    things: list[str] = []
    at = last = end
    while len(things) < 3 and (word := _NEXT_WORD.match(text, at)):
        at = word.end()
        lower = word[1].lower()
        if lower in _PASSED_OVER:
            continue
        if lower in _ENDS_COUNTED or not (lemmas := simple_lemmas(lower)):
            break
        things.append(lemmas[-1])
        last = at
    return tuple(things), last


_NEXT_WORD = re.compile(r"[ ]+([A-Za-z][A-Za-z'-]*)")
#: Words between a count and what it counts, or inside it: "1,300 of the flights", "delays of flights".
_PASSED_OVER = frozenset("of the a an their its his her our".split())
#: Words that end what a count counts: prepositions, conjunctions, verbs of being and having, pronouns.
_ENDS_COUNTED = frozenset("""to from in on at for by with within without into onto over under after before during since
    until across through about around between among against per than and or but nor as while when where which who that
    out off up down is are was were be been being has have had this these those it they them some all""".split())


def _one_thing(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """May two counts count one thing? What one counts is within what the other counts, word by word, a word
    meeting one that begins with it ("cancel", "cancellation"): "flights delayed" and "delays of flights" are one
    thing, "executives" and "executives wiped" may be; "flights cancelled" and "delays of flights" are two.

    >>> _one_thing(("flight", "delay"), ("delay", "flight")), _one_thing(("executive",), ("executive", "wipe"))
    (True, True)
    >>> _one_thing(("flight", "cancel"), ("delay", "flight")), _one_thing(("flight", "cancel"), ("passenger", "strand"))
    (False, False)
    """
    def within(xs, ys):
        return all(any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for y in ys) for x in xs)

    return within(ours, theirs) or within(theirs, ours)


_TIME_WORD = re.compile(r"\s([A-Za-z]+)\b")
#: Words just before a figure that make it a bound: the count or sum is at least ("more than 1,300 flights") or
#: at most ("nearly $5 million", "up to 1.9 million people") the figure; a currency sign may stand between.
_BOUND_BEFORE = re.compile(
    r"\b(?:(?P<lower>more[ ]than|over|at[ ]least|upwards[ ]of|in[ ]excess[ ]of|above|greater[ ]than)"
    r"|(?P<upper>nearly|almost|up[ ]to|fewer[ ]than|less[ ]than|under|below|as[ ]many[ ]as|as[ ]much[ ]as))[ ][£$€¥]?$",
    re.IGNORECASE,
)


def _agree(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _may_agree(x: tuple, y: tuple, tolerance: float) -> bool:
    """May two figures of one sort be one amount, each as a bound or a figure give or take ``tolerance``?
    Two lower bounds always may ("more than 1,300" and "more than 2,800": a count told as it grew).

    >>> _may_agree(("count", 1300.0, "", "lower", ()), ("count", 2800.0, "", "lower", ()), 0.1)
    True
    >>> _may_agree(("£", 5e6, "", "upper", ()), ("£", 4.3e6, "", "", ()), 0.1), _may_agree(("£", 2.3e6, "", "", ()), ("£", 4.3e6, "", "", ()), 0.1)
    (True, False)
    """
    (low_x, high_x), (low_y, high_y) = _span(x, tolerance), _span(y, tolerance)
    return max(low_x, low_y) <= min(high_x, high_y)


def _span(figure: tuple, tolerance: float) -> tuple[float, float]:
    _, value, _, bound, _ = figure
    low, high = value * (1 - tolerance), value * (1 + tolerance)
    return (low, math.inf) if bound == "lower" else (0.0, high) if bound == "upper" else (low, high)


def quantities(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Two labels' figures of one sort: one that agrees is ``same``, none that agree ``different``.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Effect ; rdfs:label "Profits about £300 million lower" .  :b a kg:Effect ; rdfs:label "£300m cost" .
    ... :c a kg:Effect ; rdfs:label "£40 million of sales lost every week" .  :d a kg:Effect ; rdfs:label "Shares fell 5%" .
    ... ''')
    >>> [compare_items(g, "a", x, "quantities").level for x in ("b", "c", "d")]
    ['same', 'different', 'none']
    >>> dict(compare_items(g, "a", "c", "quantities").facts)
    {'left': ('£300,000,000',), 'right': ('£40,000,000',)}
    >>> g = from_turtle('''
    ... :a a kg:Effect ; rdfs:label "Outage of 36 hours" .  :b a kg:Effect ; rdfs:label "6.5 million customers cut off for 1.5 days" .
    ... :c a kg:Effect ; rdfs:label "7 million customers cut off" .
    ... ''')
    >>> [(compare_items(g, "a", x, "quantities").level, compare_items(g, "a", x, "quantities").facts) for x in ("b", "c")]
    [('same', (('left', ('36 hours',)), ('right', ('1.5 days',)))), ('none', ())]
    """
    left, right = _read(a.label), _read(b.label)
    sorts = {f[0] for f in left} & {f[0] for f in right}
    if not sorts:
        return Outcome("none")
    tolerance = float(c.options.get("tolerance", 0.1))
    mine = [f for f in left if f[0] in sorts]
    theirs = [f for f in right if f[0] in sorts]
    # two counts compare only when they count one thing; two of two things ("flights cancelled", "delays") differ
    alike = [(f, g) for f in mine for g in theirs if f[0] == g[0] and (f[0] != "count" or _one_thing(f[4], g[4]))]
    if any(_agree(f[1], g[1], tolerance) for f, g in alike):
        level = "same"
    elif any(_may_agree(f, g, tolerance) for f, g in alike):
        return Outcome("none")  # a bound the other figure keeps: one amount told two ways may be
    else:
        level = "different"
    if not facts:
        return Outcome(level)
    return Outcome(level, _facts(left=tuple(map(_shown, mine)), right=tuple(map(_shown, theirs))))


def _shown(figure: tuple[str, float, str, str, tuple[str, ...]]) -> str:
    """A figure for a reader: a span of time as the label tells it ("36 hours"), any other by its value in full, a
    count with what it counts as the label tells it ("10,000 delays of flights")."""
    sort, value, written, _, _ = figure
    if sort == "time":
        return written
    number = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    return f"{number}%" if sort == "percent" else number + written if sort == "count" else f"{sort}{number}"
