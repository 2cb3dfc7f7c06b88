"""The dates of the incidents :mod:`kg.ingest.events` finds.

- :func:`date_incidents` gives each incident the date of the sentences that mention it
  (:func:`kg.ingest.impact.incident_date`), the lead's date for the article's first incident when its
  own sentences give none, the month its own words name ("the April blackout") over a date of another
  month, and the one day the article writes inside coarser bounds.
- :func:`dated_apart` splits off an incident brought in by "a" and dated apart from the one it was read
  as ("a 12-hour outage in June 2020" beside "the outage of February 22").
"""

from __future__ import annotations

import re

from kg.ingest.dates import DateMention, find_dates
from kg.ingest.entities import Entity, EntityTable
from kg.ingest.impact import incident_date
from kg.ingest.phrases import phrase_label
from kg.ingest.sentences import Sentence, sentence_at
from kg.vocab import CLS

__all__ = ["date_incidents", "dated_apart"]


def date_incidents(text: str, sentences: list[Sentence], incidents: list[Entity], published: str | None, *, lead: bool = True,
                    date_spans=(), tree=None, everyone: list[Entity] = ()) -> None:
    """Each incident's date: see :func:`kg.ingest.impact.incident_date`; the first incident takes the
    lead's date when ``lead`` and its own sentences give none. With a parse ``tree``, a date the tree
    binds to a mention of the incident wins, and one it binds to another of ``everyone`` is not its."""
    for incident in incidents:
        spans = []
        for span_start, _ in incident.spans:
            where = sentence_at(sentences, span_start)
            if where is not None and (where.start, where.end) not in spans:
                spans.append((where.start, where.end))
        others = [span for other in everyone if other is not incident for span in other.spans]
        bound = {"tree": tree, "mentions": incident.spans, "others": others}
        best = incident_date(text, spans, published, date_spans, **bound)
        if best is None and lead and incident is next((i for i in incidents if i.type == CLS.Incident), None):
            # News puts the main event's date in its lead: the first sentences after the headline.
            lead_sentences = [(x.start, x.end) for x in sentences[1:4] if x.start < 1200]
            best = incident_date(text, lead_sentences, published, date_spans, **bound)
        named = _named_month(text, incident, published)
        if named is not None and (best is None or not _within(best, named)):
            best = named  # "the July meltdown": a date elsewhere in its sentences that is not in July is another's
        if best is not None and not best.date:
            best = _one_day_within(text, best, published, date_spans, tree, others) or best
        if best is not None:
            incident.fields.update(best.case_fields())
            incident.fields["_dateSpan"] = (best.start, best.end)


_MONTH_WORD = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _named_month(text: str, incident: Entity, published: str | None) -> DateMention | None:
    """The month an incident's own words name ("the April blackout", "the July IT outage"), as bounds."""
    for start, end in sorted(incident.spans):
        m = _MONTH_WORD.search(text, start, end)
        if m is None:
            continue
        resolved = find_dates(f"in {m.group(0)}", published)
        if resolved and (resolved[0].not_before or resolved[0].date):
            found = resolved[0]
            return DateMention(m.start(), m.end(), m.group(0), found.date, found.not_before, found.not_after)
    return None


def _one_day_within(text: str, span: DateMention, published: str | None, date_spans=(), tree=None, others=()) -> DateMention | None:
    """The day an article gives, written out ("Feb. 22", "April 28, 2025"), inside an incident's coarser
    bounds ("the April blackout", "last week's disruption"), when it gives exactly one such day: the
    month or week names the event, the one day of it the article writes down is its day. None when it
    writes two days or none in those bounds, or the bounds are a span the text itself states.

    >>> t = "The April blackout hit Spain. The grid went down on April 28, the report found."
    >>> april = find_dates("in April", "2025-06-18")[0]
    >>> _one_day_within(t, april, "2025-06-18").text
    'April 28'
    >>> _one_day_within(t + " Power was back on April 29.", april, "2025-06-18") is None
    True
    """
    from kg.ingest.impact import _explicit, _owned, _usable

    if not span.not_before or not span.not_after or len(re.findall(r"\d{1,2}(?!\d)", span.text)) >= 2:
        return None
    days = {}
    for found in find_dates(text, published, spans=date_spans):
        if not found.date or not _explicit(found) or not span.not_before <= found.date <= span.not_after:
            continue
        where = text.rfind("\n", 0, found.start) + 1
        if not _usable(text, found, where) or (tree is not None and (_bound_to(tree, found, others) or _owned(tree, found))):
            continue  # a letter's or a statement's date, or another incident's
        days.setdefault(found.date, found)
    return next(iter(days.values())) if len(days) == 1 else None


def _bound_to(tree, found: DateMention, spans) -> bool:
    return any(a < d and c < b for a, b in tree.bound(found.start, found.end) for c, d in spans)


_INDEFINITE = re.compile(r"\b(?:an?|another)[ ](?:[\w’'-]+,?[ ]){0,3}$", re.IGNORECASE)
_ATTACHED = re.compile(r"[ ](?:in|on|of|from|during)[ ]")


def dated_apart(table: EntityTable, text: str, incidents: list[Entity], published: str | None, date_spans=()) -> list[Entity]:
    """An incident brought in by an indefinite article and dated by its own words, outside the dates of
    the incident it was read as ("a 12-hour, 13-minute outage in June 2020" beside "the outage of February
    22"), is another incident: "a" brings in a new one, and its date tells it apart. Returns the new ones.

    >>> from kg.ingest.events import find_events
    >>> from kg.ingest.gazetteer import Gazetteer
    >>> from kg.ingest.sentences import split_sentences
    >>> t = "Net outage\\n\\nThe outage of February 22 hit millions. A rival had an outage in June 2020."
    >>> table = EntityTable(t, Gazetteer([]))
    >>> find_events(table, t, split_sentences(t), "2024-02-26")
    >>> [(e.label, e.fields.get("date") or e.fields.get("notBefore")) for e in table.entities.values() if e.type == "Incident"]
    [('Net outage', '2024-02-22'), ('Outage in June 2020', '2020-06-01')]
    """
    from kg.ingest.incidents import date_bounds

    apart = []
    for incident in incidents:
        bounds = date_bounds(incident.fields)
        if bounds is None or incident.type != CLS.Incident:
            continue
        for start, end in incident.spans[1:]:
            after = _ATTACHED.match(text, end)
            if after is None or not _INDEFINITE.search(text, max(0, start - 40), start):
                continue
            own = next((d for d in find_dates(text, published, start=after.end(), end=min(len(text), after.end() + 40), spans=date_spans)
                        if d.start == after.end() and re.search(r"\d", d.text)), None)
            dated = date_bounds(own.case_fields()) if own is not None else None
            if dated is None or not (dated[1] < bounds[0] or bounds[1] < dated[0]):
                continue
            table.unmention(incident, start, end)
            other = table.new(CLS.Incident, phrase_label(text[start:own.end]), start, end, rule="incident phrase", confidence=0.6)
            other.fields.update(own.case_fields())
            other.fields["_dateSpan"] = (own.start, own.end)
            apart.append(other)
    return apart


def _within(mention: DateMention, month: DateMention) -> bool:
    first = mention.date or mention.not_before
    last = mention.date or mention.not_after
    return bool(first and last and month.not_before and month.not_after and month.not_before <= first and last <= month.not_after)
