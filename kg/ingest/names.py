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
"""

from __future__ import annotations

import bisect
import re

from kg.ingest.words import WordIndex
from kg.vocab import CLS
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.gazetteer import Known, normalize
from kg.ingest.sentences import Sentence

__all__ = ["find_names", "near_matches", "REPORTING", "TITLE_WORDS", "GROUP_NOUNS"]

REPORTING = (
    r"said|says|told|tells|confirmed|confirms|denied|denies|disputed|disputes|described|describes|stated|states|"
    r"acknowledged|admitted|claimed|claims|argued|insisted|maintained|noted|added|explained|wrote|writes|warned|"
    r"rejected|rejects|estimated|reported|announced|conceded|contested|questioned|suggested|posted|responded|replied|"
    r"apologised|apologized|declined|called|blamed"
)
TITLE_WORDS = (
    r"president|vice president|chief|officer|executive|ceo|cto|cfo|coo|ciso|cio|director|manager|head|lead|"
    r"engineer|spokesperson|spokesman|spokeswoman|consultant|analyst|researcher|professor|fellow|founder|co-founder|"
    r"chair|chairman|chairwoman|chairperson|secretary|minister|councillor|councilor|mayor|senator|governor|"
    r"commissioner|official|economist|lawyer|attorney|scientist|developer|reporter|editor|journalist|student|"
    r"doctor|nurse|pilot|owner|expert|adviser|advisor|inspector|auditor|investigator|administrator|technician|"
    r"supervisor|employee|contractor|representative|leader|architect|partner|specialist|strategist|designer"
)
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Sir|Dame|Lord|Lady|Judge|Justice|Professor|Councillor|Councilor|Mayor|Senator|Governor|Minister|Chancellor|Inspector|Detective|Captain|Officer)\.?"
_ORG_LAST = {
    "inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "llc", "plc", "co.", "gmbh", "ag", "sa", "group",
    "holdings", "partners", "capital", "ventures", "industries", "enterprises", "international", "pharma",
    "pharmaceuticals", "therapeutics", "robotics", "dynamics", "aerospace", "automotive", "motors", "airlines",
    "airways", "air", "rail", "railways", "transit", "energy", "power", "utilities", "telecom", "communications",
    "networks", "media", "press", "news", "times", "post", "journal", "gazette", "herald", "tribune", "courier",
    "observer", "ledger", "wire", "daily", "weekly", "health", "healthcare", "hospital", "clinic", "bank", "bancorp",
    "financial", "insurance", "payments", "logistics", "shipping", "freight", "foods", "retail", "software",
    "systems", "technologies", "technology", "labs", "laboratories", "solutions", "services", "cloud", "data",
    "digital", "interactive", "games", "studios", "electric", "electronics", "research", "analytics", "consulting",
    "associates", "security", "ai", "university", "college", "institute", "school", "academy", "agency",
    "authority", "commission", "office", "bureau", "council", "ministry", "department", "board", "committee",
    "court", "ombudsman", "regulator", "administration", "association", "alliance", "union", "federation",
    "foundation", "society", "coalition", "trust", "fund", "police", "parliament", "congress", "senate",
    # Heads of organizations and publications seen in wire and trade reporting.
    "forum", "network", "desk", "tech", "dispatch", "banks", "standards", "centre", "center", "guild", "cooperative",
    "co-operative", "review", "exchange", "mutual", "llp", "lp", "today", "record", "insider", "echo", "implement",
    "outdoor", "grocers", "network", "networks", "ferries", "mobile", "telecoms", "unified", "district", "county",
    "network", "works", "magazine", "weekly", "monthly", "report", "reporter", "chronicle", "standard", "mail",
}
_POSSESSIVE_HEADS = {"college", "university", "hospital", "school", "church", "institute", "academy", "cathedral", "bank", "union"}
_ORG_HEAD_OF = r"(?:Department|University|Ministry|Institute|College|School|Office|Bureau|Board|Commission|Council|Bank|Federation|Academy|Society|Association|Court|Museum|Centre|Center|Division|Faculty)"
_ORG_UNIT_HEADS = {"department", "division", "faculty", "school", "office", "bureau", "unit", "team", "lab", "laboratory", "centre", "center"}
_DESCRIBING = r"company|firm|supplier|vendor|developer|maker|manufacturer|provider|processor|operator|union|regulator|agency|start-?up|contractor|subsidiary|retailer|carrier|airline|bank|insurer|watchdog|publisher|newspaper|outlet|broadcaster|lender|utility|insurer|partner|association|consultancy|institute|foundation|charity"
GROUP_NOUNS = {
    "customers", "users", "analysts", "officials", "engineers", "passengers", "employees", "workers", "staff",
    "executives", "critics", "investors", "regulators", "researchers", "experts", "shoppers", "merchants",
    "residents", "patients", "students", "sources", "people", "observers", "managers", "developers", "drivers",
    "owners", "travellers", "travelers", "nurses", "doctors", "teachers", "parents", "officers", "lawmakers",
    "supervisors", "others", "some", "many", "both", "neither", "insiders", "witnesses", "clients", "members",
}
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "but", "yet", "still", "however", "after", "before", "when", "while", "this",
    "that", "these", "those", "one", "another", "it", "its", "he", "she", "they", "we", "i", "his", "her", "their",
    "our", "what", "if", "for", "from", "as", "by", "with", "without", "and", "or", "so", "then", "there", "here",
    "according", "also", "both", "neither", "some", "many", "most", "all", "no", "not", "now", "until", "since",
    "during", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "ai",
    "internal", "city", "passengers", "professor", "dr", "mr", "mrs", "ms", "chief", "senior", "former", "earlier",
    "later", "last", "next", "whether", "why", "how", "who", "where", "which", "meanwhile", "over", "under",
}
_WORD = r"[A-Z][\w'’&-]{0,40}[\w’']|[A-Z]"  # bounded: a 20,000-letter token is not a name (1/7 item 5)
_LAST_WORD = r"(?:Inc|Corp|Co|Ltd)\."
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# "McAllister", "O'Neill", "Okafor-Smith"; but "Sentrix's" is a possessive, not a name.
_PERSON_WORD = rf"(?:Mc|Mac(?=[{_UPPER}])|O['’](?=[{_UPPER}]))?[{_UPPER}][{_LOWER}]+(?:[-'’](?![sS](?![{_LOWER}]))[{_UPPER}]?[{_LOWER}]+)*"
_PERSON = rf"(?:{_PERSON_WORD})(?:\s+[{_UPPER}]\.)?(?:\s+(?:{_PERSON_WORD})){{1,2}}"
_PERSON_RE = re.compile(rf"(?<![\w’'-])(?P<name>{_PERSON})(?![\w-])")
_CAPSEQ = re.compile(rf"(?<![\w’'-])(?:{_WORD})(?:[ \t]+(?:(?:of|for|the|&)[ \t]+)*(?:{_WORD}))*(?:,?[ \t]+{_LAST_WORD})?")
_POSS = r"(?:['’]s)?"


def _clean(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    if name.endswith(".") and normalize(name.split()[-1]) not in {"inc", "corp", "ltd", "co"}:
        name = name[:-1]
    return name.strip()


def _is_person_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or any(w.lower().strip(".") in _NOT_NAMES for w in words):
        return False
    return words[-1].lower() not in _ORG_LAST


def _sentence_start(sentences: list[Sentence], index: int) -> bool:
    at = bisect.bisect_right(sentences, index, key=lambda s: s.start) - 1
    if at >= 0 and sentences[at].start <= index < sentences[at].end:
        s = sentences[at]
        return not s.text[: index - s.start].strip(" “‘\"'(")
    return False


def _add_person(table: EntityTable, name: str, start: int, *, rule: str, confidence: float, title: str | None = None) -> Entity | None:
    name = _clean(name)
    if not _is_person_name(name):
        return None
    if table.is_taken(start, start + len(name)):
        return table.at(start, start + len(name))
    fields = {"jobTitle": title} if title else {}
    return table.new(CLS.Person, name, start, start + len(name), rule=rule, confidence=confidence, **fields)


def _people(table: EntityTable, text: str) -> None:
    titles = rf"(?i:{TITLE_WORDS})"
    of_part = rf"(?:\s+(?:of|for|at)\s+(?:(?!(?:{REPORTING}|who|which|and)\b)[\w’'-]+\s?){{1,5}})?"
    title = rf"(?:[\w’'-]+\s+){{0,3}}?{titles}(?:\s+(?:[a-z][\w-]*\s+){{0,2}}{titles})?{of_part}"
    article = r"(?:(?:an?|the|its|[A-Z][\w’'-]*['’]s)\s+)"
    patterns = [
        # "chief technology officer, Helena Brandt" / "City councillor Grace Whitfield"
        (re.compile(rf"(?<![\w’'-])(?P<title>(?:[a-z][\w-]*\s+){{0,3}}{titles}(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?),?\s+(?P<name>{_PERSON})(?![\w-])"), "title before name", 0.8),
        # "Dr. Owen Pryce", "Professor Lina Okafor"
        (re.compile(rf"\b{_HONORIFIC}\s+(?P<name>{_PERSON})(?![\w-])"), "honorific", 0.85),
        # "Marcus Idowu, an analyst at Fenwick Research" / "Jane Roe, identified as the company's chief ..."
        (re.compile(rf"(?P<name>{_PERSON}),\s+(?:(?:identified|described)\s+as\s+)?{article}?(?P<title>{title})\b"), "name, title", 0.85),
        # "Rosa Lindqvist, who ..."
        (re.compile(rf"(?P<name>{_PERSON}),\s+who\b"), "name, who", 0.75),
        # "said Ines Carvalho" / "Jonas Weber said"
        (re.compile(rf"\b(?:{REPORTING})\s+(?P<name>{_PERSON})(?![\w-])"), "reporting verb", 0.7),
        (re.compile(rf"(?P<name>{_PERSON})\s+(?:also\s+)?(?:{REPORTING})\b"), "reporting verb", 0.7),
    ]
    for pattern, rule, confidence in patterns:
        for m in pattern.finditer(text):
            if rule == "reporting verb" and _reads_as_organization(table.words, m.group("name")):
                continue
            if rule == "name, title" and re.search(r"\b(?:of|at|for|from|with|by|to|in|on)\s+$", text[max(0, m.start("name") - 6):m.start("name")]):
                continue  # "chair of Red Eléctrica, a former minister": the title is the chair's, not the company's
            title_text = _tidy_title(m.groupdict().get("title"))
            person = _add_person(table, m.group("name"), m.start("name"), rule=rule, confidence=confidence, title=title_text)
            if person is not None and title_text and person.known_id is None:
                person.fields.setdefault("jobTitle", title_text)
    _possessive_employers(table, text)


_EMPLOYER = re.compile(rf"(?<![\w’'-])(?P<org>{_WORD}(?:[ ]{_WORD}){{0,2}})['’]s[ ]$")


def _possessive_employers(table: EntityTable, text: str) -> None:
    """"CrowdStrike's Michael Carlinsky" is a person at CrowdStrike: the company becomes the person's ``memberOf``."""
    for person in [e for e in table.entities.values() if e.type == CLS.Person and e.known_id is None and not e.generic]:
        for start, _ in person.spans:
            m = _EMPLOYER.search(text[max(0, start - 60):start])
            if m is None or m.group("org").split()[0].lower() in _NOT_NAMES:
                continue
            org_start = start - len(m.group(0))
            org = table.at(org_start, org_start + len(m.group("org")), ORG_TYPES)
            if org is None and not table.is_taken(org_start, org_start + len(m.group("org"))):
                org = table.new(CLS.Organization, m.group("org"), org_start, org_start + len(m.group("org")), rule="possessive employer", confidence=0.7)
            if org is not None:
                person.fields.setdefault("memberOf", org.key)
                break


def _reads_as_organization(words: WordIndex, name: str) -> bool:
    """News repeats a company's full name but shortens a person to the surname.

    A two-word name seen only next to a reporting verb, written in full three
    times or more and never by its last word alone, is taken for an organization.
    """
    name = _clean(name)
    full = words.count(name)
    last = name.split()[-1]
    alone = words.count(last) - full
    return full >= 3 and alone == 0


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip(" ,")
    title = re.sub(r"^(?:[\w-]+['’]s\s+)+", "", title)
    return title[:1].upper() + title[1:] if title else None


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group(0)) for m in re.finditer(r"\S+", text[start:end])]


def _org_parts(text: str, m: re.Match) -> list[tuple[int, int]]:
    """Split a capitalised run at possessives ("Amazon’s AI" → "Amazon", "AI"), keeping "King’s College"."""
    words = _word_spans(text, m.start(), m.end())
    parts: list[tuple[int, int]] = []
    first = 0
    for i, (ws, we, word) in enumerate(words):
        following = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if re.search(r"['’]s$", word) and i + 1 < len(words) and following not in _POSSESSIVE_HEADS:
            parts.append((words[first][0], we - 2))
            first = i + 1
    parts.append((words[first][0], words[-1][1]))
    return parts


_PERSON_OF = re.compile(rf"^(?:(?P<honorific>{_HONORIFIC})\s+)?(?P<person>{_PERSON})\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>[A-Z].*)$")


def _person_of_org(table: EntityTable, text: str, start: int, end: int) -> bool:
    """"Judge Teresa Vandermeer of the District Court for Corrin County", "Ruben Castell of Castell Doyle LLP":
    a person, ``memberOf`` the organization; True when the span was read so."""
    m = _PERSON_OF.match(text[start:end])
    if m is None or not _is_person_name(m.group("person")):
        return False
    org_start = start + m.start("org")
    _org_from_span(table, text, org_start, end)
    org = table.at(org_start, end, ORG_TYPES)
    if org is None:
        return False
    title = m.group("honorific")
    person = _add_person(table, m.group("person"), start + m.start("person"), rule="person of an organization", confidence=0.8,
                         title=title.rstrip(".") if title and title.rstrip(".") in ("Judge", "Justice") else None)
    if person is not None and person.known_id is None:
        person.fields.setdefault("memberOf", org.key)
    return person is not None


def _org_from_span(table: EntityTable, text: str, start: int, end: int) -> None:
    words = _word_spans(text, start, end)
    # Drop leading common words and connectors ("The", "In", "Customers of").
    while words:
        word = words[0][2].lower().strip(",")
        nxt = words[1][2].lower() if len(words) > 1 else ""
        if word in _NOT_NAMES or word in {"of", "for", "&"} or (word in GROUP_NOUNS and nxt in {"of", "for", "at"}):
            words = words[1:]
            continue
        break
    while words and words[-1][2].lower() in {"of", "for", "the", "&"}:
        words = words[:-1]
    if not words:
        return
    start, end = words[0][0], words[-1][1]
    if text[end:end + 1] == "." and words[-1][2] in {"Inc", "Corp", "Co", "Ltd"}:
        end += 1
    if _person_of_org(table, text, start, end):
        return
    name = _clean(text[start:end])
    end = start + len(name)
    names = name.split()
    last = names[-1].lower().rstrip(",")
    inner_head = any(w.lower() in {"university", "college", "institute"} for w in names[1:])
    if last not in _ORG_LAST and not inner_head and not re.match(rf"{_ORG_HEAD_OF}\s+of\s+", name):
        return
    if len(names) == 1 and last not in {"inc.", "corp."}:
        return  # a lone "Bank" or "University" is not a name
    if any(s <= start and end <= t for e in table.covering(start, end) for s, t in e.spans):
        return
    is_unit = (names[0].lower() in _ORG_UNIT_HEADS and len(names) > 2 and names[1] == "of") or names[-1].lower() in {"department", "division", "faculty", "unit", "team"}
    type_ = CLS.OrganizationalUnit if is_unit else CLS.Organization
    org = table.new(type_, name, start, end, rule="organization name", confidence=0.8)
    # "Department of Computer Science at King's College London" → unitOf
    after = re.match(rf"\s*(?:,\s*|\s+at\s+|\s+of\s+)(?:the\s+)?(?P<parent>(?:{_WORD})(?:\s+(?:{_WORD})){{0,8}})", text[end:end + 400])
    if type_ == CLS.OrganizationalUnit and after:
        parent_start = end + after.start("parent")
        _org_from_span(table, text, parent_start, end + after.end("parent"))
        parent = table.at(parent_start, end + after.end("parent"), ORG_TYPES)
        if parent is not None and parent is not org:
            org.fields.setdefault("unitOf", parent.key)


def _orgs(table: EntityTable, text: str, sentences: list[Sentence]) -> None:
    for m in _CAPSEQ.finditer(text):
        for start, end in _org_parts(text, m):
            _org_from_span(table, text, start, end)
    # Parenthesised acronyms: "Cobalt Cloud Services (CCS)"
    for m in re.finditer(r"\((?P<acronym>[A-Z]{2,6})\)", text):
        before = table.at(m.start() - 2, m.start() - 1, ORG_TYPES | {CLS.System, CLS.AISystem})
        if before is not None:
            table.alias(before, m.group("acronym"))
            table.mention(before, m.start("acronym"), m.end("acronym"))
    describing = [
        re.compile(rf"\b(?P<noun>(?i:{_DESCRIBING}))(?:['’]s)?,?\s+(?P<name>(?:{_WORD})(?:\s+(?:{_WORD})){{0,3}})(?=[,.;]|\s+(?:{REPORTING}|which|that)\b)"),
        re.compile(rf"(?<![\w’'&-])(?P<name>(?:{_WORD})(?:\s+(?:{_WORD})){{0,3}}),\s+(?:an?|the)\s+(?:[\w-]{{1,40}}\s+){{0,3}}(?P<noun>{_DESCRIBING})\b"),
    ]
    for pattern in describing:
        for m in pattern.finditer(text):
            name = _clean(m.group("name"))
            if not re.match(r"[A-Z]", name) or name.split()[0].lower() in _NOT_NAMES:
                continue
            start = m.start("name")
            org = table.at(start, start + len(name), ORG_TYPES)
            if org is None and not table.is_taken(start, start + len(name)):
                org = table.new(CLS.Organization, name, start, start + len(name), rule="described as an organization", confidence=0.7)
            if org is not None:
                org.fields.setdefault("_nouns", []).append(m.group("noun").lower())


def _merge_prefixes(table: EntityTable) -> None:
    """"Cobalt Cloud" and later "Cobalt Cloud Services" in one article: one organization."""
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
        long = next((e for e in longer.get(tuple(short.label.split()), ()) if e.key not in merged), None)
        if long is not None:
            merged[short.key] = long
    table.merge_all([(table.entities[key], long) for key, long in merged.items()])


def _short_forms(table: EntityTable, text: str) -> None:
    """After "Helena Brandt" or "Orbis Systems Inc.", "Brandt" or "Orbis" alone refers to it."""
    for entity in list(table.entities.values()):
        if entity.known_id or entity.generic:
            continue
        words = entity.label.split()
        if len(words) < 2:
            continue
        if entity.type == CLS.Person:
            short = words[-1]
        elif entity.type in ORG_TYPES and words[0].lower() not in _NOT_NAMES and words[0].lower() not in _ORG_LAST:
            short = words[0]
            if short.lower() in {"department", "university", "ministry", "office", "bureau", "national", "federal", "city", "royal", "civil", "financial", "road", "energy"}:
                continue
        else:
            continue
        if len(short) < 3:
            continue
        first = entity.first[0]
        spans = set(entity.spans)
        occurrences = table.words.find(short)
        if any(at < first and not any(s <= at < e for s, e in spans) for at, _ in occurrences):
            continue  # used alone before the full name: a name of its own
        for at, end in occurrences:
            if at > first and not table.is_taken(at, end):
                table.mention(entity, at, end)
                table.alias(entity, short)


def _speaking_proper_nouns(table: EntityTable, text: str, sentences: list[Sentence]) -> None:
    """A single proper noun that speaks or owns staff is an organization: "Orbis rejected", "Cobalt's senior vice president"."""
    pattern = re.compile(rf"(?<![\w’'-])(?P<name>[A-Z][a-zA-Z]+(?:-[A-Z][a-zA-Z]+)*(?:[ ][A-Z][a-zA-Z]+)?)(?:(?P<poss>['’]s)\s+(?:[\w-]+\s+){{0,2}}(?:{TITLE_WORDS})\b|\s+(?:also\s+)?(?:{REPORTING}|has not said|did not|declined)\b)")
    first_names: dict[str, _FullName | None] = {}
    for m in pattern.finditer(text):
        name = m.group("name")
        start = m.start("name")
        if " " in name and not _reads_as_organization(table.words, name):
            continue
        if name.split()[0].lower() in _NOT_NAMES or name.lower() in GROUP_NOUNS or table.is_taken(start, start + len(name)):
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
        if full and _is_person_name(full.group("full")):
            person = table.new(CLS.Person, full.group("full"), full.start("full"), full.end("full"), rule="surname that speaks", confidence=0.6)
            table.alias(person, name)
            table.mention(person, start, start + len(name))
            continue
        table.new(CLS.Organization, name, start, start + len(name), rule="proper noun that speaks", confidence=0.6)


_FIRST_NAME = re.compile(rf"(?P<first>{_PERSON_WORD})[ ]$")


def _with_first_name(words: WordIndex, name: str):
    """The first place ``name`` follows a capitalised first name that itself follows no capitalised word."""
    text = words.text
    for at, end in words.find(name):
        before = text[max(0, at - 41):at]
        m = _FIRST_NAME.search(before)
        if m is None:
            continue
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


def _systems(table: EntityTable, text: str) -> None:
    name = rf"(?<![\w’'-])(?P<name>[A-Z][\w-]{{0,40}}(?:[ ][A-Z][\w-]{{0,40}}){{0,2}})"
    ai = r"(?:AI|A\.I\.|artificial[- ]intelligence|generative[- ]AI|gen-?AI|LLM|machine[- ]learning)"
    ai_kinds = r"assistant|tool|agent|model|chatbot|bot|copilot|system|scheduler|platform|software"
    kinds = r"system|platform|software|app|application|database|tracker|portal|scheduler|network"
    head_end = r"(?=[,.;:)]|[ ](?:that|which|it|used|made|built|from|for|to|by|at|in|on|and|was|is|had|has)\b)"
    named = r"(?:[ ]?,[ ]|[ ])(?:(?:called|named|known as)[ ])?"
    rules = [
        (re.compile(rf"\b{ai}[ ](?:[\w-]{{1,40}}[ ]){{0,2}}(?:{ai_kinds}){named}{name}(?![\w-])"), CLS.AISystem),
        (re.compile(rf"{name},[ ](?:the|its|an?|[\w’'-]{{1,40}}['’]s)[ ](?:[\w’'-]{{1,40}}[ ]){{0,3}}{ai}[ ](?:[\w-]{{1,40}}[ ]){{0,2}}(?:{ai_kinds}){head_end}"), CLS.AISystem),
        (re.compile(rf"\b(?:chatbot|copilot|language model){named}{name}(?![\w-])"), CLS.AISystem),
        (re.compile(rf"(?<![\w’'-])(?:(?i:its|the)|[\w’'-]{{1,40}}['’]s)[ ](?:[\w-]{{1,40}}[ ]){{0,4}}(?:{kinds}){named}{name}(?![\w-])"), CLS.System),
        (re.compile(rf"{name},[ ](?:the|its|an?)[ ](?:[\w-]{{1,40}}[ ]){{0,4}}(?:{kinds}){head_end}"), CLS.System),
    ]
    # "Replit's agent", "Veltro's AI assistant": an AI product known by its maker's name.
    for m in re.finditer(rf"(?<![\w’'-])(?P<name>(?P<org>{_WORD})['’]s[ ](?:AI[ ])?(?:coding[ ])?(?:agent|assistant|chatbot|copilot|bot))\b(?![ ,]+(?:called|named|known)\b)(?![ ][A-Z])", text):
        if m.group("org").lower() in _NOT_NAMES or table.is_taken(m.start("name"), m.end("name")):
            continue
        if table.at(m.start("org"), m.end("org"), ORG_TYPES | {CLS.Person}) is None and not table.is_taken(m.start("org"), m.end("org")):
            table.new(CLS.Organization, m.group("org"), m.start("org"), m.end("org"), rule="maker of an AI product", confidence=0.6)
        table.new(CLS.AISystem, m.group("name"), m.start("name"), m.end("name"), rule="AI product of a company", confidence=0.6)
    for pattern, type_ in rules:
        for m in pattern.finditer(text):
            label = _clean(m.group("name"))
            start = m.start("name")
            if label.split()[0].lower() in _NOT_NAMES - {"ai"}:
                continue
            taken = table.at(start, start + len(label))
            if taken is not None:
                if taken.known_id is None and taken.rule == "proper noun that speaks":
                    taken.type = type_  # "Atlas said ..." was read as a speaker before the system cue
                continue
            table.new(type_, label, start, start + len(label), rule=f"{type_} cue", confidence=0.75)


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
    _people(table, text)
    _systems(table, text)
    _orgs(table, text, sentences)
    _named(table, text, named)
    _merge_prefixes(table)
    _all_occurrences(table, text)
    _short_forms(table, text)
    _speaking_proper_nouns(table, text, sentences)
    _all_occurrences(table, text)


_NER_TYPES = {"PERSON": CLS.Person, "ORG": CLS.Organization}


def _named(table: EntityTable, text: str, named) -> None:
    # A word of a longer name the rules found ("Transportation" of "Department of Transportation") is not a name of its own.
    inside = {w.lower() for e in table.entities.values() if len(e.label.split()) > 1 for w in e.label.split()}
    orgs = {text[s:e] for s, e, label in named if label == "ORG"}

    def organization(words: str) -> bool:
        return words in orgs or (table.by_name(words) is not None and table.by_name(words).type in ORG_TYPES)

    for start, end, label in named:
        # "Amazon’s AI": an organization's possessive ends the name ("King’s College London" keeps its own).
        owner = re.match(r"(.+?)['’]s[ ]", text[start:end])
        if owner and organization(owner.group(1)):
            start, end, label = start, start + owner.end(1), "ORG"
        # "Elon Musk Amazon entered ...": a person's name runs into an organization's.
        words = text[start:end].split()
        if label == "PERSON" and len(words) >= 3 and organization(words[-1]):
            end = start + len(text[start:end].rsplit(" ", 1)[0])
        type_ = _NER_TYPES.get(label)
        if label == "FAC" and re.search(r"[ ]Airports?$", text[start:end]):
            type_ = CLS.Organization  # "Heathrow Airport" speaks and is sued: the company
        elif label in _LISTED and _listed_with_organizations(text, start, end, orgs):
            type_ = CLS.Organization  # "EDP, Endesa and Iberdrola": one list, one kind
        if label in ("ORG", "PRODUCT") and _RUNS_ON.match(text, end):
            type_ = CLS.System  # "millions of Windows systems": what machines run, not who runs them
        if type_ is None or table.is_taken(start, end):
            continue
        if type_ == CLS.Organization and re.match(rf"[ ](?i:{TITLE_WORDS})\b", text[end:end + 20]) and re.match(r"[ ][A-Z]", text[end:end + 2]):
            continue  # "Energy Secretary Ed Miliband", "Transport Secretary": part of a title
        words = text[start:end]
        # "the Civil Aviation Authority" → "Civil Aviation Authority"; a possessive never enters a name.
        lead = re.match(r"(?:the|The)[ ]", words)
        if lead:
            start, words = start + lead.end(), words[lead.end():]
        trail = re.search(r"(?:['’]s?|[.,;:])$", words)
        if trail and not words.endswith(("Inc.", "Corp.", "Co.", "Ltd.")):
            end, words = end - len(trail.group(0)), words[: -len(trail.group(0))]
        if "\n" in words or not words[:1].isupper() or len(words) < 2 or words.lower() in _NOT_NAMES or words.lower() in inside:
            continue
        if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?|[A-Z]{1,2}", words):
            continue  # "U.S", "U.K.": a place's initials; "AI": two capitals name nothing on their own
        title = re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?[ ]", words)
        if title:  # "Mr Rolfe": a person, the one of that surname named before if any
            type_ = CLS.Person
            known = table.by_name(words[title.end():]) or next((e for e in table.entities.values() if e.type == CLS.Person and e.label.split()[-1] == words.split()[-1]), None)
            if known is not None:
                table.mention(known, start, end)
                continue
        if type_ == CLS.Person and (len(words.split()) == 1 or _reads_as_organization(table.words, words) or any(w.isupper() and len(w) > 1 for w in words.split())):
            # A lone word the parser calls a person is a surname of someone named, or nothing; an
            # all-capital word or a name never shortened is an organization's.
            if len(words.split()) == 1:
                if table.by_name(words) is None:
                    continue
            else:
                type_ = CLS.Organization
        known = table.by_name(words)  # one name, one item: the parser may type its mentions differently
        if known is not None:
            table.mention(known, start, end)
            continue
        if " " not in words and not words.isupper() and _common_word(table, words):
            continue  # "Government", "Sources": a common word at a sentence's start
        table.new(type_, words, start, end, rule="named entity (parser)", confidence=0.6)
    _acronyms(table, text)


def _common_word(table: EntityTable, word: str) -> bool:
    """Is ``word`` an everyday word here: used lower-case in the article, or common in English and
    never capitalised mid-sentence? ("Government" is; "Delta", "EasyJet" are not.)"""
    from wordfreq import zipf_frequency

    if table.words.find(word.lower()):
        return True
    return zipf_frequency(word.lower(), "en") >= 4.5 and not table.proper_evidence(word)


_RUNS_ON = re.compile(r"[ ](?:systems?|computers?|machines|devices|software|servers?|platforms?|operating[ ]system|PCs|workstations|hosts|sensors)\b")

#: Parser labels a name may carry that a list of organizations corrects.
_LISTED = {"PERSON", "GPE", "NORP", "PRODUCT", "FAC", "ORG"}


_NAME = r"[A-Z][\w’'&.-]*(?:[ ][A-Z][\w’'&.-]*)*"
_LIST = re.compile(rf"{_NAME}(?:,[ ]{_NAME})*,?[ ](?:and|or)[ ]{_NAME}")


def _listed_with_organizations(text: str, start: int, end: int, orgs: set[str]) -> bool:
    """Is ``text[start:end]`` one of a list ("A, B and C") whose other members the parser calls organizations?

    >>> _listed_with_organizations("It includes EDP, Endesa and Iberdrola.", 29, 38, {"EDP", "Endesa"})
    True
    """
    at = max(0, start - 150)
    for m in _LIST.finditer(text, at, min(len(text), end + 150)):
        if m.start() <= start and end <= m.end():
            members = [w.strip() for w in re.split(r",[ ]|[ ](?:and|or)[ ]", m.group(0)) if w.strip()]
            others = [w for w in members if w != text[start:end]]
            return len(others) >= 1 and all(w in orgs for w in others) or sum(w in orgs for w in others) >= 2
    return False


def _acronyms(table: EntityTable, text: str) -> None:
    """"Red Eléctrica (REE)": the capitals in brackets after an organization's name are its short name."""
    for entity in list(table.entities.values()):
        if entity.type not in ORG_TYPES or entity.generic:
            continue
        for s, e in list(entity.spans):
            m = re.match(r"[ ]\((?P<short>[A-Z][A-Za-z&]{1,7})\)", text[e:e + 12])
            if m and m.group("short")[1:].isupper() and m.group("short") not in entity.names:
                table.alias(entity, m.group("short"))
                for at, stop in table.words.find(m.group("short")):
                    if not table.is_taken(at, stop):
                        table.mention(entity, at, stop)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def near_matches(candidate: Entity, known: list[Known]) -> list[Known]:
    """Known items a new candidate may be, without being the same name.

    One is the other's acronym ("Amazon Web Services" and "AWS"), one name
    holds the other ("Globex" in "Globex Payments Corp."), or two people share
    a surname with different first names.

    >>> near_matches(Entity("new:1", CLS.Organization, "Amazon Web Services"), [Known("aws", CLS.OrganizationalUnit, "AWS"), Known("q", CLS.AISystem, "Q")])
    [Known(id='aws', type='OrganizationalUnit', label='AWS', aliases=(), section='entities')]
    """
    found: list[Known] = []
    candidate_names = {normalize(n) for n in candidate.names}
    for item in known:
        if item.section != "entities" or (item.type == CLS.Person) != (candidate.type == CLS.Person):
            continue
        for name in item.names:
            n = normalize(name)
            if n in candidate_names:
                break
            if any(_related(c, n, candidate.type) for c in candidate_names):
                found.append(item)
                break
    return found


def _related(a: str, b: str, type_: str) -> bool:
    if type_ == CLS.Person:
        wa, wb = a.split(), b.split()
        return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and wa[0] != wb[0]
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and short.isalpha() and " " not in short and short == _initials(long.title()).lower():
        return True
    if _without_suffix(a) == _without_suffix(b):
        return True  # "Globex" and "Globex Corp."
    return " " in short and re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long) is not None


_LEGAL = re.compile(r"[ ,]+(?:inc|corp|corporation|co|ltd|llc|plc|group|holdings|company|gmbh|ag|sa)\.?$")


def _without_suffix(name: str) -> str:
    return _LEGAL.sub("", name)
