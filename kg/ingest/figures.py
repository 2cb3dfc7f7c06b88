"""The figures a claim states, as plain values: two claims with different figures are never one claim.

>>> sorted(numbers_in("About ten calls failed; the union said 600 or more."))
['10', '600']
"""

from __future__ import annotations

import re

from kg.figures import NUMBER_WORDS, TIME_UNITS, read_figures

__all__ = ["NUMBER_WORDS", "numbers_in", "figure_units", "counted_in", "largest", "smaller"]

_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def numbers_in(text: str) -> frozenset[str]:
    """The figures ``text`` states, as plain values (``%`` kept apart): :func:`kg.figures.read_figures`'s numbers
    and number words that are no year or day of a month, and dates in full.

    >>> sorted(numbers_in("More than 22, 000 users and 1.5 million orders on March 2, 2026; only one incident, 40%"))
    ['1', '1500000', '22000', '40%']
    >>> sorted(numbers_in("It cost half a billion dollars, more than $500 million."))
    ['500000000']
    >>> sorted(numbers_in("It happened on 2026-03-04."))
    ['2026-03-04']
    """
    found = set(_ISO_DATE.findall(text))  # a date in full is one figure: two sources may give two
    for f in read_figures(_ISO_DATE.sub(" ", text)):
        if f.dated:
            continue  # a year or a day of the month dates a claim; it is no figure of it
        number = str(int(f.value)) if f.value == int(f.value) else f"{f.value:g}"
        found.add(number + ("%" if f.sort == "percent" else ""))
    return frozenset(found)


# What follows a figure before the thing it counts: "600 or more calls", "ten more flights", "2,000 extra staff".
_COUNTED = re.compile(r"^(?:[ ](?:or|and)[ ](?:more|fewer|less|so))?[ ](?:more[ ]|fewer[ ]|extra[ ]|additional[ ]|other[ ]|separate[ ])?(?P<noun>[a-z][a-z-]{2,})\b")
# Words after a figure that count nothing: units of money and scale, function words, a year of age.
_NOT_COUNTED = frozenset("""of in on at to for by from with and or than per percent cent dollars pounds euros million billion
    thousand year years old times the a an was were is are had have has""".split())


# A figure of units of time (kg.figures.TIME_UNITS) after a word that places it in time ("in the past ten days",
# "after only three days", "within two hours") says when a claim holds, not how long something lasted; it counts nothing.
_WHEN_BEFORE = re.compile(r"\b(?:past|last|next|first|after|within|before|over|in|since|every)[ ](?:only[ ]|just[ ]|about[ ]|some[ ])?$", re.IGNORECASE)
# ... but an interruption ended "after" a span ("service was restored after about seven hours", "flights resumed
# after six hours") tells how long it lasted: the span from its start to that end.
_ENDED_AFTER = re.compile(r"\b(?:restored|resumed|resolved|reopened|recovered|reconnected|lifted|ended|back(?:[ ](?:online|up))?)"
                          r"[ ](?:[a-z]+[ ]){0,2}?after[ ](?:only[ ]|just[ ]|about[ ]|some[ ])?$", re.IGNORECASE)
# A span joined to a figure by a hyphen before a noun ("a seven-hour outage", "a 12-hour shutdown"; not "a
# 40-year-old system"): a count of that unit, how long the thing lasted.
_SPAN_BEFORE_NOUN = re.compile(r"-(second|minute|hour|day|week)(?![\w-])", re.IGNORECASE)
# What says a figure is a sum of money: a currency sign before it, or a currency's name after it.
_MONEY_AFTER = re.compile(r"^[ ]?(?:(?:thousand|million|billion)[ ])?(?:dollars|pounds|euros|usd|gbp|eur)\b", re.IGNORECASE)


def figure_units(text: str) -> list[tuple[int, int, str]]:
    """Each figure of ``text`` that is no date or year, with its unit: ``money``, ``%``, ``count:`` and the lemma of
    what it counts, or ``figure`` (a bare number): (start, end, unit). Two claims' figures dispute each other only
    in one unit (:mod:`kg.ingest.aspects`).

    >>> [u for _, _, u in figure_units("It cost $500 million in 2024, on March 2, and 40% of staff; about ten calls failed.")]
    ['money', '%', 'count:call']
    >>> [u for _, _, u in figure_units("Half a billion dollars in the past ten days, after only three days; it lasted five hours.")]
    ['money', 'count:hour']
    >>> [u for _, _, u in figure_units("Service was fully restored after about seven hours, and came back within two hours.")]
    ['count:hour']
    >>> [u for _, _, u in figure_units("After a seven-hour outage and a 12-hour-long wait, the 40-year-old system failed.")]
    ['count:hour', 'figure', 'figure']
    """
    from kg.ingest.lemmas import simple_lemmas

    found = []
    for f in read_figures(text):
        if f.dated:
            continue
        if f.sort == "percent":
            found.append((f.start, f.end, "%"))
            continue
        if f.sort != "count" or _MONEY_AFTER.match(text[f.end:f.end + 30]):
            found.append((f.start, f.end, "money"))
            continue
        after = _COUNTED.match(text[f.end:f.end + 40].lower())
        noun = simple_lemmas(after.group("noun"))[-1] if after and after.group("noun") not in _NOT_COUNTED else None
        joined = _SPAN_BEFORE_NOUN.match(text, f.end)
        if joined:  # "a seven-hour outage": how long the outage lasted
            noun = joined.group(1).lower()
        if noun in TIME_UNITS and _WHEN_BEFORE.search(text, max(0, f.start - 20), f.start) and not _ENDED_AFTER.search(text, max(0, f.start - 50), f.start):
            continue
        found.append((f.start, f.end, f"count:{noun}" if noun else "figure"))
    return found


def counted_in(text: str) -> frozenset[str]:
    """The things ``text`` gives a figure of (the word after each figure that is no date, year, sum of money or
    time placing the claim), as lemmas: two parties' claims giving different figures of one ("about ten calls
    failed" against "600 calls failed") dispute it (:data:`kg.ingest.aspects.FIGURE_ASPECTS` reads them).

    >>> sorted(counted_in("About ten calls failed; the union said 600 or more calls and 40,000 customers."))
    ['call', 'customer']
    >>> sorted(counted_in("It cost $500 million in 2024, on March 2, and 40% of staff.")), sorted(counted_in("Five hours."))
    ([], ['hour'])
    >>> sorted(counted_in("It had 40,000 complaints in the past ten days, seen after only three days."))
    ['complaint']
    """
    return frozenset(unit.split(":", 1)[1] for _, _, unit in figure_units(text) if unit.startswith("count:"))


def largest(figures) -> float | None:
    """The largest of figures as :func:`numbers_in` writes them ("40000", "12%"); None when there is none.

    >>> largest({"40000", "12%", "many"}), largest(set())
    (40000.0, None)
    """
    found = [float(v.rstrip("%")) for v in figures if re.fullmatch(r"\d+(?:\.\d+)?%?", v)]
    return max(found) if found else None


def smaller(ours, theirs) -> bool:
    """Do ``ours`` state a smaller figure than ``theirs``, sharing none (a figure that cuts the other's down)?

    >>> smaller({"200"}, {"600"}), smaller({"600"}, {"600", "200"}), smaller(set(), {"600"})
    (True, False, False)
    """
    return bool(ours and theirs and not set(ours) & set(theirs) and (largest(ours) or 0) < (largest(theirs) or 0))
