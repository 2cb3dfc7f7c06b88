"""Drafted incidents against the case's: one item per event, and each source's date for it.

An article's incident that is certainly one the case (or an earlier draft)
already holds becomes a mention of that item, not a new one: the same day,
and the same effect, or both a shared affected or involved item and close
wording. A merge that is not certain stays two items with a pending
identity candidate (:func:`kg.ingest.draft.build_draft` writes those).

When an article dates an incident the case already holds, and the case gives
it another date (or none), both dates stay, each with its source: the
article's date becomes a claim the article makes about the incident.

>>> date_bounds({"date": "2026-03-02"}), date_bounds({"notBefore": "2026-03-01"}), date_bounds({})
(('2026-03-02', '2026-03-02'), ('2026-03-01', '9999-12-31'), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.entities import EntityTable
from kg.ingest.gazetteer import CaseIndex

__all__ = ["INCIDENT_TYPES", "DatedBySource", "date_bounds", "merge_incidents", "dated_by_source", "date_text"]

INCIDENT_TYPES = ("Incident", "IncidentTrend")
_LINKED = ("affected", "involved")


def date_bounds(fields: dict) -> tuple[str, str] | None:
    """An item's date as (earliest, latest) ISO strings, or None when undated."""
    date = fields.get("date")
    if date:
        return str(date), str(date)
    before, after = fields.get("notBefore"), fields.get("notAfter")
    if before or after:
        return str(before or "0000-01-01"), str(after or "9999-12-31")
    return None


def date_text(fields: dict) -> str:
    """A date or its bounds, in words for a claim.

    >>> date_text({"date": "2026-03-02"}), date_text({"notBefore": "2026-03-01", "notAfter": "2026-03-12"})
    ('on 2026-03-02', 'between 2026-03-01 and 2026-03-12')
    >>> date_text({"notBefore": "2025-07-01"})
    'on or after 2025-07-01'
    """
    if fields.get("date"):
        return f"on {fields['date']}"
    before, after = fields.get("notBefore"), fields.get("notAfter")
    if before and after:
        return f"between {before} and {after}"
    return f"on or after {before}" if before else f"on or before {after}"


def _effect_words(table: EntityTable, index: CaseIndex, refs) -> set[str]:
    words = set()
    for ref in refs or []:
        entity = table.entities.get(ref)
        label = entity.label if entity is not None else str(index.items.get(str(ref), {}).get("label", ""))
        words.add(re.sub(r"\W+", " ", label.lower()).strip())
    return words - {""}


def merge_incidents(table: EntityTable, index: CaseIndex) -> dict[str, str]:
    """New incidents that are certainly one the case holds become mentions of it (``known_id`` set).

    Returns each merged entity's key → a note saying why.
    """
    from rapidfuzz import fuzz

    known = [(i, f) for i, f in sorted(index.items.items()) if f.get("section") == "entities" and f.get("type") in INCIDENT_TYPES]
    merged: dict[str, str] = {}
    for entity in sorted(table.entities.values(), key=lambda e: e.first):
        if entity.type not in INCIDENT_TYPES or entity.known_id is not None or not entity.fields.get("date"):
            continue
        linked = {table.entities[k].known_id for key in _LINKED for k in entity.fields.get(key) or [] if k in table.entities} - {None}
        effects = _effect_words(table, index, entity.fields.get("effects"))
        hits = []
        for item_id, fields in known:
            if str(fields.get("date") or "") != entity.fields["date"]:
                continue
            shared = sorted(linked & {str(v) for key in _LINKED for v in (fields.get(key) or []) if isinstance(v, str)})
            wording = fuzz.token_set_ratio(entity.label.lower(), str(fields.get("label", "")).lower())
            same_effects = sorted(a for a in effects for b in _effect_words(table, index, fields.get("effects")) if fuzz.token_set_ratio(a, b) >= 90)
            reasons = ([f"both affect {', '.join(shared)}"] if shared else []) + ([f"wording {wording:.0f}/100"] if wording >= 70 else []) \
                + ([f"same effect ({', '.join(same_effects)})"] if same_effects else [])
            if len(reasons) >= 2 or same_effects:
                hits.append((item_id, reasons))
        if len(hits) == 1:
            item_id, reasons = hits[0]
            entity.known_id = item_id
            merged[entity.key] = f"“{entity.label}” here is the case's '{item_id}' (same day, {'; '.join(reasons)})"
    return merged


@dataclass(frozen=True)
class DatedBySource:
    """A case's incident as this article dates it, where the case dates it otherwise (or not at all)."""

    item_id: str
    label: str
    fields: dict  # date or notBefore/notAfter, and dateText
    span: tuple[int, int]
    theirs: tuple[str, str] | None  # the case's own bounds


def dated_by_source(table: EntityTable, index: CaseIndex, merged: dict[str, str] | None = None) -> list[DatedBySource]:
    """The case's incidents this article names with a date the case does not give them, and those
    :func:`merge_incidents` merged (their keys in ``merged``), whatever their date."""
    found = []
    for entity in sorted(table.entities.values(), key=lambda e: e.first):
        if entity.type not in INCIDENT_TYPES or entity.known_id is None or "_dateSpan" not in entity.fields:
            continue
        mine = {k: entity.fields[k] for k in ("date", "notBefore", "notAfter", "dateText") if entity.fields.get(k)}
        fields = index.items.get(entity.known_id, {})
        theirs = date_bounds(fields)
        if date_bounds(mine) is None or (date_bounds(mine) == theirs and entity.key not in (merged or {})):
            continue
        found.append(DatedBySource(entity.known_id, str(fields.get("label") or entity.label), mine, entity.fields["_dateSpan"], theirs))
    return found
