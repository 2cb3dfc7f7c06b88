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
from kg.ingest.kinds import DOCUMENT_NOUN
from kg.ingest.described import (
    COMPANY_NOUNS, NEAR, ORG_NOUNS, ORG_OFFICE, ai_by_description, by_description, officer, org_by_noun,
    person_titled, spoke_near, unresolved_role,
)
from kg.ingest.name_tables import NOT_NAMES, GROUP_NOUNS, PLURAL_ACRONYM, TITLE_WORDS, common_word, is_person_name, reads_as_organization

__all__ = ["resolve_party"]

#: Groups of organizations that speak together ("Spanish power companies said").
_ORG_GROUPS = {"companies", "firms", "utilities", "operators", "airlines", "carriers", "banks", "lenders", "insurers",
               "providers", "suppliers", "ministers", "authorities", "prosecutors", "investigators", "unions", "governments", "police"}
#: People named by what they do, in the plural ("sellers", "viewers", "subscribers", "motorists",
#: "technicians"): a group when no listed noun fits; the things such words also name are left out.
_AGENT_STEM = r"[a-z]{2,30}"
_AGENTS = rf"{_AGENT_STEM}(?:ers|ors|ists|ians)"
_NOT_AGENTS = {"orders", "papers", "letters", "numbers", "filters", "servers", "computers", "errors", "factors", "sensors",
               "headers", "folders", "parameters", "meters", "centers", "centres", "chapters", "matters", "others",
               "corridors", "monitors", "registers", "routers", "containers", "lists", "figures", "layers", "towers"}
_GROUP_RE = re.compile(rf"(?<![\w’'-])(?:(?:more[ ]than|fewer[ ]than|about|nearly|over|almost|some|several|many|two|three|four|five|a[ ]few|other|most|\d[\d,]{{0,15}})[ ]){{0,4}}(?:[a-z-]{{1,40}}[ ]){{0,2}}(?P<noun>{'|'.join(sorted((GROUP_NOUNS | _ORG_GROUPS) - {'some', 'many', 'both', 'neither', 'others', 'people', 'sources'}))}|(?-i:{_AGENTS}))\b", re.IGNORECASE)
#: One person told by what they do, in the singular, the whole speaker ("a meteorologist", "one Southwest
#: traveller at Midway"): an agent noun as in _AGENTS, not an organization's noun ("a regulator") nor a thing's.
_AGENT_RE = re.compile(rf"^[ ,]*(?:[Aa]n?|[Tt]he|[Oo]ne)[ ](?P<role>(?:(?:[a-z-]+|[A-Z][\w&-]*)[ ]){{0,2}}(?P<noun>{_AGENT_STEM}(?:er|or|ist|ian)))"
                       r"(?:[ ](?:at|from|in|on)[ ][A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*){0,2})?[ ,]*$")
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
            org = org_by_noun(table, of.group(1), start)
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
                    and any(start - NEAR * 2 < e <= start for _, e in spoke.spans):
                table.mention(spoke, start + spokes.start(), start + spokes.end())
                return spoke
        # "A spokesperson said" with no organization named: the one that spoke just before, else the one the article is most about.
        near = spoke_near(table, start) if re.match(r"an?[ ]spokes", lower) else None
        return _spokesperson(table, org or near or table.most_mentioned(ORG_TYPES), start + spokes.start(), start + spokes.end())
    office = ORG_OFFICE.fullmatch(subject)
    if office and any(ent.type in ORG_TYPES for _, _, ent in speakers):
        # "the TSB boss", "the Aelec director": the person named before with that office, else the organization
        person = person_titled(table, office.group("office").lower(), start)
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
    office = officer(table, text, start, end)
    if office is not None:
        return office
    described = by_description(table, text, start, end, resolve_party)
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
                return table.last_before(start, {CLS.AISystem}) or ai_by_description(table, text, start, end, resolve_party)
            group = _group(table, text, start, end)
            if group is not None:
                return group
            return org_by_noun(table, noun, start) or unresolved_role(table, text, start, end)
        return None
    return _group(table, text, start, end) or _bare_name(table, text, start, end) or unresolved_role(table, text, start, end)


def _inside_a_name(table: EntityTable, text: str, start: int, end: int) -> Entity | None:
    """The organization or person whose name holds the whole speaker: the parser may give only
    "Exchange Commission" of "the Securities and Exchange Commission said"."""
    words = text[start:end].strip(" ,")
    if not words:
        return None
    a = start + text[start:end].index(words)
    b = a + len(words)
    return next((e for e in table.covering(a, b) if e.type in ORG_TYPES | {CLS.Person} and any(s <= a and b <= t and (s, t) != (a, b) for s, t in e.spans)), None)


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
    if word and (re.fullmatch(rf"{ORG_NOUNS}|{DOCUMENT_NOUN}|{TITLE_WORDS}", word) or word in COMPANY_NOUNS or table.words.find(word)):
        return None  # "The Government said", "The Company": a description; "The Independent reported": a name
    if titled and titled.group(1).split()[0].lower() not in NOT_NAMES:
        offset = start + text[start:end].index(subject) + 4
        if re.fullmatch(TITLE_WORDS, titled.group(1).split()[-1].lower()):
            # "The Prime Minister said": the person named before with that title, else the office
            office = titled.group(1)
            person = person_titled(table, office.lower(), start)
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


def _agent(subject: str):
    """``subject`` as one person told by what they do ("a meteorologist"), or None.

    >>> [bool(_agent(s)) for s in ("A meteorologist", "one Southwest traveller at Midway", "a regulator", "a letter")]
    [True, True, False, False]
    """
    m = _AGENT_RE.match(subject)
    if m is None or f"{m.group('noun')}s" in _NOT_AGENTS or re.fullmatch(rf"{ORG_NOUNS}|{DOCUMENT_NOUN}", m.group("noun")):
        return None
    return m


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
    single = _INDIVIDUAL_RE.search(subject) or _agent(subject)
    group = _GROUP_RE.match(subject, lead)
    if group and group.group("noun").lower() in _NOT_AGENTS:
        group = None
    if single and (not group or single.start() <= group.start()):
        role = single.group("role")
        stem = role.split()[-1]
        known = next((e for e in reversed(list(table.entities.values())) if e.generic and stem in e.label.lower()), None)
        if known is not None and re.match(r"[ ,]*(?i:the)\b", single.group(0)):
            table.mention(known, start + single.start("role"), start + single.end("role"))
            return known
        if single.re is _AGENT_RE and re.match(r"[ ,]*(?i:the)\b", single.group(0)):
            return None  # "the meteorologist" is the one told before, or no one this rule knows
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
