"""Who is speaking: the entity a speaker's words name, a pronoun, a description or a group.

:func:`resolve_party` is asked by the attribution rules (the regular-expression frames of
:mod:`kg.ingest.attribution` and the tree rules of :mod:`kg.ingest.speech`) for the party that
``text[start:end]`` names. It tries, in order: a relative pronoun (the last person or
organization), an unnamed source ("two people familiar with the matter"), a mention of a known
or drafted entity, a spokesperson (of the organization named or most mentioned), a speaker
given by description ("one of its lawyers", "the prime minister", "the grid operator", "the
report", "a regulatory filing"), the article itself, unnamed reports, a pronoun, a group, and
last a bare proper name seen here first.

>>> from kg.ingest.extract import extract
>>> text = "Globex, the grid operator, cut supply. The grid operator said it had followed the rules."
>>> [(c.party.label, c.proposition) for c in extract(text, parser="rules").claims]
[('Globex', 'Globex had followed the rules.')]
"""

from __future__ import annotations

import itertools
import re

from kg.vocab import CLS
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.name_tables import NOT_NAMES, GROUP_NOUNS, PLURAL_ACRONYM, TITLE_WORDS, common_word, is_person_name, reads_as_organization

__all__ = ["resolve_party"]

#: Groups of organizations that speak together ("Spanish power companies said").
_ORG_GROUPS = {"companies", "firms", "utilities", "operators", "airlines", "carriers", "banks", "lenders", "insurers",
               "providers", "suppliers", "ministers", "authorities", "prosecutors", "investigators", "unions", "governments", "police"}
#: People named by what they do, in the plural ("sellers", "viewers", "subscribers", "motorists",
#: "technicians"): a group when no listed noun fits; the things such words also name are left out.
_AGENTS = r"[a-z]{2,30}(?:ers|ors|ists|ians)"
_NOT_AGENTS = {"orders", "papers", "letters", "numbers", "filters", "servers", "computers", "errors", "factors", "sensors",
               "headers", "folders", "parameters", "meters", "centers", "centres", "chapters", "matters", "others",
               "corridors", "monitors", "registers", "routers", "containers", "lists", "figures", "layers", "towers"}
_GROUP_RE = re.compile(rf"(?<![\w’'-])(?:(?:more[ ]than|fewer[ ]than|about|nearly|over|almost|some|several|many|two|three|four|five|a[ ]few|other|most|\d[\d,]{{0,15}})[ ]){{0,4}}(?:[a-z-]{{1,40}}[ ]){{0,2}}(?P<noun>{'|'.join(sorted((GROUP_NOUNS | _ORG_GROUPS) - {'some', 'many', 'both', 'neither', 'others', 'people', 'sources'}))}|(?-i:{_AGENTS}))\b", re.IGNORECASE)
_INDIVIDUAL_RE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)[ ](?P<role>(?:(?:[a-z-]+|[A-Z]{2,5})[ ]){0,2}(?:engineer|manager|supervisor|employee|worker|executive|official|insider|source|analyst|nurse|driver|pilot|customer|resident|spokesperson|spokesman|spokeswoman|representative|affiliate|hacker|lawyer|attorney|researcher|expert|member))\b")

def _spokesperson(table: EntityTable, org: Entity | None, start: int, end: int) -> Entity | None:
    if org is None:
        return None
    label = f"{org.label} spokesperson"
    person = table.by_name(label, {CLS.Person})
    if person is None:
        person = table.new(CLS.Person, label, start, end, rule="unnamed spokesperson", confidence=0.6, generic=True, memberOf=org.key)
    else:
        table.mention(person, start, end)
    return person


def _org_by_noun(table: EntityTable, noun: str, before: int) -> Entity | None:
    noun = noun.lower()
    # The nearest organizations only: a noun refers back a few paragraphs, not across a whole book.
    for s, e, entity in itertools.islice(table.mentions_before(before, ORG_TYPES), 200):
        if noun in entity.label.lower().split() or noun.rstrip("s") in entity.label.lower() or noun in entity.fields.get("_nouns", []):
            return entity
    if noun in _COMPANY_NOUNS:
        # "The company said" after two companies were named: the one that spoke last, two sentences
        # back at most, else the one the article is about.
        return _spoke_near(table, before) or table.most_mentioned(ORG_TYPES)
    # A kind of business is the one the article is about; a union, a regulator, an agency, an authority or a
    # council that no name fits is another body (an unresolved role), never the company it watches or faces.
    if noun in {"bank", "airline", "university", "carrier", "retailer", "insurer", "processor", "hospital", "utility"}:
        return table.most_mentioned(ORG_TYPES)
    return None


#: Nouns that describe a business of any kind: "the company", "the telco", "the start-up".
_COMPANY_NOUNS = {"company", "firm", "group", "operator", "developer", "provider", "telco", "startup", "start-up",
                  "business", "giant", "vendor", "supplier", "consultancy", "platform"}


def _spoke_near(table: EntityTable, before: int) -> Entity | None:
    """The named organization that spoke last, with a mention within two sentences before ``before``."""
    return next((p for p in reversed(table.speakers) if p.type in ORG_TYPES and not p.generic
                 and any(before - _NEAR < e <= before for _, e in p.spans)), None)


def _strip_relative(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of ``text[start:end]`` outside ", who/which/that ... ," clauses."""
    parts, cursor = [], start
    for m in re.finditer(r"(?:,[ ]|[ ])(?:who|which|that|whose)\b[^,]*(?:,|$)", text[start:end]):
        parts.append((cursor, start + m.start()))
        cursor = start + m.end()
    parts.append((cursor, end))
    return parts


def resolve_party(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """The speaker named in ``text[start:end]``: a mention, a pronoun, a description or a group."""
    subject = text[start:end]
    lower = subject.strip().lower()
    if not lower:
        return None
    if re.fullmatch(r"(?:, )?(?:which|who)", lower.strip(", ")):
        return table.last_before(start, ORG_TYPES | {CLS.Person})
    unnamed = _unnamed_source(table, text, start, end)
    if unnamed is not None:
        return unnamed
    mentions = [m for a, b in _strip_relative(text, start, end) for m in table.mentions_in(a, b)]
    speakers = [(s, e, ent) for s, e, ent in mentions if ent.type in ORG_TYPES | {CLS.Person, CLS.Role, CLS.AISystem, CLS.InternalDocument} or ent.section == "sources"]
    spokes = re.search(r"\b(?:spokesperson|spokesman|spokeswoman|representative)\b", subject)
    named = [ent for s, e, ent in speakers if ent.type == CLS.Person and not ent.generic and not re.match(r"['’]s\b", text[e:e + 2])]
    if spokes and named:
        return named[0]  # "Globex spokesman Todd Roe said": the innermost named speaker
    if spokes:
        org = next((ent for _, _, ent in speakers if ent.type in ORG_TYPES), None)
        of = re.search(r"\b(?:for|of|at)[ ]the[ ](\w+)", subject)
        if org is None and of:
            org = _org_by_noun(table, of.group(1), start)
        if org is None and re.search(r"\bthe[ ]spokes", lower):
            # "the spokesperson": the unnamed spokesperson met last, even past a person named in a quotation
            previous = next((ent for _, _, ent in itertools.islice(table.mentions_before(start, {CLS.Person}), 20)
                             if ent.rule == "unnamed spokesperson"), None)
            if previous is not None:
                table.mention(previous, start + spokes.start(), start + spokes.end())
                return previous
            # "..., Tyler Mason, a vice president, said in a statement. ... the spokesperson said": no
            # spokesperson was introduced, so "the spokesperson" is the named person who spoke last.
            spoke = next((p for p in reversed(table.speakers) if p.type == CLS.Person and not p.generic), None)
            if spoke is not None and not any(e.rule == "unnamed spokesperson" for e in table.entities.values()) \
                    and any(start - _NEAR * 2 < e <= start for _, e in spoke.spans):
                table.mention(spoke, start + spokes.start(), start + spokes.end())
                return spoke
        # "A spokesperson said" with no organization named: the one that spoke just before, else the one the article is most about.
        near = _spoke_near(table, start) if re.match(r"an?[ ]spokes", lower) else None
        return _spokesperson(table, org or near or table.most_mentioned(ORG_TYPES), start + spokes.start(), start + spokes.end())
    office = _ORG_OFFICE.fullmatch(subject)
    if office and any(ent.type in ORG_TYPES for _, _, ent in speakers):
        # "the TSB boss", "the Aelec director": the person named before with that office, else the organization
        person = _titled(table, office.group("office").lower(), start)
        if person is not None:
            table.mention(person, start + office.start("office"), start + office.end("office"))
            return person
    if speakers:
        people = [ent for s, e, ent in speakers if ent.type == CLS.Person and not re.match(r"['’]s\b", text[e:e + 2])]
        owners = {ent.key for s, e, ent in speakers if re.match(r"['’]s\b", text[e:e + 2])}
        if people:
            return people[0]
        heads = [ent for _, _, ent in speakers if ent.key not in owners] or [speakers[0][2]]
        return heads[0]
    inside = _inside_a_name(table, text, start, end)
    if inside is not None:
        return inside
    office = _office(table, text, start, end)
    if office is not None:
        return office
    described = _described(table, text, start, end)
    if described is not None:
        return described
    # "The article says", "the story notes": the article speaks; "reports indicate": unnamed reports do.
    if re.fullmatch(r"(?:the|this)[ ](?:article|story|piece|context)", lower):
        return table.article(start + len(subject) - len(subject.lstrip()), start + len(subject.rstrip()))
    if re.fullmatch(r"(?:(?:some|other|several|earlier|media|news|press)[ ])?reports", lower):
        at = start + len(subject) - len(subject.lstrip())
        return table.new(CLS.Role, "Reports", at, start + len(subject.rstrip()), rule="unnamed reports", confidence=0.5, generic=True)
    pronoun = re.fullmatch(r"(?:and[ ])?(he|she|it|they|the[ ]\w+|one[ ]of[ ]them|we|i)", lower)
    if pronoun:
        word = pronoun.group(1)
        if word in ("he", "she"):
            return table.last_before(start, {CLS.Person}, named_only=True) or table.last_before(start, {CLS.Person})
        if word == "it":
            # "The context does not say X, but it confirms Y": "it" is that unnamed subject.
            line_start = text.rfind("\n", 0, start) + 1
            boundaries = [m.end() for m in re.finditer(r"[.!?][”’\"]?[ ]", text[line_start:start])]
            sentence_start = line_start + (boundaries[-1] if boundaries else 0)
            opener = re.match(r"(?P<np>The[ ][a-z]+)[ ][a-z]", text[sentence_start:start])
            if opener and text[sentence_start:start].strip() and not table.mentions_in(sentence_start, sentence_start + opener.end("np")) \
                    and not re.fullmatch(r"the[ ](?:company|firm|group|bank|airline|agency|authority|union|university|operator|statement)", opener.group("np").lower()):
                return None
            for party in reversed(table.speakers):
                if party.type in ORG_TYPES | {CLS.InternalDocument, CLS.AISystem}:
                    return party
            return None
        if word in ("they", "one of them"):
            return table.last_before(start, {CLS.Role}) or table.last_before(start, ORG_TYPES)
        if word.startswith("the ") and re.fullmatch(r"[Tt]he[ ][A-Z]\S*", subject.strip(" ,")):
            named = _bare_name(table, text, start, end)  # "The Independent reported": an outlet's name
            if named is not None:
                return named
        if word.startswith("the "):
            noun = word[4:]
            if noun in {"statement", "announcement", "post", "release"}:
                return table.last_before(start, ORG_TYPES)
            if noun in {"response", "reply", "answer", "confession"}:
                # '“I guessed ...,” the response said': an AI's answer, when the article tells of an AI (else no one's)
                return table.last_before(start, {CLS.AISystem}) or _ai_described(table, text, start, end)
            group = _group(table, text, start, end)
            if group is not None:
                return group
            return _org_by_noun(table, noun, start) or _unresolved(table, text, start, end)
        return None
    return _group(table, text, start, end) or _bare_name(table, text, start, end) or _unresolved(table, text, start, end)


_OFFICE = re.compile(
    rf"^[ ,]*(?P<owner>(?i:its|their)|(?i:the)[ ](?P<noun>[a-z-]+)['’]s)[ ](?P<office>(?:[a-z-]+[ ]){{0,2}}?(?:{TITLE_WORDS}|boss))[ ,]*$"
)


#: How an article first tells an AI it never names: "the AI agent built by ...", "an AI coding assistant".
_AI_INTRO = re.compile(r"(?<![\w-])(?i:an?|the|its|their)[ ](?P<name>(?:[a-z][\w-]*[ ]){0,2}?(?:AI|A\.I\.)(?:[ ][a-z][\w-]*){0,2}?[ ]"
                       r"(?:agent|assistant|chatbot|bot|copilot|model|tool)|(?:AI[ ])?chatbot)\b")


def _ai_described(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """An AI system the article tells only by description ("The AI agent built by Globex deleted the data.
    The agent responded: ..."): one item, from its first description in the two paragraphs before.

    >>> from kg.ingest.extract import extract
    >>> text = "An AI coding assistant deleted the files. The assistant said it had ignored the freeze."
    >>> [(c.party.label, c.party.type) for c in extract(text, parser="rules").claims]
    [('AI coding assistant', 'AISystem')]
    """
    first = next(_AI_INTRO.finditer(text, max(0, start - 2000), end), None)
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


def _office(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
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
        org = _org_by_noun(table, m.group("noun"), start)
    else:
        org = _spoke_near(table, start) or table.last_before(start, ORG_TYPES, named_only=True)
    office = m.group("office")
    person = _titled(table, office, start)
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


def _inside_a_name(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """The organization or person whose name holds the whole speaker: the parser may give only
    "Exchange Commission" of "the Securities and Exchange Commission said"."""
    words = text[start:end].strip(" ,")
    if not words:
        return None
    a = start + text[start:end].index(words)
    b = a + len(words)
    return next((e for e in table.covering(a, b) if e.type in ORG_TYPES | {CLS.Person} and any(s <= a and b <= t and (s, t) != (a, b) for s, t in e.spans)), None)


# ---------------------------------------------------------------------- speakers named by description
# Each row: a speaker described rather than named, how to find who it is. Tried in order.
_DOCUMENT_NOUNS = r"report|letter|filing|review|inquiry|study|survey|memo|email|e-mail|document|analysis|investigation|audit|assessment|complaint|lawsuit"
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
_ORG_OFFICE = re.compile(rf"[ ,]*(?:the|The)[ ](?:[A-Z][\w’'&.-]*[ ]){{1,4}}(?P<office>(?:[a-z-]+[ ]){{0,2}}?(?:{TITLE_WORDS}|boss))[ ,]*")


def _described(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """A speaker given by description: "the AI agent" (the AI system named before), "one of its lawyers"
    (the organization), "the prime minister",
    "the Aelec director" (the person of that title named before), "the association", "the grid
    operator" (the organization so described), "the report", "Monday's report", "a regulatory
    filing" (the document, made a source when the article names it only so)."""
    if _AI_DESCRIPTION.match(text[start:end]):
        return table.last_before(start, {CLS.AISystem}) or _ai_described(table, text, start, end)
    by = _BY.match(text[start:end])
    if by is not None:
        who = resolve_party(table, text, start + by.start("who"), start + by.end("who"))
        if who is not None and who.type in ORG_TYPES | {CLS.Person}:
            return who  # "a statement from the company": the company speaks
    m = _DESCRIPTION.match(text[start:end])
    if m is None:
        return None
    if m.group("one"):
        return table.last_before(start, ORG_TYPES, named_only=True)
    noun = m.group("noun").lower()
    det = m.group("det")
    if re.fullmatch(_DOCUMENT_NOUNS, noun):
        return _document(table, text, start + m.start("det"), start + m.end("noun") if not m.group("of") else start + m.end("of"), noun, det)
    if det.lower() not in ("the", "this", "that") and not det[:1].isupper():
        return None
    office = " ".join(w for w in (m.group("mods") or "").split() if w.islower())
    # "the pilots association" is no office, though a vice president's title names it
    person = _titled(table, f"{office} {noun}".strip(), start) if re.fullmatch(TITLE_WORDS, noun) or noun in _TITLED else None
    if person is not None:
        return person
    if re.fullmatch(TITLE_WORDS, noun):
        return None
    org = _org_described(table, text, noun, start)
    if org is None and m.group("mods") and det.lower() == "the" and re.fullmatch(_ORG_NOUNS, noun):
        # "The Russia-based ransomware gang claimed": an organization described by what it is, right
        # after it was named: the organization that spoke last (else the one named last), within the
        # two sentences before.
        def close(entity) -> bool:
            return any(start - _NEAR < e <= start for s, e in entity.spans)

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
    "insurer": {"insurance", "assurance"}, "lender": {"bank", "bancorp"}, "hospital": {"hospital", "clinic", "infirmary"},
    "university": {"university", "college"}, "ministry": {"ministry", "department"}, "department": {"department", "ministry"},
}
#: How far back (characters) a described organization may have been named: about two sentences.
_NEAR = 300
#: Nouns an organization is described by ("the grid operator said", "the force said").
_ORG_NOUNS = (r"company|firm|group|gang|operator|association|regulator|agency|authority|airline|carrier|utility|watchdog|"
              r"force|police|ministry|department|government|council|union|lobby|network|bank|insurer|provider|"
              r"supplier|manufacturer|maker|developer|vendor|broadcaster|publisher|owner|business|giant|insurer|lender")


def _unresolved(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """A speaker described by title or kind that no rule resolves ("the prime minister", "the grid
    operator", named nowhere near): a role of its own, named by the description, for a reviewer to resolve."""
    m = _DESCRIPTION.match(text[start:end])
    if m is None or m.group("one") or m.group("det").lower() != "the":
        return None
    noun = m.group("noun").lower()
    kind = "title" if re.fullmatch(TITLE_WORDS, noun) else "organization" if re.fullmatch(_ORG_NOUNS, noun) else None
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


def _titled(table: EntityTable, office: str, before: int) -> Entity | None:
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


def _document(table: EntityTable, text: str, start: int, end: int, noun: str, det: str) -> Entity | None:
    """A document that speaks: the one named before with that noun ("the review": the Kelly Review),
    else a new reported document, a source of the article."""
    owner = re.match(r"([A-Z][\w’'-]+?)['’]s?$", det)
    if owner and owner.group(1) not in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        author = table.at(start, start + len(owner.group(1)))
        if author is not None and author.type in ORG_TYPES | {CLS.Person}:
            return author  # "Boies' letter read": the letter's author speaks
    if det.lower() in ("the", "this", "that", "its"):
        for _, _, entity in itertools.islice(table.mentions_before(start, None), 300):
            if entity.type in ORG_TYPES | {CLS.InternalDocument, CLS.Incident} and re.search(rf"\b{noun}\b", entity.label.lower()):
                return entity if entity.type != CLS.Incident else None
    # "The report said" after "a 77-page report ...": the document was introduced there, by those words.
    introduced = None
    if det.lower() in ("the", "this", "that", "its"):
        introduced = next(iter(reversed(list(re.finditer(rf"\b(?:an?|its|their)[ ](?P<words>(?:[\w-]+[ ]){{0,3}}{noun}\b(?:[ ]by[ ][a-z-]+(?:[ ](?!(?:on|in|at|to|for|from|with|and|that|which|was|is)\b)[a-z-]+){{0,2}})?)", text[max(0, start - 3000):start])))), None)
    words = re.sub(r"^(?:an?|the|this|that|its|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s)[ ]", "", text[start:end], flags=re.IGNORECASE)
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
_UNNAMED_SOURCE = re.compile(
    r"^[ ,]*(?P<who>(?i:an?|one|two|three|four|five|six|several|some)[ ]"
    r"(?:(?:former|senior|current|junior|longtime|other)[ ])?(?:(?P<org>[A-Z][\w’'&-]{1,40})[ ])?(?:[a-z-]{1,20}[ ])?"
    r"(?:people|persons|sources|employees?|adjusters?|officials?|engineers?|dispatchers?|nurses?|teachers?|"
    r"staff(?:[ ]members?)?|workers?|executives?|managers?|insiders?|pilots?|drivers?|doctors?)"
    r"(?P<how>(?:[ ]at[ ]the[ ][a-z]{1,30})?,?[ ](?:familiar[ ]with[ ][\w’' -]{1,60}|who[ ](?:spoke|asked|requested|declined)[^,.;]{1,80}|with[ ]knowledge[ ]of[^,.;]{1,60})|[ ]at[ ]the[ ][a-z]{1,30})?)"
    r"[ ,]*$"
)


def _unnamed_source(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """An unnamed source as an unnamed Person, ``memberOf`` the organization its words name."""
    m = _UNNAMED_SOURCE.match(text[start:end])
    if m is None or not (m.group("how") or m.group("org") or re.search(r"(?:people|sources|insiders)$", m.group("who"))):
        return None
    who = m.group("who").rstrip(" ,")
    at = start + m.start("who")
    label = who[:1].upper() + who[1:] + " (unnamed)"
    fields = {}
    if m.group("org"):
        org = table.at(start + m.start("org"), start + m.end("org"), ORG_TYPES)
        if org is None:
            return None  # "A senior Veltro employee" only when Veltro is an organization here
        fields["memberOf"] = org.key
    person = table.by_name(label, {CLS.Person})
    if person is None:
        return table.new(CLS.Person, label, at, at + len(who), rule="unnamed source", confidence=0.55, generic=True, **fields)
    table.mention(person, at, at + len(who))
    return person


def _bare_name(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """A speaker no rule has seen yet, named only here: "According to Globex", "..., Jane Roe said"."""
    subject = text[start:end].strip(" ,")
    if PLURAL_ACRONYM.fullmatch(re.sub(r"^[Tt]he[ ]", "", subject)):
        return None  # "The MPs said": a group (_group)
    # "The Daily Planet reported": a name the article gives with its article is an organization's
    titled = re.fullmatch(r"[Tt]he[ ]([A-Z][\w’'&-]*(?:[ ][A-Z][\w’'&.-]*){0,3})", subject)
    word = titled.group(1).lower() if titled and " " not in titled.group(1) else None
    if word and (re.fullmatch(rf"{_ORG_NOUNS}|{_DOCUMENT_NOUNS}|{TITLE_WORDS}", word) or word in _COMPANY_NOUNS or table.words.find(word)):
        return None  # "The Government said", "The Company": a description; "The Independent reported": a name
    if titled and titled.group(1).split()[0].lower() not in NOT_NAMES:
        offset = start + text[start:end].index(subject) + 4
        if re.fullmatch(TITLE_WORDS, titled.group(1).split()[-1].lower()):
            # "The Prime Minister said": the person named before with that title, else the office
            office = titled.group(1)
            person = _titled(table, office.lower(), start)
            if person is not None:
                table.mention(person, offset, offset + len(office))
                return person
            known = table.by_name(office, {CLS.Role})
            if known is not None:
                table.mention(known, offset, offset + len(office))
                return known
            return table.new(CLS.Role, office, offset, offset + len(office), rule="unresolved title", confidence=0.45, generic=True)
        return table.new(CLS.Organization, titled.group(1), offset, offset + len(titled.group(1)), rule="named speaker", confidence=0.5)
    described = re.fullmatch(r"(?:the|an?)[ ](?:[a-z-]+[ ]){1,4}(?P<name>[A-Z][\w’'&-]*(?:[ ][A-Z][\w’'&.-]*){0,3})", subject)
    if described and not is_person_name(described.group("name")):
        # "the aviation analytics company Cirium", "the flight tracker FlightAware": the name after its description
        subject = described.group("name")
        offset = start + text[start:end].index(subject)
        known = table.by_name(subject)
        if known is not None:
            table.mention(known, offset, offset + len(subject))
            return known
        return table.new(CLS.Organization, subject, offset, offset + len(subject), rule="named speaker", confidence=0.5)
    if not re.fullmatch(r"[A-Z][\w’'&-]*(?:[ ][A-Z][\w’'&.-]*){0,3}", subject) or subject.split()[0].lower() in NOT_NAMES:
        return None
    offset = start + text[start:end].index(subject)
    if " " not in subject and common_word(table, subject):
        # "Sources told the paper": a common word, not a name; speakers all the same, unnamed
        if not subject.endswith("s"):
            return None
        return table.new(CLS.Role, subject, offset, offset + len(subject), rule="unnamed group", confidence=0.5, generic=True)
    if is_person_name(subject) and not reads_as_organization(table.words, subject):
        return table.new(CLS.Person, subject, offset, offset + len(subject), rule="named speaker", confidence=0.6)
    return table.new(CLS.Organization, subject, offset, offset + len(subject), rule="named speaker", confidence=0.5)


def _group(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    subject = text[start:end]
    lead = len(subject) - len(subject.lstrip(" ,"))
    plural = re.match(r"(?:(?:the|The|some|Some|many|Many|several|Several|\d+)[ ])?(?P<noun>[A-Z]{2,5}s)[ ,]*$", subject[lead:])
    if plural and PLURAL_ACRONYM.fullmatch(plural.group("noun")):  # "MPs said", "some MPs suggested": a group
        at = start + lead + plural.start("noun")
        known = table.by_name(plural.group("noun"), {CLS.Role})
        if known is not None:
            table.mention(known, at, at + len(plural.group("noun")))
            return known
        return table.new(CLS.Role, plural.group("noun"), at, at + len(plural.group("noun")), rule="group of people", confidence=0.5, generic=True)
    single = _INDIVIDUAL_RE.search(subject)
    group = _GROUP_RE.match(subject, lead)
    if group and group.group("noun").lower() in _NOT_AGENTS:
        group = None
    if single and (not group or single.start() <= group.start()):
        role = single.group("role")
        stem = role.split()[-1]
        known = next((e for e in reversed(list(table.entities.values())) if e.generic and stem in e.label.lower()), None)
        if known is not None and re.match(r"(?i:the)\b", single.group(0)):
            table.mention(known, start + single.start("role"), start + single.end("role"))
            return known
        return table.new(CLS.Person, f"{role[:1].upper()}{role[1:]} (unnamed)", start + single.start("role"), start + single.end("role"), rule="unnamed individual", confidence=0.5, generic=True)
    if group:
        label = re.sub(r"^(?:(?:more than|fewer than|about|nearly|over|almost|some|several|many|two|three|four|five|a few|other|most|\d[\d,]*)\s+)+", "", group.group(0), flags=re.IGNORECASE)
        label = label[:1].upper() + label[1:]
        known = table.by_name(label, {CLS.Role})
        if known is not None:
            table.mention(known, start + group.start(), start + group.end())
            return known
        return table.new(CLS.Role, label, start + group.start(), start + group.end(), rule="group of people", confidence=0.5, generic=True)
    return None


