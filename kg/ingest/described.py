"""Speakers named by description rather than by name: "the company", "its chief executive", "the
grid operator", "the AI agent", "the report", "the prime minister".

:func:`kg.ingest.parties.resolve_party` asks these when a speaker's words name no entity: each finds
who the description stands for (the organization, person, AI system or document named before, or
introduced by those words), else a role named by the description for a reviewer to resolve.

>>> from kg.ingest.extract import extract
>>> text = "Globex, the grid operator, cut supply. The grid operator said it had followed the rules."
>>> [c.party.label for c in extract(text, parser="rules").claims]
['Globex']
"""

from __future__ import annotations

import itertools
import re

from kg.vocab import CLS
from kg.ingest.dates import WEEKDAYS
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.kinds import DOCUMENT_NOUN
from kg.ingest.name_tables import TITLE_WORDS
from kg.ingest.systems import AI_DESCRIPTION

__all__ = ["by_description", "officer", "ai_by_description", "person_titled", "org_by_noun", "spoke_near", "unresolved_role"]


def org_by_noun(table: EntityTable, noun: str, before: int) -> Entity | None:
    noun = noun.lower()
    # The nearest organizations only: a noun refers back a few paragraphs, not across a whole book.
    for s, e, entity in itertools.islice(table.mentions_before(before, ORG_TYPES), 200):
        if noun in entity.label.lower().split() or noun.rstrip("s") in entity.label.lower() or noun in entity.fields.get("_nouns", []):
            return entity
    if noun in COMPANY_NOUNS:
        # "The company said" after two companies were named: the one that spoke last, two sentences
        # back at most, else the one the article is about.
        return spoke_near(table, before) or table.most_mentioned(ORG_TYPES)
    # A kind of business is the one the article is about; a union, a regulator, an agency, an authority or a
    # council that no name fits is another body (an unresolved role), never the company it watches or faces.
    if noun in {"bank", "airline", "university", "carrier", "retailer", "insurer", "processor", "hospital", "utility"}:
        return table.most_mentioned(ORG_TYPES)
    return None


#: Nouns that describe a business of any kind: "the company", "the telco", "the start-up".
COMPANY_NOUNS = {"company", "firm", "group", "operator", "developer", "provider", "telco", "startup", "start-up",
                  "business", "giant", "vendor", "supplier", "consultancy", "platform"}


def spoke_near(table: EntityTable, before: int) -> Entity | None:
    """The named organization that spoke last, with a mention within two sentences before ``before``."""
    return next((p for p in reversed(table.speakers) if p.type in ORG_TYPES and not p.generic
                 and any(before - NEAR < e <= before for _, e in p.spans)), None)


_OFFICE = re.compile(
    rf"^[ ,]*(?P<owner>(?i:its|their)|(?i:the)[ ](?P<noun>[a-z-]+)['’]s)[ ](?P<office>(?:[a-z-]+[ ]){{0,2}}?(?:{TITLE_WORDS}|boss))[ ,]*$"
)


def ai_by_description(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """An AI system the article tells only by description ("The AI agent built by Globex deleted the data.
    The agent responded: ..."): one item, from its first description in the two paragraphs before.

    >>> from kg.ingest.extract import extract
    >>> text = "An AI coding assistant deleted the files. The assistant said it had ignored the freeze."
    >>> [(c.party.label, c.party.type) for c in extract(text, parser="rules").claims]
    [('AI coding assistant', 'AISystem')]
    """
    first = next(AI_DESCRIPTION.finditer(text, max(0, start - 2000), end), None)
    if first is None:
        return None
    label = first.group("name")
    entity = table.by_name(label[:1].upper() + label[1:], {CLS.AISystem})
    if entity is None:
        entity = table.new(CLS.AISystem, label[:1].upper() + label[1:], first.start("name"), first.end("name"), rule="AI described", confidence=0.5)
    words = text[start:end].strip(" ,")
    at = start + text[start:end].index(words)
    table.mention(entity, at, at + len(words))
    return entity


def officer(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """An organization's officer given by office alone: "its chief executive", "the company's boss".
    The person named before with that office, else the office of that organization, unnamed (as "a
    Globex spokesperson" is).

    >>> from kg.ingest.extract import extract
    >>> text = "Globex Corp said the fix was safe. Its chief executive said the outage was rare."
    >>> [c.party.label for c in extract(text, parser="rules").claims]
    ['Globex Corp', 'Globex Corp chief executive']
    """
    m = _OFFICE.match(text[start:end])
    if m is None:
        return None
    if m.group("noun"):
        org = org_by_noun(table, m.group("noun"), start)
    else:
        org = spoke_near(table, start) or table.last_before(start, ORG_TYPES, named_only=True)
    office = m.group("office")
    person = person_titled(table, office, start)
    if person is not None and (org is None or person.fields.get("memberOf") in (None, org.key)):
        return person
    if org is None:
        return None
    at = start + m.start("office")
    label = f"{org.label} {office}"
    known = table.by_name(label, {CLS.Person})
    if known is not None:
        table.mention(known, at, start + m.end("office"))
        return known
    return table.new(CLS.Person, label, at, start + m.end("office"), rule="unnamed office", confidence=0.55, generic=True, memberOf=org.key)


# ---------------------------------------------------------------------- speakers named by description
# Each row: a speaker described rather than named, how to find who it is. Tried in order.
_DESCRIPTION = re.compile(
    r"^[ ,]*(?:(?P<one>(?i:one)[ ]of[ ](?:its|their)[ ][a-z]+)"
    r"|(?P<det>(?i:the|this|that|an?|its)|[A-Z][\w’'-]*?['’]s?)[ ]"
    r"(?P<mods>(?:[\w’'-]+[ ]){0,5}?)(?P<noun>[a-z][a-z-]+)(?P<of>[ ]of[ ](?:the[ ])?[\w’' -]{1,40}?)?)"
    r"(?:,?[ ](?:released|posted|published|issued|seen|obtained|filed|dated|signed|sent|made|on|in|by|from|to|last|this)\b[^;]{0,80})?[ ,]*$"
)
#: What someone put out, with who put it out: "a statement from the company", "reporting by the Daily Planet".
#: (A report, letter or filing by someone speaks for itself: the labelling convention's document.)
_BY = re.compile(
    r"^[ ,]*(?:(?i:an?|the|its|their)[ ])?(?:[\w-]+[ ]){0,3}?(?i:statement|announcement|release|reporting|coverage|data|figures|statistics)[ ](?:by|from)[ ]"
    r"(?P<who>[^,;]{2,60}?)[ ,]*$"
)
#: An AI system described, not named: "the AI agent", "the coding assistant", "the chatbot" (the one named before).
_AI_DESCRIPTION = re.compile(r"^[ ,]*(?i:the|this|its)[ ](?:[\w-]+[ ]){0,2}(?:AI|A\.I\.|agent|assistant|chatbot|bot|copilot)[ ,]*$")
_TITLED = {"head": ("chief executive", "ceo", "head", "chief", "boss"), "boss": ("chief executive", "ceo", "head", "boss", "chief"),
           "chief": ("chief", "ceo"), "leader": ("leader", "head", "director", "chief"), "director": ("director", "leader", "head")}
#: An office of an organization named before it: "the TSB boss", "the Aelec director".
ORG_OFFICE = re.compile(rf"[ ,]*(?:the|The)[ ](?:[A-Z][\w’'&.-]*[ ]){{1,4}}(?P<office>(?:[a-z-]+[ ]){{0,2}}?(?:{TITLE_WORDS}|boss))[ ,]*")


def by_description(table: EntityTable, text: str, start: int, end: int, resolve) -> Entity | None:
    """A speaker given by description: "the AI agent" (the AI system named before), "one of its lawyers"
    (the organization), "the prime minister",
    "the Aelec director" (the person of that title named before), "the association", "the grid
    operator" (the organization so described), "the report", "Monday's report", "a regulatory
    filing" (the document, made a source when the article names it only so). ``resolve`` finds the
    speaker inside "a statement from the company" (:func:`kg.ingest.parties.resolve_party`)."""
    if _AI_DESCRIPTION.match(text[start:end]):
        return table.last_before(start, {CLS.AISystem}) or ai_by_description(table, text, start, end)
    by = _BY.match(text[start:end])
    if by is not None:
        who = resolve(table, text, start + by.start("who"), start + by.end("who"))
        if who is not None and who.type in ORG_TYPES | {CLS.Person}:
            return who  # "a statement from the company": the company speaks
    m = _DESCRIPTION.match(text[start:end])
    if m is None:
        return None
    if m.group("one"):
        return table.last_before(start, ORG_TYPES, named_only=True)
    noun = m.group("noun").lower()
    det = m.group("det")
    if re.fullmatch(DOCUMENT_NOUN, noun):
        return _document(table, text, start + m.start("det"), start + m.end("noun") if not m.group("of") else start + m.end("of"), noun, det)
    if det.lower() not in ("the", "this", "that") and not det[:1].isupper():
        return None
    office = " ".join(w for w in (m.group("mods") or "").split() if w.islower())
    # "the pilots association" is no office, though a vice president's title names it
    person = person_titled(table, f"{office} {noun}".strip(), start) if re.fullmatch(TITLE_WORDS, noun) or noun in _TITLED else None
    if person is not None:
        return person
    if re.fullmatch(TITLE_WORDS, noun):
        return None
    org = _org_described(table, text, noun, start)
    if org is None and m.group("mods") and det.lower() == "the" and re.fullmatch(ORG_NOUNS, noun):
        # "The Russia-based ransomware gang claimed": an organization described by what it is, right
        # after it was named: the organization that spoke last (else the one named last), within the
        # two sentences before.
        def close(entity) -> bool:
            return any(start - NEAR < e <= start for s, e in entity.spans)

        spoke = next((p for p in reversed(table.speakers) if p.type in ORG_TYPES and not p.generic and close(p)), None)
        near = spoke or table.last_before(start, ORG_TYPES, named_only=True)
        if near is not None and close(near):
            org = near
    if org is None and noun == "government" and not m.group("mods"):
        # "The government said": the government the article is about, a party of its own
        at = start + m.start("noun")
        # (a role, as "the grid operator" named nowhere is: the labelling convention's mentions are named ones)
        org = table.new(CLS.Role, "Government", at, at + len(noun), rule="the government", confidence=0.5, generic=True)
    return org


#: Words in an organization's name that say what kind it is, for the noun that describes it:
#: "the force" is the Metropolitan Police, "the airline" Delta Air Lines, "the regulator" a Commission.
_KIND_WORDS = {
    "force": {"police", "constabulary"}, "police": {"police", "constabulary"},
    "airline": {"airlines", "airways", "air"}, "carrier": {"airlines", "airways", "air"},
    "regulator": {"authority", "commission", "ombudsman", "regulator"}, "watchdog": {"authority", "commission", "ombudsman", "regulator"},
    "agency": {"agency", "commission", "administration", "authority"},
    "insurer": {"insurance", "assurance"}, "lender": {"bank", "bancorp"}, "hospital": {"hospital", "clinic", "infirmary"},
    "university": {"university", "college"}, "ministry": {"ministry", "department"}, "department": {"department", "ministry"},
}
#: How far back (characters) a described organization may have been named: about two sentences.
NEAR = 300
#: Nouns an organization is described by ("the grid operator said", "the force said").
ORG_NOUNS = (r"company|firm|group|gang|operator|association|regulator|agency|authority|airline|carrier|utility|watchdog|"
              r"force|police|ministry|department|government|council|union|lobby|network|bank|insurer|provider|"
              r"supplier|manufacturer|maker|developer|vendor|broadcaster|publisher|owner|business|giant|insurer|lender")


def unresolved_role(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """A speaker described by title or kind that no rule resolves ("the prime minister", "the grid
    operator", named nowhere near): a role of its own, named by the description, for a reviewer to resolve."""
    m = _DESCRIPTION.match(text[start:end])
    if m is None or m.group("one") or m.group("det").lower() != "the":
        return None
    noun = m.group("noun").lower()
    kind = "title" if re.fullmatch(TITLE_WORDS, noun) else "organization" if re.fullmatch(ORG_NOUNS, noun) else None
    if kind is None:
        return None
    start, end = start + m.start("det"), start + m.end()
    words = re.sub(r"^(?:the|The)[ ]", "", text[start:end].strip(" ,"))
    words = re.split(r",|[ ](?:on|in|at|last|this|earlier)[ ]", words)[0].strip()
    if not words or len(words) > 60:
        return None
    at = start + text[start:end].index(words)
    label = words[:1].upper() + words[1:]
    known = table.by_name(label, {CLS.Role})
    if known is not None:
        table.mention(known, at, at + len(words))
        return known
    return table.new(CLS.Role, label, at, at + len(words), rule=f"unresolved {kind}", confidence=0.45, generic=True)


def person_titled(table: EntityTable, office: str, before: int) -> Entity | None:
    """The person named before ``before`` whose job title holds ``office`` ("prime minister"; a bare
    "head" or "boss" is also a chief executive)."""
    words = _TITLED.get(office, (office,))

    def holds(entity) -> bool:
        title = (entity.fields.get("jobTitle") or "").lower()
        return not entity.generic and bool(title) and any(re.search(rf"\b{w}\b", title) for w in words)

    for _, _, entity in itertools.islice(table.mentions_before(before, {CLS.Person}), 200):
        if holds(entity):
            return entity
    # A lede names the office first and the person in the next paragraph: "..., the head of air
    # traffic control has said. / Jane Roe, chief executive of ..., said ...".
    after = [e for e in table.entities.values() if e.type == CLS.Person and e.first[0] > before and e.first[0] - before < 600]
    return next((e for e in sorted(after, key=lambda e: e.first[0]) if holds(e)), None)


def _org_described(table: EntityTable, text: str, noun: str, before: int) -> Entity | None:
    """The organization the article describes with ``noun``: "the Spanish grid operator Red Eléctrica",
    "Aelec, the association of ...", or whose name holds it."""
    for s, e, entity in itertools.islice(table.mentions_before(before, ORG_TYPES), 200):
        if entity.generic:
            continue
        words = set(entity.label.lower().split())
        if noun in words or noun in entity.fields.get("_nouns", []) or words & _KIND_WORDS.get(noun, set()):
            return entity
        near = text[max(0, s - 60):s].lower() + " " + text[e:e + 60].lower()
        if re.search(rf"\b{re.escape(noun)}\b", near) and re.search(rf"{re.escape(noun)}['’]?s?[ ]+$|^[ ]*,[ ](?:the|a|an)[ ](?:[\w’'-]+[ ]){{0,4}}{re.escape(noun)}\b", text[max(0, s - 60):s].lower() + "\x00" + text[e:e + 60].lower()):
            return entity
    return None


#: Documents that set out findings: one such document told again by another of these words is the same one.
_FINDINGS = r"report|review|inquiry|study|analysis|audit|assessment"


def _document(table: EntityTable, text: str, start: int, end: int, noun: str, det: str) -> Entity | None:
    """A document that speaks: the one named before with that noun ("the review": the Kelly Review),
    else a new reported document, a source of the article."""
    owner = re.match(r"([A-Z][\w’'-]+?)['’]s?$", det)
    if owner and owner.group(1) not in WEEKDAYS:
        author = table.at(start, start + len(owner.group(1)))
        if author is not None and author.type in ORG_TYPES | {CLS.Person}:
            return author  # "Boies' letter read": the letter's author speaks
    if det.lower() in ("the", "this", "that", "its"):
        for _, _, entity in itertools.islice(table.mentions_before(start, None), 300):
            if entity.type in ORG_TYPES | {CLS.InternalDocument, CLS.Incident} and re.search(rf"\b{noun}\b", entity.label.lower()):
                return entity if entity.type != CLS.Incident else None
        if re.fullmatch(_FINDINGS, noun):
            # "The Kelly Review found ... the report said": a written finding told again by another word for one
            for s, e, entity in itertools.islice(table.mentions_before(start, None), 300):
                if entity.type == CLS.InternalDocument and re.search(rf"\b(?:{_FINDINGS})\b", entity.label.lower()):
                    table.mention(entity, start + len(det) + 1, end)
                    return entity
    # "The report said" after "a 77-page report ...": the document was introduced there, by those words.
    introduced = None
    if det.lower() in ("the", "this", "that", "its"):
        introduced = next(iter(reversed(list(re.finditer(rf"\b(?:an?|its|their)[ ](?P<words>(?:[\w-]+[ ]){{0,3}}{noun}\b(?:[ ]by[ ][a-z-]+(?:[ ](?!(?:on|in|at|to|for|from|with|and|that|which|was|is)\b)[a-z-]+){{0,2}})?)", text[max(0, start - 3000):start])))), None)
    words = re.sub(r"^(?:an?|the|this|that|its|(?:" + "|".join(WEEKDAYS) + r")['’]s)[ ]", "", text[start:end], flags=re.IGNORECASE)
    at = end - len(words)
    if introduced is not None:
        base = max(0, start - 3000)
        first, words = (base + introduced.start("words"), base + introduced.end("words")), introduced.group("words")
        doc = table.new(CLS.InternalDocument, words[:1].upper() + words[1:], *first, rule="document speaks", confidence=0.55, section="sources", _head=noun)
        table.mention(doc, at, end)
        return doc
    label = words[:1].upper() + words[1:]
    return table.new(CLS.InternalDocument, label, at, end, rule="document speaks", confidence=0.55, section="sources", _head=noun)


# "two people familiar with the matter", "a senior Veltro employee", "three teachers who spoke on
# condition of anonymity", "a dispatcher who asked not to be named": unnamed sources, as people.
