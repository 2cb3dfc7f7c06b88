"""The word tables and name shapes the name rules read, and the small tests on one name.

Reporting verbs, titles, the last words of organizations' names, group nouns, words that never
start a name; clean a name, is it a person's, does the article write it like a company's, is it
an everyday word.
"""

from __future__ import annotations

import re

from kg.ingest.gazetteer import normalize
from kg.ingest.words import WordIndex

__all__ = [
    "REPORTING", "TITLE_WORDS", "HONORIFIC", "ORG_LAST", "POSSESSIVE_HEADS", "ORG_HEAD_OF", "ORG_UNIT_HEADS",
    "DESCRIBING", "GROUP_NOUNS", "NOT_NAMES", "WORD", "LAST_WORD", "UPPER", "LOWER", "PERSON_WORD", "PERSON",
    "PLURAL_ACRONYM", "clean", "is_person_name", "reads_as_organization", "common_word",
]

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
HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Sir|Dame|Lord|Lady|Judge|Justice|Professor|Councillor|Councilor|Mayor|Senator|Governor|Minister|Chancellor|Inspector|Detective|Captain|Officer|Premier|President|Treasurer|Commissioner)\.?"
ORG_LAST = {
    "inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "llc", "plc", "co.", "gmbh", "ag", "sa", "group",
    "holdings", "global", "partners", "capital", "ventures", "industries", "enterprises", "international", "pharma",
    "pharmaceuticals", "therapeutics", "robotics", "dynamics", "aerospace", "automotive", "motors", "airlines",
    "airways", "air", "rail", "railways", "transit", "energy", "power", "utilities", "telecom", "communications",
    "networks", "media", "press", "news", "times", "post", "journal", "gazette", "herald", "tribune", "courier",
    "observer", "ledger", "wire", "daily", "weekly", "health", "healthcare", "hospital", "clinic", "bank", "bancorp",
    "financial", "insurance", "payments", "logistics", "shipping", "freight", "foods", "retail", "software",
    "systems", "technologies", "technology", "labs", "laboratories", "solutions", "services", "service", "cloud", "data",
    "digital", "interactive", "games", "studios", "electric", "electronics", "research", "analytics", "consulting",
    "associates", "security", "ai", "university", "college", "institute", "school", "academy", "agency",
    "authority", "commission", "office", "bureau", "council", "ministry", "department", "board", "committee",
    "court", "tribunal", "ombudsman", "regulator", "administration", "association", "alliance", "union", "federation",
    "foundation", "society", "coalition", "trust", "fund", "police", "parliament", "congress", "senate",
    # Heads of organizations and publications seen in wire and trade reporting.
    "forum", "network", "desk", "tech", "dispatch", "banks", "standards", "centre", "center", "guild", "cooperative",
    "co-operative", "review", "exchange", "mutual", "llp", "lp", "today", "record", "insider", "echo", "implement",
    "outdoor", "grocers", "network", "networks", "ferries", "mobile", "telecoms", "unified", "district", "county",
    "network", "works", "magazine", "weekly", "monthly", "report", "reporter", "chronicle", "standard", "mail",
}
POSSESSIVE_HEADS = {"college", "university", "hospital", "school", "church", "institute", "academy", "cathedral", "bank", "union"}
ORG_HEAD_OF = r"(?:Department|University|Ministry|Institute|College|School|Office|Bureau|Board|Commission|Council|Bank|Federation|Academy|Society|Association|Court|Museum|Centre|Center|Division|Faculty)"
ORG_UNIT_HEADS = {"department", "division", "faculty", "school", "office", "bureau", "unit", "team", "lab", "laboratory", "centre", "center"}
DESCRIBING = r"company|firm|supplier|vendor|developer|maker|manufacturer|provider|processor|operator|union|regulator|agency|start-?up|contractor|subsidiary|retailer|carrier|airline|bank|insurer|watchdog|publisher|newspaper|outlet|broadcaster|lender|utility|insurer|partner|association|consultancy|institute|foundation|charity"
GROUP_NOUNS = {
    "customers", "users", "analysts", "officials", "engineers", "passengers", "employees", "workers", "staff",
    "executives", "critics", "investors", "regulators", "researchers", "experts", "shoppers", "merchants",
    "residents", "patients", "students", "sources", "people", "observers", "managers", "developers", "drivers",
    "owners", "travellers", "travelers", "nurses", "doctors", "teachers", "parents", "officers", "lawmakers",
    "supervisors", "others", "some", "many", "both", "neither", "insiders", "witnesses", "clients", "members",
}
NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "but", "yet", "still", "however", "after", "before", "when", "while", "this",
    "that", "these", "those", "one", "another", "it", "its", "he", "she", "they", "we", "i", "his", "her", "their",
    "our", "what", "if", "for", "from", "as", "by", "with", "without", "and", "or", "so", "then", "there", "here",
    "according", "also", "both", "neither", "some", "many", "most", "all", "no", "not", "now", "until", "since",
    "any", "every", "each", "such", "nobody", "none", "several", "everyone", "everybody", "someone", "somebody",
    "anyone", "anybody", "few",
    "during", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "ai",
    "internal", "city", "passengers", "professor", "dr", "mr", "mrs", "ms", "chief", "senior", "former", "earlier",
    "later", "last", "next", "whether", "why", "how", "who", "where", "which", "meanwhile", "over", "under",
    "api", "url", "cli", "sdk", "ui", "ceo", "cto", "cfo", "ddos", "dos", "http", "https", "dns", "bgp", "vpn", "vpns", "sql",
    "utc", "gmt", "bst", "cet", "cest", "est", "edt", "pst", "pdt",  # a time zone after a time ("17:06 UTC")
}
WORD = r"[A-Z][\w'’&-]{0,40}[\w’']|[A-Z]"  # bounded: a 20,000-letter token is not a name (1/7 item 5)
LAST_WORD = r"(?:Inc|Corp|Co|Ltd)\."
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
# "McAllister", "O'Neill", "Okafor-Smith"; but "Sentrix's" is a possessive, not a name.
PERSON_WORD = rf"(?:Mc|Mac(?=[{UPPER}])|O['’](?=[{UPPER}]))?[{UPPER}][{LOWER}]+(?:[-'’](?![sS](?![{LOWER}]))[{UPPER}]?[{LOWER}]+)*"
# A name never runs across a line: "...Production Database / Jane Roe said" is a headline, then a name.
#: A generational suffix after a surname ("Joseph Blount Jr."): part of the name, never the surname.
SUFFIXES = ("Jr", "Sr", "II", "III", "IV")
_SUFFIX = rf"(?:,?[ \t]+(?:Jr\.|Sr\.|II|III|IV)(?![\w.]))"
PERSON = rf"(?:{PERSON_WORD})(?:[ \t]+[{UPPER}]\.)?(?:[ \t]+(?!(?:Jr|Sr)\b)(?:{PERSON_WORD})){{1,2}}{_SUFFIX}?"


def surname(name: str) -> str:
    """A person's surname: the last word that is no generational suffix.

    >>> surname("Joseph Blount Jr."), surname("Jane Roe")
    ('Blount', 'Roe')
    """
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in SUFFIXES]
    return words[-1] if words else name


def clean(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    if name.endswith(".") and normalize(name.split()[-1]) not in {"inc", "corp", "ltd", "co", "jr", "sr"}:
        name = name[:-1]
    return name.strip()


#: Lower-case words a person's name may hold ("Ursula von der Leyen", "Luiz Inácio Lula da Silva");
#: any other ("Freedom to Quebecor") joins two names.
NAME_PARTICLES = frozenset(("de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von",
                            "bin", "ibn", "al", "y"))


def is_person_name(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or any(w.lower().strip(".") in NOT_NAMES for w in words):
        return False
    return words[-1].lower() not in ORG_LAST


#: Describing nouns that never stand before a person's name ("developer Jane Roe" and "partner Jane Roe" may).
_ORG_ONLY = "|".join(w for w in DESCRIBING.split("|") if w not in {"developer", "contractor", "partner", "maker"})
_DESCRIBED_BEFORE = re.compile(rf"(?<![\w’'-])(?i:{_ORG_ONLY})[ ]$|\b(?:of|at|for|from|by)[ ]the[ ]$")
_ORG_WORD_AFTER = re.compile(r"[ ]([A-Z][a-z]+)\b")


def organization_context(text: str, start: int, end: int) -> bool:
    """Do the words around ``text[start:end]`` make it an organization's name, or part of one, or a
    title, whatever its words look like? After a describing noun ("the consultancy Compass Lexecon",
    "grid operator Red Eléctrica") or "of the" ("head of the International Air Transport
    Association"), before an organization's last word ("... Transport Association"), or in
    quotation marks ("CNBC's “Squawk Box”", a programme).

    >>> text = "Willie Walsh, head of the International Air Transport Association, said so."
    >>> organization_context(text, 26, 53)
    True
    >>> organization_context("the consultancy Compass Lexecon said", 16, 31), organization_context("Jane Roe said", 0, 8)
    (True, False)
    """
    if _DESCRIBED_BEFORE.search(text, max(0, start - 40), start):
        return True
    after = _ORG_WORD_AFTER.match(text, end)
    if after and after.group(1).lower() in ORG_LAST:
        return True
    return text[start - 1:start] in ("“", '"') and text[end:end + 1] in ("”", '"')


def reads_as_organization(words: WordIndex, name: str) -> bool:
    """News repeats a company's full name but shortens a person to the surname.

    A two-word name seen only next to a reporting verb, written in full three
    times or more and never by its last word alone, is taken for an organization.
    """
    name = clean(name)
    full = words.count(name)
    last = name.split()[-1]
    alone = words.count(last) - full
    return full >= 3 and alone == 0


def common_word(table, word: str) -> bool:
    """Is ``word`` an everyday word here: used lower-case in the article, or common in English and
    never capitalised mid-sentence? ("Government" is; "Delta", "EasyJet" are not.)"""
    from wordfreq import zipf_frequency

    if table.words.find(word.lower()):
        return True
    return zipf_frequency(word.lower(), "en") >= 4.5 and not table.proper_evidence(word)


#: The plural of an acronym ("MPs", "CEOs") is a common noun for a group, never one organization's name.
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")
