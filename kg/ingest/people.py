"""Person candidates by rule: a title, an honorific, "who" or a reporting verb next to a name.

- "chief executive, Jane Roe", "City councillor Grace Whitfield": a title before the name;
- "Dr. Jane Roe": an honorific;
- "Jane Roe, an analyst at Fenwick Research", "Jane Roe, who ...": a title or "who" after it;
- "said Jane Roe", "Jane Roe said": a reporting verb next to a two-word name;
- "Orbis's Jane Roe": the person is ``memberOf`` Orbis.
"""

from __future__ import annotations

import re

from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.name_tables import (
    HONORIFIC, NOT_NAMES, PERSON, REPORTING, TITLE_WORDS, WORD, clean, is_person_name, organization_context,
    reads_as_organization,
)
from kg.vocab import CLS

__all__ = ["add_person", "find_people"]


def add_person(table: EntityTable, name: str, start: int, *, rule: str, confidence: float, title: str | None = None) -> Entity | None:
    name = clean(name)
    if not is_person_name(name) or organization_context(table.text, start, start + len(name)):
        return None
    if table.is_taken(start, start + len(name)):
        return table.at(start, start + len(name))
    fields = {"jobTitle": title} if title else {}
    return table.new(CLS.Person, name, start, start + len(name), rule=rule, confidence=confidence, **fields)


def find_people(table: EntityTable, text: str) -> None:
    titles = rf"(?i:{TITLE_WORDS})"
    of_part = rf"(?:\s+(?:of|for|at)\s+(?:(?!(?:{REPORTING}|who|which|and)\b)[\w’'-]+\s?){{1,5}})?"
    title = rf"(?:[\w’'-]+\s+){{0,3}}?{titles}(?:\s+(?:[a-z][\w-]*\s+){{0,2}}{titles})?{of_part}"
    article = r"(?:(?:an?|the|its|[A-Z][\w’'-]*['’]s)\s+)"
    patterns = [
        # "chief technology officer, Helena Brandt" / "City councillor Grace Whitfield"
        (re.compile(rf"(?<![\w’'-])(?P<title>(?:[a-z][\w-]*\s+){{0,3}}(?:[A-Z][a-z]+\s+(?=[A-Z]))?{titles}(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?),?[ \t]+(?P<name>{PERSON})(?![\w-])"), "title before name", 0.8),
        # "Dr. Owen Pryce", "Professor Lina Okafor"
        (re.compile(rf"\b{HONORIFIC}[ \t]+(?P<name>{PERSON})(?![\w-])"), "honorific", 0.85),
        # "Marcus Idowu, an analyst at Fenwick Research" / "Jane Roe, identified as the company's chief ..."
        (re.compile(rf"(?P<name>{PERSON}),\s+(?:(?:identified|described)\s+as\s+)?{article}?(?P<title>{title})\b"), "name, title", 0.85),
        # "Rosa Lindqvist, who ..."
        (re.compile(rf"(?P<name>{PERSON}),\s+who\b"), "name, who", 0.75),
        # "said Ines Carvalho" / "Jonas Weber said"
        (re.compile(rf"\b(?:{REPORTING})[ \t]+(?P<name>{PERSON})(?![\w-])"), "reporting verb", 0.7),
        (re.compile(rf"(?P<name>{PERSON})[ \t]+(?:also\s+)?(?:{REPORTING})\b"), "reporting verb", 0.7),
    ]
    for pattern, rule, confidence in patterns:
        for m in pattern.finditer(text):
            if rule == "reporting verb" and reads_as_organization(table.words, m.group("name")):
                continue
            if rule == "reporting verb" and re.search(r"\bof[ \t]+$", text[max(0, m.start("name") - 4):m.start("name")]):
                continue  # "Carolyn Maloney of New York said": where the speaker is from, not who

            if rule == "name, title" and re.search(r"\b(?:of|at|for|from|with|by|to|in|on)\s+$", text[max(0, m.start("name") - 6):m.start("name")]) \
                    and not re.search(r"\b(?i:according)\s+to\s+$", text[max(0, m.start("name") - 14):m.start("name")]):
                continue  # "chair of Red Eléctrica, a former minister": the title is the chair's, not the company's
            title_text = _tidy_title(m.groupdict().get("title"))
            person = add_person(table, m.group("name"), m.start("name"), rule=rule, confidence=confidence, title=title_text)
            if person is not None and title_text and person.known_id is None:
                person.fields.setdefault("jobTitle", title_text)
    _possessive_employers(table, text)


_EMPLOYER = re.compile(rf"(?<![\w’'-])(?P<org>{WORD}(?:[ ]{WORD}){{0,2}})['’]s[ ]$")


def _possessive_employers(table: EntityTable, text: str) -> None:
    """"CrowdStrike's Michael Carlinsky" is a person at CrowdStrike: the company becomes the person's ``memberOf``."""
    for person in [e for e in table.entities.values() if e.type == CLS.Person and e.known_id is None and not e.generic]:
        for start, _ in person.spans:
            m = _EMPLOYER.search(text[max(0, start - 60):start])
            if m is None or m.group("org").split()[0].lower() in NOT_NAMES:
                continue
            org_start = start - len(m.group(0))
            org = table.at(org_start, org_start + len(m.group("org")), ORG_TYPES)
            if org is None and not table.is_taken(org_start, org_start + len(m.group("org"))):
                org = table.new(CLS.Organization, m.group("org"), org_start, org_start + len(m.group("org")), rule="possessive employer", confidence=0.7)
            if org is not None:
                person.fields.setdefault("memberOf", org.key)
                break


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip(" ,")
    title = re.sub(r"^(?:[\w-]+['’]s\s+)+", "", title)
    return title[:1].upper() + title[1:] if title else None
