"""Finding dates in text and resolving them against the publication date.

Each :class:`DateMention` keeps the words as written (``dateText``) and gives
either an exact ``date`` or bounds (``notBefore``/``notAfter``). Relative
expressions ("Tuesday", "earlier this month", "last week") need the
publication date; without it they keep only their text. A span the text states
("between 10 and 12 July", "July 30 to August 2", "over the weekend") keeps its
bounds: a range, never one of its days.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.figures import NUMBER_WORD, NUMBER_WORDS

__all__ = ["WEEKDAYS", "DateMention", "find_dates", "parse_iso", "resolve_phrase"]

#: The names of the days of the week, Monday first (English whatever the locale, unlike :data:`calendar.day_name`).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAYS = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![\w])"
_DAY_NAME = r"(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_QUARTER = r"(?:the\s+)?(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\s+of\s+(?P<qyear>(?:19|20)\d\d)|\bQ(?P<qnum>[1-4])\s+(?P<qyear2>(?:19|20)\d\d)"

_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
_TO = r"\s*(?:and|to|through|until|-|–)\s*"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # A span the text states: "between 10 and 12 July", "July 10-12, 2024", "from July 30 to August 2".
    ("between_days", re.compile(r"\b(?:(?:between|from)\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _TO + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _YEAR)),
    ("between_dates", re.compile(r"\b(?:between|from)\s+" + _MONTH.replace("<month>", "<month1>") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _TO
                                 + _MONTH + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b" + _YEAR)),
    ("between_day_months", re.compile(r"\b(?:between|from)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("<month>", "<month1>") + _TO
                                      + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + _YEAR)),
    ("month_days", re.compile(_MONTH + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _TO + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)" + _YEAR)),
    ("weekend", re.compile(r"\b(?:(?:over|during|on|at)\s+)?(?:the|this|last|that)\s+(?P<long>(?:long|holiday|bank\s+holiday|christmas|easter)\s+)?weekend\b", re.IGNORECASE)),
    # Part of a month: "in late April" (20th to its end), "mid-July" (10th to 20th), "early March 2024" (1st to 10th).
    ("part_month", re.compile(r"\b(?:in\s+)?(?P<part>early|mid|late)[\s-]+" + _MONTH + _YEAR, re.IGNORECASE)),
    ("month_day_year", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("day_month_year", re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b")),
    ("quarter", re.compile(r"(?:since\s+)?(?:" + _QUARTER + r")", re.IGNORECASE)),
    ("month_year", re.compile(r"(?:since\s+|in\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("month_day", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b")),
    ("in_month", re.compile(r"\b(?P<prep>in|since|during|by)\s+" + _MONTH + r"(?!\s+\d)")),
    ("relative_span", re.compile(r"\b(?P<rel>earlier|later|late|early)\s+this\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("this_last", re.compile(r"\b(?P<rel>this|last|next|past)\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b(?P<n>\d+|{NUMBER_WORD}|a)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("recent", re.compile(rf"\b(?:over\s+|in\s+)?the\s+(?:past|last)\s+(?P<few>few|several|{NUMBER_WORD})\s+(?P<unit>day|week|month)s\b|\bin\s+recent\s+(?P<unit2>day|week|month)s\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next)\s+)?(?:(?:[Bb]ank\s+)?[Hh]oliday\s+|Easter\s+|Whit\s+)?" + _DAY_NAME + r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    # The day of the date written just before: "early on the morning of June 19 ... Later that evening".
    ("that_day", re.compile(r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)),
    ("in_year", re.compile(r"\b(?P<prep>in|since|during)\s+(?P<year>(?:19|20)\d\d)\b")),
]
#: A number word as a count of days, weeks or months ("a week ago", "the past three days"): :data:`kg.figures.NUMBER_WORDS` and "a".
_NUMBERS = {"a": 1, **NUMBER_WORDS}


@dataclass(frozen=True)
class DateMention:
    """A date as written, and what it resolves to."""

    start: int
    end: int
    text: str
    date: str | None = None
    not_before: str | None = None
    not_after: str | None = None

    def case_fields(self) -> dict:
        """The case-file keys for this date (``date`` or ``notBefore``/``notAfter``, and ``dateText``)."""
        fields: dict = {}
        if self.date:
            fields["date"] = self.date
        if self.not_before:
            fields["notBefore"] = self.not_before
        if self.not_after:
            fields["notAfter"] = self.not_after
        fields["dateText"] = self.text
        return fields


def parse_iso(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string as a date, or None.

    >>> parse_iso("2026-03-05")
    datetime.date(2026, 3, 5)
    """
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(first: date, last: date, published: date | None = None) -> tuple[None, str, str]:
    if published is not None and last > published:
        last = published
    return None, first.isoformat(), last.isoformat()


def _exact(day: date) -> tuple[str, None, None]:
    return day.isoformat(), None, None


def _resolve(kind: str, m: re.Match, published: date | None) -> tuple[str | None, str | None, str | None] | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            return _exact(date(int(g["y"]), int(g["m"]), int(g["d"])))
        except ValueError:
            return None
    if kind in ("month_day_year", "day_month_year"):
        try:
            return _exact(date(int(g["year"]), _MONTHS[g["month"].lower().rstrip(".")], int(g["day"])))
        except (ValueError, KeyError):
            return None
    if kind in ("between_days", "between_dates", "between_day_months", "month_days"):
        return _stated_span(g, published)
    if kind == "part_month":
        return _part_of_month(g, published)
    if kind == "quarter":
        quarter = _ORDINAL.get((g.get("quarter") or "").lower()) or int(g.get("qnum") or 0)
        year = int(g.get("qyear") or g.get("qyear2"))
        first = date(year, 3 * quarter - 2, 1)
        last = _month_end(year, 3 * quarter)
        if m.group(0).lower().startswith("since"):
            return None, first.isoformat(), published.isoformat() if published else None
        return None, first.isoformat(), last.isoformat()
    if kind == "month_year":
        month, year = _MONTHS[g["month"].lower().rstrip(".")], int(g["year"])
        if m.group(0).lower().startswith("since"):
            return None, date(year, month, 1).isoformat(), published.isoformat() if published else None
        return None, date(year, month, 1).isoformat(), _month_end(year, month).isoformat()
    if kind == "in_year":
        year = int(g["year"])
        if g["prep"].lower() == "since":
            return None, f"{year}-01-01", published.isoformat() if published else None
        return None, f"{year}-01-01", f"{year}-12-31"
    if published is None:
        return None
    if kind == "month_day":
        month, day = _MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
        try:
            candidate = date(published.year, month, day)
        except ValueError:
            return None
        if candidate > published + timedelta(days=31):
            candidate = candidate.replace(year=published.year - 1)
        return _exact(candidate)
    if kind == "in_month":
        month = _MONTHS[g["month"].lower().rstrip(".")]
        year = published.year if month <= published.month else published.year - 1
        if g["prep"] == "since":
            return None, date(year, month, 1).isoformat(), published.isoformat()
        return _span(date(year, month, 1), _month_end(year, month), published)
    if kind == "today":
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        return _exact(published + timedelta(days=shift))
    if kind == "weekday":
        wanted = _DAYS[g["weekday"].lower()]
        back = (published.weekday() - wanted) % 7
        rel = (g.get("rel") or "").lower()
        if rel == "next":
            return _exact(published + timedelta(days=(wanted - published.weekday()) % 7 or 7))
        if rel == "last" and back == 0:
            back = 7
        # A bare weekday in a news report is the most recent one, the day of publication included.
        return _exact(published - timedelta(days=back))
    if kind == "weekend":  # the last one by publication; a long or holiday weekend from its Friday to its Monday
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        first, last = saturday, saturday + timedelta(days=1)
        if g.get("long"):
            first, last = saturday - timedelta(days=1), saturday + timedelta(days=2)
        return _span(first, last, published)
    unit = (g.get("unit") or g.get("unit2") or "").lower()
    if kind == "relative_span":
        if unit == "week":
            first = published - timedelta(days=published.weekday())
        elif unit == "month":
            first = published.replace(day=1)
        else:
            first = published.replace(month=1, day=1)
        if g["rel"].lower() in ("earlier", "early"):
            return _span(first, published)
        return None, None, None
    if kind == "this_last":
        rel = g["rel"].lower()
        if unit == "week":
            monday = published - timedelta(days=published.weekday())
            if rel == "this":
                return _span(monday, monday + timedelta(days=6), published)
            if rel in ("last", "past"):
                return _span(monday - timedelta(days=7), monday - timedelta(days=1))
            return _span(monday + timedelta(days=7), monday + timedelta(days=13))
        if unit == "month":
            if rel == "this":
                return _span(published.replace(day=1), _month_end(published.year, published.month), published)
            if rel in ("last", "past"):
                last = published.replace(day=1) - timedelta(days=1)
                return _span(last.replace(day=1), last)
            nxt = _month_end(published.year, published.month) + timedelta(days=1)
            return _span(nxt, _month_end(nxt.year, nxt.month))
        year = published.year + {"this": 0, "last": -1, "past": -1, "next": 1}[rel]
        return _span(date(year, 1, 1), date(year, 12, 31), published if rel == "this" else None)
    if kind == "ago":
        n = _NUMBERS.get(g["n"].lower().split()[-1]) or int(g["n"])
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        if unit == "day":
            return _exact(published - timedelta(days=days))
        return _span(published - timedelta(days=days + days // 2), published - timedelta(days=max(1, days // 2)))
    if kind == "recent":
        few = _NUMBERS.get((g.get("few") or "few").lower().split()[-1], 6)  # "few", "several": six
        days = {"day": 1, "week": 7, "month": 31}[unit] * few
        return _span(published - timedelta(days=days), published)
    return None


#: The days an early, mid or late part of a month spans (inclusive; the last part runs to the month's end).
_PARTS = {"early": (1, 10), "mid": (10, 20), "late": (20, 31)}


def _part_of_month(g: dict, published: date | None) -> tuple[None, str, str] | None:
    """The bounds of "early/mid/late <month> [year]"; a month without its year is the last such month by
    publication (as "in April" is).

    >>> _part_of_month({"part": "late", "month": "April", "year": None}, date(2018, 6, 7))
    (None, '2018-04-20', '2018-04-30')
    """
    month = _MONTHS[g["month"].lower().rstrip(".")]
    if g.get("year"):
        year = int(g["year"])
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    first, last = _PARTS[g["part"].lower()]
    return _span(date(year, month, first), min(date(year, month, 1) + timedelta(days=last - 1), _month_end(year, month)), published)


def _same_day(text: str, at: int, published: date | None) -> tuple[str, None, None] | None:
    """The day "that evening" or "the same day" refers to: the last date written out with its day in the
    400 characters before it, if any.

    >>> find_dates("It was hit early on June 19. Later that evening, a second attack came.", "2024-06-26")[1].date
    '2024-06-19'
    """
    before = [d for d in find_dates(text, published, start=max(0, at - 400), end=at) if d.date and re.search(r"\d", d.text)]
    return (before[-1].date, None, None) if before else None


def _stated_span(g: dict, published: date | None) -> tuple[None, str, str] | None:
    """The bounds of a span the text states by its first and last day; a month without its year is the
    last such month by publication (as a bare "July 10" is)."""
    last_month = _MONTHS[g["month"].lower().rstrip(".")]
    first_month = _MONTHS[g["month1"].lower().rstrip(".")] if g.get("month1") else last_month
    if g.get("year"):
        year = int(g["year"])
    elif published is not None:
        year = published.year if date(published.year, last_month, 1) <= published + timedelta(days=31) else published.year - 1
    else:
        return None
    try:
        first = date(year - (first_month > last_month), first_month, int(g["d1"]))
        last = date(year, last_month, int(g["d2"]))
    except ValueError:
        return None
    return (None, first.isoformat(), last.isoformat()) if first < last else None


# A phrase dateparser may read: it names a month, a weekday or a span of time, not a bare number ("the 4th").
_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:today|yesterday|tonight|week|weeks|month|months|year|years|day|days|ago|fortnight)\b",
    re.IGNORECASE,
)


#: A phrase that names a day: a number, a weekday, or a count of days. "April" or "the spring" names none,
#: though dateparser reads them as a day (the publication's day of the month in April).
_DAY_WORD = re.compile(r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|tonight|tomorrow|days?|ago)\b", re.IGNORECASE)
_MONTH_ALONE = re.compile(r"^(?:the[ ])?(?:(?:early|mid|late)[ -])?" + _MONTH + r"$", re.IGNORECASE)


def resolve_phrase(phrase: str, published: str | date | None) -> str | None:
    """The day a date phrase the patterns do not know (a parser's DATE span) names, read by
    ``dateparser`` against the publication date; None when it names no day, or one after
    publication or more than two years before it.

    >>> resolve_phrase("last Thursday", "2026-03-12"), resolve_phrase("two weeks ago", "2026-03-12")
    ('2026-03-05', '2026-02-26')
    >>> resolve_phrase("the 4th", "2026-03-12"), resolve_phrase("next Friday", "2026-03-12"), resolve_phrase("the April", "2026-06-18")
    (None, None, None)
    """
    if isinstance(published, str):
        published = parse_iso(published)
    if published is None or not _DATE_WORD.search(phrase) or not _DAY_WORD.search(phrase):
        return None
    import dateparser
    from datetime import datetime, time

    settings = {"RELATIVE_BASE": datetime.combine(published, time()), "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    found = dateparser.parse(phrase, languages=["en"], settings=settings)
    if found is None or not published - timedelta(days=730) <= found.date() <= published:
        return None
    return found.date().isoformat()


def find_dates(text: str, published: str | date | None = None, *, start: int = 0, end: int | None = None,
               spans: tuple[tuple[int, int], ...] | list[tuple[int, int]] = ()) -> list[DateMention]:
    """Dates in ``text[start:end]``, longest match first, not overlapping.

    ``spans`` are date phrases a parser found (its DATE entities); those the patterns below do not
    cover are read by :func:`resolve_phrase`.

    >>> [(d.text, d.date, d.not_before, d.not_after) for d in find_dates("On Tuesday it failed again, as it had earlier this month.", "2026-03-12")]
    [('Tuesday', '2026-03-10', None, None), ('earlier this month', None, '2026-03-01', '2026-03-12')]
    >>> find_dates("since the third quarter of 2025")[0].case_fields()
    {'notBefore': '2025-07-01', 'dateText': 'since the third quarter of 2025'}
    >>> find_dates("the April blackout", "2025-06-18", spans=[(4, 9)])[0].case_fields()
    {'notBefore': '2025-04-01', 'notAfter': '2025-04-30', 'dateText': 'April'}
    """
    if isinstance(published, str):
        published = parse_iso(published)
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            resolved = _same_day(text, m.start(), published) if kind == "that_day" else _resolve(kind, m, published)
            exact, before, after = resolved if resolved else (None, None, None)
            found.append(DateMention(m.start(), m.end(), m.group(0), exact, before, after))
            taken.append((m.start(), m.end()))
    for a, b in spans:
        if a < start or b > end or any(a < y and x < b for x, y in taken):
            continue
        month = _MONTH_ALONE.match(text[a:b])
        if month is not None and published is not None:  # "the April blackout": April, the last one by publication
            _, before, after = _resolve("in_month", re.match(r"(?P<prep>in) " + _MONTH, f"in {month.group('month')}"), published)
            found.append(DateMention(a, b, text[a:b], None, before, after))
            taken.append((a, b))
            continue
        day = resolve_phrase(text[a:b], published)
        if day is not None:
            found.append(DateMention(a, b, text[a:b], day))
            taken.append((a, b))
    return sorted(found, key=lambda d: d.start)
