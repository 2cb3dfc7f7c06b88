"""A parser's named entities as candidates.

Its PERSON and ORG spans trimmed (a leading "the", a
possessive, a title's head word), typed again where the article says otherwise (a list of
companies, an airport that speaks, the software machines run), and an organization's bracketed
short name ("Red Eléctrica (REE)") as its alias. The rules run first: they know titles,
possessives and the classes a parser does not."""

from __future__ import annotations

import re

from kg.ingest.entities import ORG_TYPES, EntityTable
from kg.ingest.name_tables import NAME_PARTICLES, NOT_NAMES, ORG_LAST, PLURAL_ACRONYM, POSSESSIVE_HEADS, REPORTING, TITLE_WORDS, common_word, organization_context, reads_as_organization, surname
from kg.ingest.sentences import title_case_headline
from kg.vocab import CLS

__all__ = ["add_named", "add_publisher", "named_products", "named_before", "reads_as_company"]

_NER_TYPES = {"PERSON": CLS.Person, "ORG": CLS.Organization}


def add_named(table: EntityTable, text: str, named) -> None:
    # A word of a longer name the rules found ("Transportation" of "Department of Transportation") is not a name of its own.
    inside = {w.lower() for e in table.entities.values() if len(e.label.split()) > 1 for w in e.label.split()}
    orgs = {text[s:e] for s, e, label in named if label == "ORG"}
    people = {text[s:e] for s, e, label in named if label == "PERSON"}

    def organization(words: str) -> bool:
        return words in orgs or (table.by_name(words) is not None and table.by_name(words).type in ORG_TYPES)

    top = title_case_headline(text)  # a headline In Title Case: its capitals name nothing
    pending = list(reversed(named))  # a span split into names puts its names back here, next in line
    while pending:
        start, end, label = pending.pop()
        if start < top:
            continue
        # "Amazon’s AI": an organization's possessive ends the name ("King’s College London" keeps its own).
        owner = re.match(r"(.+?)['’]s[ ](?P<next>\w+)", text[start:end])
        if owner and (organization(owner.group(1)) or (label == "ORG" and owner.group("next").lower() not in POSSESSIVE_HEADS)):
            start, end, label = start, start + owner.end(1), "ORG"  # "BrightShield's Victoria Lang": the company
        elif owner and label == "PERSON" and owner.group("next")[:1].isupper():
            label = "ORG"  # "Tom's Hardware": a possessive inside a name is an organization's or a title's, never a person's
        # "Elon Musk Amazon entered ...": a person's name runs into an organization's.
        words = text[start:end].split()
        if label == "PERSON" and len(words) >= 3 and organization(words[-1]):
            end = start + len(text[start:end].rsplit(" ", 1)[0])
        committee = _COMMITTEE.match(text, end) if label == "ORG" else None
        if committee:  # "the Treasury select committee": the committee, not the department it is named after
            end = committee.end()
        type_ = _NER_TYPES.get(label)
        if label in _LISTED and label != "ORG" and (text[start:end] in orgs or _staffed(table, text, text[start:end])):
            type_ = CLS.Organization  # "Heathrow" tagged ORG once, or "a Heathrow spokesperson": every mention is the company
        if label == "FAC" and re.search(r"[ ]Airports?$", text[start:end]):
            type_ = CLS.Organization  # "Heathrow Airport" speaks and is sued: the company
        elif label in _LISTED and _listed_with_organizations(text, start, end, orgs):
            type_ = CLS.Organization  # "EDP, Endesa and Iberdrola": one list, one kind
        if label in ("ORG", "PRODUCT") and (_RUNS_ON.match(text, end) or re.search(r"[ ]v?\d+\.\d+$", text[start:end])):
            # "millions of Windows systems", "Claude Opus 4.6": what machines run, a version of a product; but a name
            # that speaks or has staff anywhere in the article is the company ("Globex said the Globex system was slow")
            type_ = CLS.Organization if reads_as_company(table, text, text[start:end]) else CLS.System
        if type_ is None or table.is_taken(start, end):
            continue
        if type_ == CLS.Organization and re.match(rf"[ ](?i:{TITLE_WORDS})\b", text[end:end + 20]) and re.match(r"[ ][A-Z]", text[end:end + 2]):
            continue  # "Energy Secretary Ed Miliband", "Transport Secretary": part of a title
        words = text[start:end]
        # "the Civil Aviation Authority" → "Civil Aviation Authority"; a possessive never enters a name.
        lead = re.match(r"(?:the|The)[ ]", words)
        if lead:
            start, words = start + lead.end(), words[lead.end():]
        stop = re.search(r"[.!?](?:\n|[ \t]+(?=(?:The|A|An|It|He|She|They|We|In|On|At|But|And|This|That)\b))", words)
        if stop:  # "X. The": the parser ran a name across a sentence's end
            end, words = start + stop.start(), words[: stop.start()]
        trail = re.search(r"(?:['’]s?|[.,;:])$", words)
        if trail and not words.endswith(("Inc.", "Corp.", "Co.", "Ltd.")):
            end, words = end - len(trail.group(0)), words[: -len(trail.group(0))]
        if "\n" in words or not words[:1].isupper() or len(words) < 2 or words.lower() in NOT_NAMES or words.lower() in inside:
            continue
        if type_ == CLS.Organization and re.search(r"[ ](?:and|or)[ ]", words) and words.split()[-1].lower() not in ORG_LAST \
                and not re.match(r"[ ]\([A-Z]{2,8}\)", text[end:end + 12]):
            # "Palma and Faro": two names, or places, not one organization's. Places never speak: when the
            # span is a source ("according to BleepingComputer and Recorded Future analyst ..."), each name is one.
            if _SOURCE_BEFORE.search(text, max(0, start - 20), start) or _SOURCE_AFTER.match(text, end):
                pending.extend(reversed(_conjuncts(start, words)))
            continue
        if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?|[A-Z]{1,2}", words) or PLURAL_ACRONYM.fullmatch(words):
            continue  # "U.S", "U.K.": a place's initials; "AI": two capitals name nothing on their own; "MPs": a group
        title = re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?[ ]", words)
        if title:  # "Mr Rolfe": a person, the one of that surname named before if any
            type_ = CLS.Person
            known = table.by_name(words[title.end():]) or next((e for e in table.entities.values() if e.type == CLS.Person and surname(e.label) == words.split()[-1]), None)
            if known is not None:
                table.mention(known, start, end)
                continue
        if type_ == CLS.Person and text[start - 1:start] in ("“", '"') and text[end:end + 1] in ("”", '"'):
            continue  # a name in quotation marks is a title (a programme, a report), not a person
        if type_ == CLS.Person and any(w[:1].islower() and w not in NAME_PARTICLES for w in words.split()):
            continue  # "sell Freedom to Quebecor": two names and a word between them, no one's name
        if type_ == CLS.Person and (len(words.split()) == 1 or reads_as_organization(table.words, words) or any(w.isupper() and len(w) > 1 for w in words.split())
                                    or _staffed(table, text, words) or organization_context(text, start, end)):
            # A lone word the parser calls a person is a surname of someone named, or nothing; an
            # all-capital word or a name never shortened is an organization's.
            if len(words.split()) == 1:
                known = table.by_name(words) or named_before(table, words, start)
                if known is None:
                    continue
                table.mention(known, start, end)  # "Moffatt" after "Jake Moffatt", however else the article used the word first
                continue
            else:
                type_ = CLS.Organization
        known = table.by_name(words)  # one name, one item: the parser may type its mentions differently
        if known is None and type_ == CLS.Organization and " " not in words:
            known = named_before(table, words, start)  # "Lyn Montgomery ... Montgomery said": her surname, not a company
        if known is not None:
            if known.type == CLS.Person and known.rule == "reporting verb" and known.known_id is None and words in orgs and words not in people:
                known.type = CLS.Organization  # "Air Canada acknowledged ...": two capitalised words that speak, an organization to the parser
            table.mention(known, start, end)
            continue
        if " " not in words and not words.isupper() and common_word(table, words):
            continue  # "Government", "Sources": a common word at a sentence's start
        table.new(type_, words, start, end, rule="named entity (parser)", confidence=0.6)
    _members(table, text)
    _went_down(table, text)
    _acronyms(table, text)
    _initials(table)


#: Where a name is the source of what is reported: after "according to", before a reporting verb.
_SOURCE_BEFORE = re.compile(r"\b(?i:according[ ]to)[ ](?:the[ ])?$")
_SOURCE_AFTER = re.compile(rf"(?:[ ](?:have|has|both|also|each|all)){{0,2}}[ ](?:{REPORTING})\b")


def _conjuncts(start: int, words: str) -> list[tuple[int, int, str]]:
    """The names ``words`` joins by "and", "or" and commas, as organization spans from ``start``.

    >>> _conjuncts(10, "BleepingComputer and Recorded Future")
    [(10, 26, 'ORG'), (31, 46, 'ORG')]
    """
    cuts = [0, *(i for m in re.finditer(r",?[ ](?:and|or)[ ]|,[ ]", words) for i in m.span()), len(words)]
    return [(start + a, start + b, "ORG") for a, b in zip(cuts[::2], cuts[1::2])]


def named_products(table: EntityTable, text: str) -> None:
    """A name the parser called an organization that another organization owns as a system ("a Sentinel
    feature file ... Globex's Sentinel system") is that system: a product's name, however else it was used.

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "A Sentinel file broke. Globex's Sentinel system failed."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> product = table.new(CLS.Organization, "Sentinel", 2, 10, rule="named entity (parser)")
    >>> table.mention(product, 32, 40)
    >>> named_products(table, text)
    >>> product.type
    'System'
    """
    for entity in table.entities.values():
        if entity.type == CLS.Organization and entity.rule == "named entity (parser)" and entity.known_id is None and any(
                _RUNS_ON.match(text, e) and _OWNER_BEFORE.search(text, max(0, s - 42), s) for s, e in entity.spans) \
                and not reads_as_company(table, text, entity.label):
            entity.type = CLS.System


def named_before(table: EntityTable, word: str, start: int):
    """The person named in full before ``start`` whose surname is ``word``, if exactly one is; else, when no
    one's surname is ``word``, the one whose first name it is, if exactly one ("Ed Miliband ... Ed said").

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Lyn Montgomery spoke first. Montgomery said it was avoidable. Lyn added more."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> _ = table.new(CLS.Person, "Lyn Montgomery", 0, 14, rule="test")
    >>> named_before(table, "Montgomery", 28).label, named_before(table, "Montgomery", 0), named_before(table, "Lyn", 62).label
    ('Lyn Montgomery', None, 'Lyn Montgomery')
    >>> _ = table.new(CLS.Person, "Lyn Hart", 28, 36, rule="test")
    >>> named_before(table, "Lyn", 62) is None  # two people of that first name: neither
    True
    """
    before = [e for e in table.entities.values() if e.type == CLS.Person and len(e.label.split()) > 1 and e.spans and e.spans[0][1] <= start]
    for name_of in (surname, lambda label: label.split()[0]):
        people = [e for e in before if name_of(e.label) == word]
        if people:
            return people[0] if len(people) == 1 else None
    return None


def add_publisher(table: EntityTable, text: str, name: str | None) -> None:
    """The article's publisher, where its own text names it ("said in a statement to CRN"): an
    organization, whatever the parser makes of the words (run before the names are read).

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Globex said in a statement to the Daily Planet that it was sorry."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> add_publisher(table, text, "The Daily Planet")
    >>> [(e.type, e.label, [text[s:e] for s, e in e.spans]) for e in table.entities.values()]
    [('Organization', 'The Daily Planet', ['Daily Planet'])]
    """
    if not name or not name.strip():
        return
    name = name.strip()
    short = re.sub(r"^(?:the|The)[ ]", "", name)
    spans = table.words.find(name) + (table.words.find(short) if short != name else [])
    for start, end in sorted(set(spans)):
        if not text[start:start + 1].isupper():
            continue
        if not table.is_taken(start, end):  # read before the names: the parser's tag for these words never counts
            table.new(CLS.Organization, name, start, end, rule="the publisher", confidence=0.8)


#: Plural nouns for organizations of a kind, before a list of their names.
_KIND_PLURAL = (r"companies|firms|airlines|carriers|banks|utilities|operators|rivals|competitors|providers|suppliers|vendors|"
                r"consultants|consultancies|insurers|lenders|retailers|telcos|agencies|regulators|outlets|publications|"
                r"newspapers|broadcasters|start-?ups|manufacturers|makers|developers|unions|charities|services|websites|sites|platforms|apps")
#: Plural nouns for things, not organizations: what is listed after them is a system ("services such as
#: Spotify and YouTube"), unless the name speaks or has staff somewhere in the article (:func:`reads_as_company`).
_SERVICE_PLURAL = frozenset({"services", "websites", "sites", "platforms", "apps"})
_MEMBER = r"[A-Z][\w’'&-]*(?:[ ][A-Z][\w’'&-]*){0,3}"
_MEMBERS = re.compile(
    rf"\b(?P<kind>(?i:{_KIND_PLURAL}))(?:[ ][a-z-]+){{0,8}}?(?:,[ ]|[ ])(?:(?P<cue>including|such[ ]as|like|namely)[ ])?"
    rf"(?P<list>{_MEMBER}(?:,[ ]{_MEMBER})*,?[ ](?:and|or)[ ]{_MEMBER}|{_MEMBER})(?=[,.;:)]|[ ][a-z])"
)


def _members(table: EntityTable, text: str) -> None:
    """Names listed after a plural noun for organizations ("power companies including Iberdrola and
    Endesa", "two other airlines ..., United and American Airlines"): organizations, whatever the parser
    tagged them (a place, a person) or if it tagged nothing.

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Rivals Telstar, Vodaphone and TPG said so. Utilities such as Endesa agreed."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> _members(table, text)
    >>> sorted(e.label for e in table.entities.values())
    ['Endesa', 'TPG', 'Telstar', 'Vodaphone']

    Names listed as services, websites or platforms are systems ("services such as Streamly and Tunebox"):

    >>> text = "The outage hit services such as Streamly and Tunebox. Globex said sorry."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> _members(table, text)
    >>> sorted((e.type, e.label) for e in table.entities.values())
    [('System', 'Streamly'), ('System', 'Tunebox')]
    """
    for m in _MEMBERS.finditer(text):
        names = _split_list(text, m)
        if len(names) < 2 and not m.group("cue"):
            continue
        services = m.group("kind").lower() in _SERVICE_PLURAL
        for name, start, end in names:
            if services and not reads_as_company(table, text, name):
                _type_listed(table, name, start, end, CLS.System, "listed as services")
            else:
                _type_listed(table, name, start, end, CLS.Organization, "listed with organizations")


def _split_list(text: str, m: re.Match) -> list[tuple[str, int, int]]:
    """The names of ``m``'s ``list`` group ("Telstar, Vodaphone and TPG"), each with its span; a sentence's
    opening word ("The") is no name."""
    found, at = [], m.start("list")
    for name in (n for n in re.split(r",[ ](?:and[ ]|or[ ])?|[ ](?:and|or)[ ]", m.group("list")) if n):
        start = text.index(name, at)
        at = start + len(name)
        if name.split()[0].lower() not in NOT_NAMES:
            found.append((name, start, at))
    return found


def _type_listed(table: EntityTable, name: str, start: int, end: int, kind: str, rule: str) -> None:
    """``name`` at ``[start, end)`` is of ``kind``: a new item if nothing holds the words, else the parser's
    person or organization there typed again ("the consultancies Compass Lexecon and Inesc Tec")."""
    taken = table.at(start, end)
    if taken is None and not table.is_taken(start, end):
        table.new(kind, name, start, end, rule=rule, confidence=0.6 if kind == CLS.Organization or rule == "listed as services" else 0.55)
    elif taken is not None and taken.type in (CLS.Person, CLS.Organization) and taken.known_id is None and taken.rule == "named entity (parser)":
        taken.type = kind


#: Names that went down or came back: "Instagram and WhatsApp are back online", "when Interac was knocked offline".
_WENT_DOWN = re.compile(
    rf"(?<![\w’'-])(?P<list>{_MEMBER}(?:,[ ]{_MEMBER})*(?:,?[ ](?:and|or)[ ]{_MEMBER})?)[ ](?:(?:are|were|was|is|had[ ]been|have[ ]been|has[ ]been)[ ]"
    r"(?:back[ ]online|down|offline|unavailable|(?:knocked|taken)[ ]offline)|went[ ](?:down|offline|dark)|disappeared)\b"
)


def _went_down(table: EntityTable, text: str) -> None:
    """Names that went down, went offline or came back online: what an outage takes down is a service, a
    system, whatever the parser tagged it, unless the name speaks or has staff somewhere (:func:`reads_as_company`).

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Streamly and Tunebox are back online. Globex went down too. Globex said sorry."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> _went_down(table, text)
    >>> sorted((e.type, e.label) for e in table.entities.values())
    [('System', 'Streamly'), ('System', 'Tunebox')]
    """
    for m in _WENT_DOWN.finditer(text):
        for name, start, end in _split_list(text, m):
            if not reads_as_company(table, text, name):
                _type_listed(table, name, start, end, CLS.System, "went down")


#: A committee named after the body it watches, its own words lower-case: "Treasury select committee".
_COMMITTEE = re.compile(r"[ ](?:[a-z]+[ ]){0,2}committee\b")

#: An organization's possessive right before a name: "Cloudflare's Bot Management system" is its product's name.
_OWNER_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][\w&-]{0,40}['’]s[ ]$")

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


def _initials(table: EntityTable) -> None:
    """An organization named by its initials alone ("FCC" after "Federal Communications Commission",
    no brackets between them) is the one whose name they spell, when only one name does: one item.

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "The Federal Communications Commission fined it. The FCC said so."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> full = table.new(CLS.Organization, "Federal Communications Commission", 4, 37, rule="test")
    >>> short = table.new(CLS.Organization, "FCC", 53, 56, rule="test")
    >>> _initials(table)
    >>> [(e.label, e.names, e.spans) for e in table.entities.values()]
    [('Federal Communications Commission', ['Federal Communications Commission', 'FCC'], [(4, 37), (53, 56)])]
    """
    orgs = [e for e in table.entities.values() if e.type in ORG_TYPES and not e.generic and e.known_id is None]
    spelled: dict[str, list] = {}
    for entity in orgs:
        words = [w for w in re.findall(r"[\w’'-]+", entity.label) if w.lower() not in ("the", "and", "of", "for", "on")]
        if len(words) >= 2:
            spelled.setdefault("".join(w[0] for w in words).upper(), []).append(entity)
    pairs = []
    for short in orgs:
        if re.fullmatch(r"[A-Z]{2,6}", short.label) and len(spelled.get(short.label, ())) == 1 and spelled[short.label][0] is not short:
            pairs.append((short, spelled[short.label][0]))
    table.merge_all(pairs)


#: What follows an organization's name and never a person's: "a Red Eléctrica spokesperson", "Ryanair boss", "Globex (GBX)".
_STAFFED = re.compile(
    r"[ ](?:spokes(?:person|man|woman)|representatives?|staff|employees|shareholders|shares|board|boss|chief[ ]executive|CEO"
    r"|chairman|chairwoman|founder)\b|[ ]\([A-Z]{2,6}\)"
    r"|['’]s?[ ](?:spokes(?:person|man|woman)|shareholders|shares|board|chief[ ]executive|CEO|customers|subscribers)\b"
)


def _staffed(table: EntityTable, text: str, name: str) -> bool:
    """Is ``name`` written somewhere as an organization's: with a spokesperson, staff or an acronym after it?

    >>> from kg.ingest.entities import EntityTable
    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Red Eléctrica said so. A Red Eléctrica spokesperson declined."
    >>> _staffed(EntityTable(text, Gazetteer([])), text, "Red Eléctrica")
    True
    """
    return any(_STAFFED.match(text, end) for _, end in table.words.find(name))


def reads_as_company(table: EntityTable, text: str, name: str) -> bool:
    """Is ``name`` written somewhere in the article as an organization's, never a system's: before a
    reporting verb or after "according to" (it speaks), with a spokesperson, staff or an acronym
    after it, or with a possessive ("Globex's")? A system's name is never any of these in reporting.

    >>> from kg.ingest.entities import EntityTable
    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Globex said the Globex system was slow. The problem with Notam hit the Notam system."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> reads_as_company(table, text, "Globex"), reads_as_company(table, text, "Notam")
    (True, False)
    """
    return any(_STAFFED.match(text, end) or _SOURCE_AFTER.match(text, end) or text[end:end + 3] in ("'s ", "’s ")
               or _SOURCE_BEFORE.search(text, max(0, start - 20), start) for start, end in table.words.find(name))

