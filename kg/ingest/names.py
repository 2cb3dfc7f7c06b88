"""Named-entity candidates by rule: people, organizations, AI tools, systems.

A capitalised name becomes a candidate only with a cue around it:
- a person: a title or honorific next to it ("chief executive, Jane Roe",
  "Dr. Jane Roe", "Jane Roe, an analyst"), "who" after it, or a reporting
  verb next to a two-word name ("said Jane Roe");
- an organization: a typical last word ("Inc.", "Bank", "University",
  "Department of ...", "Authority"), a describing noun ("its supplier,
  Orbis", "Corvid AI, a start-up"), or a single proper noun that speaks
  ("Orbis rejected ...") or owns staff ("Orbis's vice president");
- an AI system: "AI coding assistant Q", "CareFlow, the group's AI assistant";
- a system: "its booking system, SkyGate", "GridPilot, the grid software".

After a full name, its surname (people) or first word (organizations) alone
refers to the same candidate. A new name close to a known one without
equalling it ("Amazon Web Services" and "AWS") is kept apart and reported as
an identity candidate by :func:`near_matches`.

The person rules are :mod:`kg.ingest.people`'s, the system rules :mod:`kg.ingest.systems`'s; the
organization rules and the steps that join names across an article are here.
"""

from __future__ import annotations

import re

from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.name_tables import (
    DESCRIBING, GROUP_NOUNS, HONORIFIC, LAST_WORD, NOT_NAMES, ORG_HEAD_OF, ORG_LAST, ORG_UNIT_HEADS, PERSON,
    PERSON_WORD, PLURAL_ACRONYM, POSSESSIVE_HEADS, REPORTING, TITLE_WORDS, WORD, clean, common_word, is_person_name,
    reads_as_organization, surname,
)
from kg.ingest.named import add_named, named_before, named_products
from kg.ingest.people import add_person, find_people
from kg.ingest.sentences import Sentence, headline, sentence_at, title_case_headline
from kg.ingest.systems import find_systems
from kg.ingest.words import WordIndex
from kg.vocab import CLS

__all__ = ["find_names"]

_CAPSEQ = re.compile(rf"(?<![\w’'-])(?:{WORD})(?:[ \t]+(?:(?:of|for|the|&|and)[ \t]+)*(?:{WORD}))*(?:,?[ \t]+{LAST_WORD})?")


def _sentence_start(sentences: list[Sentence], index: int) -> bool:
    s = sentence_at(sentences, index)
    return s is not None and not s.text[: index - s.start].strip(" “‘\"'(")



def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group(0)) for m in re.finditer(r"\S+", text[start:end])]


def _org_parts(text: str, m: re.Match) -> list[tuple[int, int]]:
    """Split a capitalised run at possessives ("Amazon’s AI" → "Amazon", "AI"), keeping "King’s College"."""
    words = _word_spans(text, m.start(), m.end())
    parts: list[tuple[int, int]] = []
    first = 0
    for i, (ws, we, word) in enumerate(words):
        following = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if re.search(r"['’]s$", word) and i + 1 < len(words) and following not in POSSESSIVE_HEADS:
            parts.append((words[first][0], we - 2))
            first = i + 1
    parts.append((words[first][0], words[-1][1]))
    return parts


def _and_parts(text: str, start: int, end: int, orgs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A capitalised run cut at each "and", except where one word before it and the words after are
    one organization's name to the parser (``orgs``: its ORG spans): "Securities and Exchange
    Commission", not "Mandiant and Palo Alto Networks" nor "Recorded Future and TRM Labs".

    >>> text = "The Securities and Exchange Commission and Orbis Labs wrote."
    >>> [text[a:b] for a, b in _and_parts(text, 0, 53, [(0, 38)])]
    ['The Securities and Exchange Commission', 'Orbis Labs']
    """
    if _spelled_by_acronym(text, start, end):
        return [(start, end)]
    cuts = list(re.finditer(r"[ \t]+and[ \t]+", text[start:end]))
    parts, cursor = [], start
    for m in cuts:
        parts.append((cursor, start + m.start()))
        cursor = start + m.end()
    parts.append((cursor, end))
    merged = [parts[0]]
    for part in parts[1:]:
        left = re.sub(r"^(?:the|The)[ ]", "", text[merged[-1][0]:merged[-1][1]])
        if " " not in left and any(s < merged[-1][1] and part[0] < e for s, e in orgs):
            merged[-1] = (merged[-1][0], part[1])  # the parser's one name across "and"
        elif _one_body(left, text[part[0]:part[1]]):
            merged[-1] = (merged[-1][0], part[1])
        else:
            merged.append(part)
    return merged


#: The last words of a public body's name, which often joins two fields with "and".
_PUBLIC_BODY = {"authority", "commission", "agency", "administration", "board", "council", "office", "bureau", "committee",
                "ministry", "department", "tribunal", "regulator", "inspectorate", "service"}


def _one_body(left: str, right: str) -> bool:
    """Do two capitalised runs joined by "and" name one public body: everyday words either side of the
    "and" (words of the dictionary, not names) and a public body's last word at the end ("Australian
    Communications and Media Authority", "Food and Drug Administration"), not two names ("Mandiant and
    Palo Alto Networks", "United and American Airlines").

    >>> _one_body("Australian Communications", "Media Authority"), _one_body("Mandiant", "Palo Alto Networks")
    (True, False)
    >>> _one_body("United", "American Airlines")
    False

    A compound joined by a hyphen is capitalised on its first part only ("Canadian Radio-television
    and Telecommunications Commission"): each part an everyday word.

    >>> _one_body("Canadian Radio-television", "Telecommunications Commission")
    True
    """
    from wordfreq import zipf_frequency

    def everyday(word: str) -> bool:
        parts = word.split("-")
        return word[:1].isupper() and parts[0].istitle() and all(p.islower() for p in parts[1:]) \
            and all(zipf_frequency(p.lower(), "en") >= 3.5 for p in parts)

    words = right.split()
    if len(words) < 2 or words[-1].lower() not in _PUBLIC_BODY:
        return False
    return all(everyday(w) for w in (left.split()[-1], words[0]))


def _spelled_by_acronym(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` one name by the acronym in brackets after it, whose letters are its words'
    initials ("Cybersecurity and Infrastructure Security Agency (CISA)")?

    >>> text = "The Australian Communications and Media Authority (ACMA) said so."
    >>> _spelled_by_acronym(text, 0, 49)
    True
    """
    m = re.match(r"[ ]\((?P<short>[A-Z]{2,8})\)", text[end:end + 12])
    if m is None:
        return False
    words = [w for w in re.findall(r"[\w’'-]+", text[start:end]) if w.lower() not in ("the", "and", "of", "for")]
    return "".join(w[0] for w in words).upper() == m.group("short")


_PERSON_OF = re.compile(rf"^(?:(?P<honorific>{HONORIFIC})\s+)?(?P<person>{PERSON})\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>[A-Z].*)$")


def _person_of_org(table: EntityTable, text: str, start: int, end: int) -> bool:
    """"Judge Teresa Vandermeer of the District Court for Corrin County", "Ruben Castell of Castell Doyle LLP":
    a person, ``memberOf`` the organization; True when the span was read so."""
    m = _PERSON_OF.match(text[start:end])
    if m is None or not is_person_name(m.group("person")):
        return False
    org_start = start + m.start("org")
    _org_from_span(table, text, org_start, end)
    org = table.at(org_start, end, ORG_TYPES)
    if org is None:
        return False
    title = m.group("honorific")
    person = add_person(table, m.group("person"), start + m.start("person"), rule="person of an organization", confidence=0.8,
                         title=title.rstrip(".") if title and title.rstrip(".") in ("Judge", "Justice") else None)
    if person is not None and person.known_id is None:
        person.fields.setdefault("memberOf", org.key)
    return person is not None


_PARENT_IN_NAME = re.compile(r"[ ](?:of|at)[ ]the[ ](?=(?:University|College|Institute|School|Hospital|Academy)\b)")
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}[ ]$")


def _org_from_span(table: EntityTable, text: str, start: int, end: int) -> None:
    words = _word_spans(text, start, end)
    # Drop leading common words and connectors ("The", "In", "Customers of").
    while words:
        word = words[0][2].lower().strip(",")
        nxt = words[1][2].lower() if len(words) > 1 else ""
        if word in NOT_NAMES or word in {"of", "for", "&"} or (word in GROUP_NOUNS and nxt in {"of", "for", "at"}):
            words = words[1:]
            continue
        break
    while words and words[-1][2].lower() in {"of", "for", "the", "&"}:
        words = words[:-1]
    if not words:
        return
    start, end = words[0][0], words[-1][1]
    country = _INITIALS.search(text, max(0, start - 8), start)
    if country is not None and words[0][2].lower() in ORG_UNIT_HEADS | {"department", "court", "district", "federal", "national"}:
        start = country.start()  # "U.S. Department of Transportation": the country's initials are part of the name
    if text[end:end + 1] == "." and words[-1][2] in {"Inc", "Corp", "Co", "Ltd"}:
        end += 1
    if _person_of_org(table, text, start, end):
        return
    name = clean(text[start:end])
    end = start + len(name)
    names = name.split()
    last = names[-1].lower().rstrip(",")
    inner_head = any(w.lower() in {"university", "college", "institute"} for w in names[1:])
    if last not in ORG_LAST and not inner_head and not re.match(rf"{ORG_HEAD_OF}\s+of\s+", name):
        return
    if len(names) == 1 and last not in {"inc.", "corp."}:
        return  # a lone "Bank" or "University" is not a name
    if any(s <= start and end <= t for e in table.covering(start, end) for s, t in e.spans):
        return
    is_unit = (names[0].lower() in ORG_UNIT_HEADS and len(names) > 2 and names[1] == "of") or names[-1].lower() in {"department", "division", "faculty", "unit", "team"}
    type_ = CLS.OrganizationalUnit if is_unit else CLS.Organization
    parent_of = _PARENT_IN_NAME.search(name) if is_unit else None
    if parent_of is not None:
        # "Faculty of Engineering of the University of Porto": the unit, and the university it is part of
        _org_from_span(table, text, start + parent_of.end(), end)
        parent = table.at(start + parent_of.end(), end, ORG_TYPES)
        unit = table.new(type_, name[:parent_of.start()], start, start + parent_of.start(), rule="organization name", confidence=0.8)
        if parent is not None and parent is not unit:
            unit.fields.setdefault("unitOf", parent.key)
        return
    org = table.new(type_, name, start, end, rule="organization name", confidence=0.8)
    # "Department of Computer Science at King's College London" → unitOf
    after = re.match(rf"\s*(?:,\s*|\s+at\s+|\s+of\s+)(?:the\s+)?(?P<parent>(?:{WORD})(?:\s+(?:{WORD})){{0,8}})", text[end:end + 400])
    if type_ == CLS.OrganizationalUnit and after:
        parent_start = end + after.start("parent")
        _org_from_span(table, text, parent_start, end + after.end("parent"))
        parent = table.at(parent_start, end + after.end("parent"), ORG_TYPES)
        if parent is not None and parent is not org:
            org.fields.setdefault("unitOf", parent.key)


def _orgs(table: EntityTable, text: str, sentences: list[Sentence], named=()) -> None:
    orgs = [(s, e) for s, e, label in named if label == "ORG" and " and " in text[s:e]]
    top = title_case_headline(text)
    for m in _CAPSEQ.finditer(text, top):
        for start, end in _org_parts(text, m):
            for a, b in _and_parts(text, start, end, orgs):
                _org_from_span(table, text, a, b)
    # Parenthesised acronyms: "Cobalt Cloud Services (CCS)"
    for m in re.finditer(r"\((?P<acronym>[A-Z]{2,6})\)", text):
        before = table.at(m.start() - 2, m.start() - 1, ORG_TYPES | {CLS.System, CLS.AISystem})
        if before is not None:
            table.alias(before, m.group("acronym"))
            table.mention(before, m.start("acronym"), m.end("acronym"))
    describing = [
        re.compile(rf"\b(?P<noun>(?i:{DESCRIBING}))(?:['’]s)?,?\s+(?P<name>(?:{WORD})(?:\s+(?:{WORD})){{0,3}})(?=[,.;]|\s+(?:{REPORTING}|which|that|and|or)\b)"),
        re.compile(rf"(?<![\w’'&-])(?P<name>(?:{WORD})(?:\s+(?:{WORD})){{0,3}}),\s+(?:an?|the)\s+(?:[\w-]{{1,40}}\s+){{0,3}}(?P<noun>{DESCRIBING})\b"),
    ]
    for pattern in describing:
        for m in pattern.finditer(text):
            name = clean(m.group("name"))
            if not re.match(r"[A-Z]", name) or name.split()[0].lower() in NOT_NAMES:
                continue
            if " " not in name and common_word(table, name):
                continue  # "Instead, the airline said ...": an adverb before a comma, no name
            start = m.start("name")
            org = table.at(start, start + len(name), ORG_TYPES)
            if org is None and not table.is_taken(start, start + len(name)):
                org = table.new(CLS.Organization, name, start, start + len(name), rule="described as an organization", confidence=0.7)
            if org is not None:
                org.fields.setdefault("_nouns", []).append(m.group("noun").lower())


#: The last word of a body of members named after another organization ("Northline Pilots Association"):
#: the organization's own name, or its first word, is never the body's.
_BODIES = {"association", "union", "federation", "guild", "alliance", "coalition", "council", "committee", "society", "foundation"}


def _a_body(entity: Entity) -> bool:
    return entity.label.split()[-1].lower() in _BODIES


def _merge_prefixes(table: EntityTable) -> None:
    """"Cobalt Cloud" and later "Cobalt Cloud Services" in one article: one organization; "Cobalt Cloud"
    and "Cobalt Cloud Workers Union" are two (:data:`_BODIES`)."""
    orgs = [e for e in table.entities.values() if e.type in ORG_TYPES and e.known_id is None and not e.generic]
    # Each label's proper prefixes → the longer names that start with them, in order: one pass,
    # not every pair of names (which grew with the square of the names in a long article).
    longer: dict[tuple[str, ...], list] = {}
    for entity in orgs:
        words = entity.label.split()
        for size in range(1, len(words)):
            longer.setdefault(tuple(words[:size]), []).append(entity)
    merged: dict[str, Entity] = {}
    for short in orgs:
        if short.key in merged:
            continue
        long = next((e for e in longer.get(tuple(short.label.split()), ()) if e.key not in merged and not _a_body(e)), None)
        if long is not None:
            merged[short.key] = long
    table.merge_all([(table.entities[key], long) for key, long in merged.items()])


#: A country's short name written before a public body's ("the U.S. Department of Transportation").
_COUNTRY_BEFORE = re.compile(r"(?<![\w.])(?P<country>U\.S\.|US|U\.K\.|UK)[ ]$")


def _country_prefixes(table: EntityTable, text: str) -> None:
    """"the U.S. Cybersecurity and Infrastructure Agency": the name as written, country and all, is an
    alias of the organization its other words name.

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "The U.S. Federal Aviation Administration said so."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> faa = table.new(CLS.Organization, "Federal Aviation Administration", 9, 40, rule="test")
    >>> _country_prefixes(table, text)
    >>> faa.aliases
    ['U.S. Federal Aviation Administration']
    """
    for entity in list(table.entities.values()):
        if entity.type not in ORG_TYPES or entity.known_id is not None:
            continue
        for start, _ in entity.spans:
            before = _COUNTRY_BEFORE.search(text, max(0, start - 6), start)
            if before:
                table.alias(entity, f"{before.group('country')} {entity.label}")


def _short_forms(table: EntityTable, text: str) -> None:
    """After "Helena Brandt" or "Orbis Systems Inc.", "Brandt" or "Orbis" alone refers to it; so does the
    short name in a headline above the story that gives the full one."""
    top = headline(text)
    entities = list(table.entities.values())
    # Of the organizations one word could shorten, the company ("Northline Airlines") before the body
    # named after it ("Northline Pilots Association"), then the one mentioned most.
    orgs = sorted((e for e in entities if e.type in ORG_TYPES), key=lambda e: (_a_body(e), -len(e.spans)))
    taken_short: set[str] = set()
    for entity in [e for e in entities if e.type not in ORG_TYPES] + orgs:
        if entity.known_id or entity.generic:
            continue
        words = entity.label.split()
        if len(words) < 2:
            continue
        if entity.type == CLS.Person:
            short = surname(entity.label)
        elif entity.type in ORG_TYPES and words[0].lower() not in NOT_NAMES and words[0].lower() not in ORG_LAST:
            short = words[0]
            if short.lower() in {"department", "university", "ministry", "office", "bureau", "national", "federal", "city", "royal", "civil", "financial", "road", "energy"}:
                continue
        else:
            continue
        if len(short) < 3 or (entity.type in ORG_TYPES and short in taken_short):
            continue
        if entity.type in ORG_TYPES:
            taken_short.add(short)
        first = entity.first[0]
        spans = set(entity.spans)
        occurrences = table.words.find(short)
        if any(top <= at < first and not any(s <= at < e for s, e in spans) and not table.is_taken(at, end) for at, end in occurrences):
            continue  # used alone before the full name (a headline's short names aside): a name of its own
        for at, end in occurrences:
            if at < top and not table.is_taken(at, end):
                table.mention(entity, at, end)  # "UnitedHealth paid ransom" over a story about UnitedHealth Group
                table.alias(entity, short)
        for at, end in occurrences:
            if at > first and not table.is_taken(at, end):
                table.mention(entity, at, end)
                table.alias(entity, short)
    # "Ed said" after "Ed Miliband": a first name alone is the one person of that first name named before it.
    for entity in [e for e in entities if e.type == CLS.Person and not e.known_id and not e.generic and len(e.label.split()) > 1]:
        given = entity.label.split()[0]
        if len(given) < 2 or given.lower() in NOT_NAMES or common_word(table, given):
            continue
        for at, end in table.words.find(given):
            if at >= top and not table.is_taken(at, end) and named_before(table, given, at) is entity:
                table.mention(entity, at, end)


#: The parser's labels for a place: "Canada's industry minister" is a government's office, and a place is no organization.
_PLACES = {"GPE", "LOC"}


def _speaking_proper_nouns(table: EntityTable, text: str, sentences: list[Sentence], places: set[tuple[int, int]] = frozenset()) -> None:
    """A single proper noun that speaks or owns staff is an organization: "Orbis rejected", "Cobalt's senior vice president";
    not a name the parser reads as a place (``places``)."""
    pattern = re.compile(rf"(?<![\w’'-])(?P<name>[A-Z][a-zA-Z]+(?:-[A-Z][a-zA-Z]+)*(?:[ ][A-Z][a-zA-Z]+)?)(?:(?P<poss>['’]s)\s+(?:[\w-]+\s+){{0,2}}(?:{TITLE_WORDS})\b|\s+(?:also\s+)?(?:{REPORTING}|has not said|did not|declined)\b)")
    first_names: dict[str, _FullName | None] = {}
    for m in pattern.finditer(text):
        name = m.group("name")
        start = m.start("name")
        if " " in name and not reads_as_organization(table.words, name):
            continue
        if name.split()[0].lower() in NOT_NAMES or name.lower() in GROUP_NOUNS or PLURAL_ACRONYM.fullmatch(name) or table.is_taken(start, start + len(name)):
            continue
        if (start, start + len(name)) in places:
            continue
        at_start = _sentence_start(sentences, start)
        never_lower = not table.words.find(name.lower())
        looks_plural = name.endswith("s") and not re.search(r"[A-Z]", name[1:])
        if at_start and not (m.group("poss") or table.proper_evidence(name) or (never_lower and not looks_plural and " " not in name)):
            continue
        if not re.search(r"[a-z]", name[1:]) and len(name) < 2:
            continue
        if name not in first_names:
            first_names[name] = _with_first_name(table.words, name)
        full = first_names[name]
        if full and is_person_name(full.group("full")):
            person = table.new(CLS.Person, full.group("full"), full.start("full"), full.end("full"), rule="surname that speaks", confidence=0.6)
            table.alias(person, name)
            table.mention(person, start, start + len(name))
            continue
        table.new(CLS.Organization, name, start, start + len(name), rule="proper noun that speaks", confidence=0.6)


_FIRST_NAME = re.compile(rf"(?P<first>{PERSON_WORD})[ ]$")


def _with_first_name(words: WordIndex, name: str):
    """The first place ``name`` follows a capitalised first name that itself follows no capitalised word."""
    text = words.text
    for at, end in words.find(name):
        before = text[max(0, at - 41):at]
        m = _FIRST_NAME.search(before)
        if m is None or m.group("first").lower() in NOT_NAMES:
            continue  # "In Moffatt v. Air Canada": no first name; a later "Jake Moffatt" may be
        start = at - len(before) + m.start("first")
        if start > 0 and re.match(r"[\w’'-]", text[start - 1]):
            continue
        if re.search(r"[A-Z][\w’'-]{0,40}[ ]$", text[max(0, start - 42):start]):
            continue
        return _FullName(text[start:end], start, end)
    return None


class _FullName:
    """A stand-in for the match the rule used to make: ``group("full")``, ``start("full")``, ``end("full")``."""

    def __init__(self, full: str, start: int, end: int):
        self._full, self._start, self._end = full, start, end

    def group(self, _name: str) -> str:
        return self._full

    def start(self, _name: str) -> int:
        return self._start

    def end(self, _name: str) -> int:
        return self._end



def _all_occurrences(table: EntityTable, text: str) -> None:
    """Every later use of a new candidate's full name is a mention of it."""
    for entity in list(table.entities.values()):
        if entity.known_id or entity.generic:
            continue
        for name in entity.names:
            for at, end in table.words.find(name):
                if not table.is_taken(at, end):
                    table.mention(entity, at, end)


def find_names(table: EntityTable, text: str, sentences: list[Sentence], named: list[tuple[int, int, str]] = ()) -> None:
    """Add person, organization and system candidates (and their later short forms) to ``table``.

    ``named`` are a parser's named entities, ``(start, end, label)``: a PERSON or ORG the rules
    did not find becomes a candidate too (the rules run first: they know titles, possessives and
    the classes a parser does not).
    """
    find_people(table, text)
    find_systems(table, text)
    _orgs(table, text, sentences, named)
    add_named(table, text, named)
    _merge_prefixes(table)
    _all_occurrences(table, text)
    _short_forms(table, text)
    _speaking_proper_nouns(table, text, sentences, {(s, e) for s, e, label in named if label in _PLACES})
    _all_occurrences(table, text)
    _country_prefixes(table, text)
    named_products(table, text)
