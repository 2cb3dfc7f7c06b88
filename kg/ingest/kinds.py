"""Systems, safeguards and documents named in passing: the classes a parser's NER does not know.

A table of named rows (:data:`KIND_RULES`): each row's pattern has a ``name`` group, the words that
become the item (a leading determiner dropped from its label); the row says which class it makes
and with what confidence. The rows are generic: head nouns and the frames reporting puts around
them ("in its lawsuit", "according to a 77-page report", "a faulty update", "the Kestrel Road
substation", "back-up systems"), never a case's names. They run after the name and event rules, so
what those found stays theirs; a row's words that overlap an item already found are that item's.

>>> from kg.ingest.entities import EntityTable
>>> from kg.ingest.gazetteer import Gazetteer
>>> text = "In a letter to its lawyers, Globex said a faulty update crashed the Orbis IT system and its back-up systems."
>>> table = EntityTable(text, Gazetteer([]))
>>> find_kinds(table, text)
>>> sorted((e.type, e.label) for e in table.entities.values())
[('InternalDocument', 'Letter'), ('Safeguard', 'Back-up systems'), ('System', 'Faulty update'), ('System', 'Orbis IT system')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.kind_links import document_author, owned_products, system_names
from kg.ingest.named import reads_as_company
from kg.ingest.phrases import FINDS
from kg.ingest.systems import AI_DESCRIPTION, SYSTEM_HEADS
from kg.vocab import CLS

__all__ = ["KindRule", "KIND_RULES", "DOCUMENT_NOUNS", "DOCUMENT_NOUN", "DOCUMENT_NOUN_FORMS", "find_kinds", "rule_table"]

_W = 30  # longest word a row reads: bounded, so a 20,000-letter token is no name
_DET = r"(?:an?|the|its|their|his|her|one)"
_MOD = rf"(?:[\w-]{{1,{_W}}}[ ])"
#: The one list of document nouns: what a party wrote, filed, sent, kept or published, which reporting
#: cites by that noun ("a leaked memo", "the report said"). Each row: the word for one document, the
#: word for several (a word only said in the plural, "minutes", has no singular), and whether "in its
#: ...", "according to a ..." names a document by it: "in its lawsuit" does, "in the decision" (taken),
#: "in the investigation" (done) and "in the minutes after" do not.
DOCUMENT_NOUNS: tuple[tuple[str | None, str | None, bool], ...] = (
    ("account", "accounts", False), ("analysis", "analyses", True), ("assessment", "assessments", False),
    ("audit", "audits", True), ("brief", "briefs", True), ("briefing", "briefings", False),
    (None, "chat logs", False), ("complaint", "complaints", True), ("decision", "decisions", False),
    ("description", "descriptions", False), ("document", "documents", True), ("email", "emails", True),
    ("e-mail", "e-mails", True), ("filing", "filings", True), ("guidance", None, False),
    ("inquiry", "inquiries", False), ("investigation", "investigations", False), ("judgment", "judgments", False),
    ("judgement", "judgements", False), ("lawsuit", "lawsuits", True), ("letter", "letters", True),
    (None, "logs", False), ("memo", "memos", True), ("memorandum", None, True), ("message", "messages", False),
    (None, "minutes", False), ("note", "notes", False), ("post", "posts", True),
    ("post-mortem", "post-mortems", True), ("postmortem", "postmortems", True), ("presentation", "presentations", False),
    (None, "records", False), ("report", "reports", True), ("review", "reviews", False), ("ruling", "rulings", False),
    ("screenshot", "screenshots", True), (None, "slides", False), ("study", "studies", True), ("subpoena", "subpoenas", True),
    ("submission", "submissions", True), ("survey", "surveys", False), ("webpage", "webpages", False),
)


def _alternation(words) -> str:
    """The words as one regex alternation, longest first ("post-mortem" before "post")."""
    return "|".join(re.escape(w).replace(r"\ ", "[ ]").replace("\\-", "-") for w in sorted(set(words), key=lambda w: (-len(w), w)))


#: One document by its noun ("report"); any number of them ("report" or "reports"); those "in its ..." names.
DOCUMENT_NOUN = _alternation(one for one, _, _ in DOCUMENT_NOUNS if one)
DOCUMENT_NOUN_FORMS = _alternation(w for one, many, _ in DOCUMENT_NOUNS for w in (one, many) if w)
_DOC = _alternation(w for one, many, cited in DOCUMENT_NOUNS if cited for w in (one, many) if w)
_PLURAL_DOC = _alternation(many for _, many, cited in DOCUMENT_NOUNS if cited and many)
#: What a system is called by its head noun ("the Kestrel Road substation", "a Veltro portal").
_SYSTEM_HEAD = rf"(?:IT[ ])?(?:{'|'.join(SYSTEM_HEADS)})"
_CAP = rf"[A-Z][\w-]{{0,{_W}}}"
#: Words that never describe a thing: a determiner, a pronoun, a preposition or a conjunction.
_FUNCTION = r"(?:the|a|an|its|their|our|his|her|my|your|this|that|these|those|in|on|at|of|and|or|to|for|with|by|from|into|was|is|are|were|not|no|never|will|would|can|could|should|must|may|might)"


@dataclass(frozen=True)
class KindRule:
    """One row: a pattern whose ``name`` group is the item, the class it makes, and how sure the row is."""

    name: str
    kind: str
    pattern: re.Pattern
    confidence: float
    describe: str  # for the docs table


def _row(name: str, kind: str, pattern: str, confidence: float, describe: str, flags: int = 0) -> KindRule:
    return KindRule(name, kind, re.compile(pattern, flags), confidence, describe)


KIND_RULES: tuple[KindRule, ...] = (
    # Safeguards first: "back-up systems" is a safeguard, never a system.
    _row("backup", CLS.Safeguard,
         rf"(?<![\w-])(?P<name>(?i:back-?up|fallback|fail-?over|redundant|standby|manual|contingency)[ ](?:{_MOD}(?=[a-z]))?"
         r"(?i:systems?|power|generators?|supply|supplies|procedures|processes|servers?|databases?|plans?|arrangements|operations))\b",
         0.6, "back-up, fallback, standby or manual systems, power, databases, procedures or plans"),
    _row("checking tool", CLS.Safeguard,
         rf"(?<![\w-])(?P<name>(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ])?(?i:auditing|audit|monitoring|validation|verification|checking)[ ]"
         r"(?i:tools?|systems?|software))\b",
         0.55, "a tool that checks work before it does harm: “an internal auditing tool”, “validation software”"),
    _row("a backup of", CLS.Safeguard,
         r"(?<![\w-])(?i:an?|the|its)[ ](?P<name>(?i:back-?up))(?=[ ]of[ ])",
         0.55, "“a backup of the booking system”: the copy kept for when the system fails"),
    _row("authentication", CLS.Safeguard,
         r"(?<![\w-])(?P<name>(?i:multi|two|2|second)[- ]?factor[ ]authentication|MFA|2FA)\b",
         0.65, "multifactor or two-factor authentication"),
    _row("alarms", CLS.Safeguard,
         rf"(?<![\w-])(?P<name>(?:[A-Z0-9][\w-]{{0,{_W}}}[ ]|(?i:fire|smoke|warning|early-warning)[ ])(?:alarms|alarm[ ]systems?|warning[ ]systems?))\b",
         0.55, "alarms or warning systems with what kind they are (“F24 alarms”, “fire alarms”)"),
    _row("safety practice", CLS.Safeguard,
         rf"(?<![\w-])(?P<name>(?:(?i:access|safety|security|escalation|emergency|testing|crisis|disaster|communications?|customer[ ]service)[ ]"
         r"(?:(?i:response|recovery|continuity)[ ])?(?:controls|checks|measures|protocols?|(?<!emergency[ ])procedures|plans?))"
         r"|(?i:code|change|deployment)[ ]freezes?|(?i:fail-?safes?|failsafes?|backups|rollbacks|redundancies|redundancy|safety[ ]nets?))\b",
         0.55, "a named practice that keeps a failure from happening or spreading: a code freeze, backups, "
               "rollbacks, redundancy, fail-safes, access controls, safety checks, escalation or communication protocols, a crisis plan, "
               "a customer service plan, an emergency response plan (not “emergency procedures”: what staff start, never labelled so)"),
    # Documents: a document a party wrote, filed or published, where the text cites it.
    _row("in a document", CLS.InternalDocument,
         rf"(?<![\w-])(?i:in)[ ](?P<name>{_DET}[ ](?:own[ ]|{_MOD}){{0,2}}?(?:{_DOC}))\b(?![-])",
         0.6, "“in its lawsuit”, “in a letter to …”, “said in a report on Monday”"),
    _row("in documents", CLS.InternalDocument,
         rf"(?<![\w-])(?i:in)[ ](?:[A-Z]{{2,{_W}}}[ ])?(?P<name>(?:(?<=[A-Z][ ])|(?:court|regulatory|securities)[ ])(?:{_PLURAL_DOC}))\b(?![-])",
         0.6, "documents cited in the plural with no determiner, told by who filed them or where: “reported in SEC filings”, "
              "“said in court filings”"),
    _row("according to a document", CLS.InternalDocument,
         rf"(?i:according[ ]to)[ ](?P<name>{_DET}[ ](?:own[ ]|{_MOD}){{0,2}}?(?:{_DOC}))\b",
         0.65, "“according to a 77-page report”, “according to a regulatory filing”"),
    _row("document by someone", CLS.InternalDocument,
         rf"(?<![\w-])(?P<name>(?:(?i:an?|its|their)|\d{{1,3}}(?![\d,]))[ ](?:own[ ]|{_MOD}){{0,2}}?(?:{_DOC})"
         rf"(?:[ ]by[ ](?!(?:the|a|an|its|their)\b)[a-z-]{{1,{_W}}}(?:[ ](?!(?:on|in|at|to|for|from|with|and|that|which|was|is|into|the|a|an)\b)[a-z-]{{1,{_W}}}){{0,2}}"
         r"|(?=[ ](?:by|from|into|to|on|published|released|posted|filed)\b)))",
         0.55, "“a report by independent experts”, “a study into …”, “a letter to …”, “a separate report on the outage”"),
    _row("the document from someone", CLS.InternalDocument,
         rf"(?<![\w-])(?P<name>(?i:the)[ ](?:{_MOD}){{0,2}}?(?:{_DOC}))(?=[ ](?:(?:it|he|she|they|we)[ ](?:got|received|obtained)[ ])?(?:by|from)[ ][A-Z])",
         0.6, "a document told by who wrote or sent it: “the letter from Jane Roe”, “the preliminary report by Orbis”, "
              "“the letter it got from Globex”; the name is the document's author"),
    _row("publishes a document", CLS.InternalDocument,
         rf"\b(?:published|released|presented|issued|filed|sent|wrote|submitted|received)[ ](?:the[ ](?:conclusions|findings|results)[ ]of[ ])?"
         rf"(?P<name>(?:(?i:an?|its|their)|\d{{1,3}}(?![\d,]))[ ](?:own[ ]|{_MOD}){{0,2}}?(?:{_DOC}))\b",
         0.6, "“published its own report”, “presented the conclusions of a study”, “received a subpoena”, “filed 58 class action "
              "lawsuits”"),
    _row("document finds", CLS.InternalDocument,
         rf"(?<![\w-])(?P<name>(?i:an?|the)[ ](?:{_MOD}){{1,2}}?(?:report|study|analysis|review|inquiry|investigation))[ ]{FINDS}",
         0.55, "“a long-awaited government report pointed to …”, “a preliminary review had determined …”, “an initial "
               "investigation found …”: what it found is cited, so it is a document (never a safeguard)"),
    _row("internal inquiry", CLS.InternalDocument,
         r"(?<![\w-])(?P<name>(?i:internal)[ ](?:[A-Z][\w&-]{0,30}[ ])?(?:investigation|inquiry|review|audit|documents|memos?|emails|reports?))\b",
         0.6, "an internal investigation, inquiry, review or audit; internal documents, memos, emails or reports, a company's "
              "name inside (“internal Globex documents”)"),
    _row("named review", CLS.InternalDocument,
         rf"(?<![\w-])(?:[Tt]he[ ])(?P<name>(?:{_CAP}[ ]){{1,2}}(?:Review|Report|Inquiry))[ ](?:found|concluded|said|says|finds|recommended|showed)\b",
         0.6, "“The Pryce Review found …”: a named review, report or inquiry that finds"),
    # Systems.
    _row("faulty update", CLS.System,
         rf"(?<![\w-])(?i:an?|the|its)[ ][\"“]?(?P<name>(?i:faulty|defective|flawed|bad|botched|buggy|corrupt(?:ed)?|erroneous|problematic|misconfigured)[ ]"
         rf"(?:{_MOD}){{0,2}}?(?:update|patch|upgrade|release|configuration[ ]file|change|element|component))\b",
         0.6, "a faulty, defective, flawed or misconfigured update, patch, upgrade, change or network element (a company's name inside: "
              "“a faulty Globex update”)"),
    _row("named system", CLS.System,
         rf"(?<![\w-])(?:(?i:an?|the|its)|[\w&-]{{1,{_W}}}['’]s)[ ](?P<name>(?P<proper>(?!IT[ ]){_CAP}(?:[ ](?:(?:to|of|for|on)[ ])?(?!IT[ ]){_CAP}){{0,3}})[ ]"
         rf"(?:\((?P<short>[A-Z][A-Za-z]{{1,8}})\)[ ])?(?:(?P<kind>IT|computer|booking|software|control|payment)[ ]|(?P<does>(?:file|data|file[ ]transfer|bot|access|identity|network|traffic)[ ]))?{_SYSTEM_HEAD}s?)\b(?![-])",
         0.6, "a name before a system's head noun: “a Veltro portal”, “the Orbis IT system”, “the Notice to Pilots (NTP) system” "
              "(an organization's name only with the kind of system: “the Globex system” is just the company's; a parser's name "
              "for a part of the words, “Notice”, is none)"),
    _row("kind of update", CLS.System,
         rf"(?<![\w-])(?i:an?|the|its|their)[ ](?P<name>(?:{_MOD}(?=[a-z])){{0,1}}(?i:software|firmware|configuration|content|network|firewall|sensor|security|maintenance)[ ](?:update|upgrade|patch))\b",
         0.55, "an update told by what it changed or what it was for: “a software update”, “a firewall upgrade”, “a maintenance update”"),
    _row("kind of software", CLS.System,
         rf"(?<![\w’'-])(?P<name>(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}(?<!ly[ ])(?:(?:IT|[a-z]{{3,{_W}}}ing)[ ](?:IT[ ])?(?:software|systems?|platform|infrastructure|line)|(?:IT|computer)[ ]networks?))\b(?![-])"
         r"(?![ ](?:access|administrators?|failures?|outages?|errors?|logs?|requirements?|crash(?:es)?)\b)",
         0.5, "software, a platform or systems told by what they do, an -ing word or IT right before the head, or an IT or computer "
              "network: “the company's computer network”, “the company's "
              "scheduling software”, “a new IT platform”, “its fraud reporting line” (never after a name: “the Nats IT system” is "
              "the named system row's; nor an -ing word after an adverb: “externally facing systems”; nor a head that modifies a noun after it: “restoring system access”)"),
    _row("virtual private network", CLS.System,
         r"(?<![\w-])(?P<name>(?i:virtual[ ]private[ ]network)(?:[ ]\(VPN\))?|VPN)(?:[ ](?:account|connection|server|gateway)s?)?\b(?![-])",
         0.6, "a virtual private network (VPN), its account or server: a technical term, never a name"),
    KindRule("described AI", CLS.AISystem, AI_DESCRIPTION, 0.5,
             "an AI system told by what it is (“its chatbot”, “the airline's chatbot”, “an AI coding assistant”): the AI "
             "system the article names, if it names one, else one item of its own"),
    _row("kind of system", CLS.System,
         rf"(?<![\w-])(?:(?i:an?|the|its|their|our)|[\w-]{{1,{_W}}}['’]s)[ ](?P<name>(?:(?i:core|internal|central|main|backup|legacy)[ ])?"
         r"(?:database|proxy|booking|payment|reservation|ticketing|dispatch|routing|signalling|signaling|"
         rf"(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}[a-z]{{2,{_W}}}(?:tion|ment))"
         r"[ ](?:systems?|servers?|clusters?)|(?i:core|internal|central|backbone)[ ]networks?)\b",
         0.5, "a system told by the work it does, a word of computing or a noun of work (-tion, -ment) before the head: “an internal "
              "database system”, “the core proxy system”, “the booking system”, “its dealer management system”, “the pilot "
              "notification system”, “our core network”"),
    _row("database", CLS.System,
         rf"(?<![\w-])(?:(?i:an?|the|its|their|our)|[\w-]{{1,{_W}}}['’]s)[ ](?P<name>(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}"
         rf"(?:(?:and|or)[ ](?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]))?databases?)\b(?![-])"
         r"(?![ ](?:changes?|updates?|permissions?|files?|administrators?|records?|entries|servers?|systems?|quer(?:y|ies)|errors?|"
         r"tables?|schemas?|migrations?|outages?|failures?|issues?|problems?|access|software|management)\b)",
         0.5, "a database, whatever it holds: “a key database”, “the live primary database”, "
              "(not a word of a longer noun: “a database change”)"),
    _row("infrastructure", CLS.System,
         rf"(?<![\w-])(?:(?i:an?|the|its|their|our)|[\w&-]{{1,{_W}}}['’]s)[ ](?P<name>(?:(?!{_FUNCTION}[ ])[\w-]{{1,{_W}}}[ ]){{1,2}}(?:routers|servers|tools)"
         rf"|(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}data[ ]cent(?:er|re)s?)\b(?![-])",
         0.5, "the machines a service runs on, told by what they are for: “its backbone routers”, “the company's DNS servers”, "
              "“Facebook's internal operations tools” (a word before routers, servers or tools: “our routers” alone is not told), "
              "“the data centers”"),
    _row("vulnerability", CLS.System,
         r"(?<![\w-])(?P<name>CVE-\d{4}-\d{4,7})\b",
         0.6, "a flaw by its CVE number (“CVE-2023-34362”): the software's weakness, never an organization"),
    _row("internet protocol", CLS.System,
         r"(?<![\w-])(?P<name>Border[ ]Gateway[ ]Protocol|Domain[ ]Name[ ]System|BGP|DNS)\b(?![-])(?![ ](?:servers?|records?|issues?|problems?|errors?|settings|entries)\b)",
         0.55, "the internet's routing and naming systems, BGP and DNS, by their names or initials (a general technical fact: no case's name)"),
    _row("kind of file", CLS.System,
         rf"(?<![\w-])(?:(?i:an?|the|its|their)|[\w-]{{1,{_W}}}['’]s)[ ][\"“]?(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}?"
         r"(?:(?:[A-Z][\w-]{0,30}[ ]){1,2})?(?P<name>[\"“]?(?:configuration|config|feature|channel|settings|definitions?|database)[\"”]?[ ](?:configuration[ ])?files?)\b",
         0.5, "a file software reads its settings from: “a configuration file”, “the feature file”, “a malformed Bot Management "
              "feature file” (the file, beside the system it is named after)"),
    _row("described website", CLS.System,
         rf"(?<![\w-])(?i:its|their|the|an?)[ ](?P<name>(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{1,3}}(?:website|web[ ]site|leak[ ]site|portal)|(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,3}}status[ ]page)\b",
         0.5, "a website or portal told by what it is for: “its public remediation website” (not across a function word: "
              "“the information on its website”); “an online portal”, “its status page”"),
)

_NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?!(?i:{_FUNCTION})[ ])[A-Z][\w&-]{{0,{_W}}}['’]?[ ]$")
_LEAD = re.compile(r"^(?:an?|the|its|their|his|her|one)[ ]", re.IGNORECASE)


def _label(words: str) -> str:
    words = _LEAD.sub("", re.sub(r"\s+", " ", words).strip())
    return words[:1].upper() + words[1:]


def _head(words: str) -> str:
    return words.split()[-1].lower().rstrip("s")


def _same_thing(a: str, b: str) -> bool:
    """Two names of one safeguard or system in an article: the same head noun, and one's words within the other's.

    >>> _same_thing("Production database", "Database"), _same_thing("Faulty update", "Software update")
    (True, False)
    """
    from kg.ingest.safeguards import same_safeguard

    return same_safeguard(a, b)


def _same_kind(table: EntityTable, start: int, end: int, kind: str) -> Entity | None:
    return next((e for e in table.covering(start, end) if e.type == kind or (kind == CLS.System and e.type == CLS.AISystem)), None)


def _parts(table: EntityTable, start: int, end: int) -> list[tuple[int, int, Entity]]:
    """The parser's names for a part of a system's name ("Notice" and "Air Missions" of "the Notice to Air
    Missions system"): mentions strictly inside ``[start, end)`` that no rule of ours made."""
    return [(s, t, e) for s, t, e in table.mentions_in(start, end)
            if e.rule == "named entity (parser)" and e.known_id is None and (s, t) != (start, end) and not words_span(table.text, s, t, start, end)]


def words_span(text: str, s: int, t: int, start: int, end: int) -> bool:
    """Whether ``[s, t)`` holds every word of the name before its head noun (then it is that name's owner)."""
    name_end = start + len(text[start:end].rsplit(" ", 1)[0])
    return s <= start and t >= name_end


#: A determiner that points back to a thing named before: "its filing", "the letter".
_POINTS_BACK = re.compile(r"\b(?i:its|the|their|this|that)[ ](?:own[ ])?$")
#: Rows whose words are a technical term: a parser's organization of exactly those words is the system.
_TERMS = {"vulnerability", "internet protocol", "virtual private network"}


def _apply(table: EntityTable, rule: KindRule, start: int, end: int, words: str, kind: str | None = None) -> None:
    names: list[Entity] = []  # a parser's organizations that are only this system's name
    if rule.name == "named system" and re.search(r"[ ](?:to|of|for|on)[ ]", words):
        for s, t, part in _parts(table, start, end):
            table.unmention(part, s, t)
            if not part.spans:
                table.remove(part)
    same = _same_kind(table, start, end, rule.kind)
    if same is not None:
        return  # already that item
    covering = table.covering(start, end)
    label = _label(words)
    if rule.kind == CLS.InternalDocument:
        named = next((e for e in covering if e.type in ORG_TYPES and e.known_id is None and e.label == label), None)
        if named is not None:  # "The Pryce Review found": the review, not an organization
            named.type, named.section = CLS.InternalDocument, "sources"
            named.fields["_head"] = _head(label)
            return
    if rule.kind == CLS.System and rule.name in ("named system", "faulty update"):
        # "the Orbis IT system", "a faulty Orbis update": a name inside a system's name stays the organization
        # it is, and an incident told by what the system did ("a faulty Orbis update crashed ...") holds it.
        head_start = start + len(words) - len(words.split()[-1])
        blocking = [e for e in covering if not (e.type == CLS.Incident and any(s <= start and end <= t and t - s > end - start for s, t in e.spans))
                    and not (e.type == CLS.Incident and any(s == head_start for s, _ in e.spans))]  # "the ... system outage"
        if any(s < end and head_start < t for e in blocking for s, t in e.spans):
            return
        if rule.name == "faulty update" and any(e.type not in ORG_TYPES | {CLS.Person} for e in blocking):
            return
        # A parser's organization that is only ever a system's name in the article ("the problem with NOTAM ... a
        # backup of the NOTAM system": it never speaks, has no staff, no possessive) is that system, not a company.
        if rule.name == "named system":
            names = [e for e in covering if _system_name_only(table, e, start, head_start)]
        if rule.name == "named system" and not kind and any(e.type in ORG_TYPES | {CLS.Person} and e not in names for e in covering):
            return  # "the Globex system": the company's system, told by no name of its own
    elif rule.kind == CLS.System and rule.name in _TERMS and [(e.rule, e.known_id) for e in covering] == [("named entity (parser)", None)] \
            and (start, end) in covering[0].spans:
        covering[0].type = CLS.System  # "CVE-2023-34362", "BGP": the parser's organization is the technical term
        return
    elif rule.kind == CLS.InternalDocument and covering:
        # "in a Facebook post", "in SEC filings": a publisher's name inside a document's words is the publisher, and
        # the words are the document; anything else there (an incident, a system) keeps them.
        head_start = start + len(words) - len(words.split()[-1])
        if any(e.type not in ORG_TYPES or any(s < end and head_start < t for s, t in e.spans) for e in covering):
            return
    elif covering:
        return
    if rule.kind == CLS.AISystem:
        # "the AI agent" after "Orbis's AI agent", "the group's AI assistant" beside "CareFlow": the AI system the
        # article names, the last before the words (else the first after); only an AI named nowhere is an item of its own.
        named = sorted((e.first[0], e.key) for e in table.entities.values() if e.type == CLS.AISystem)
        if named:
            before = [key for at, key in named if at < start]
            table.mention(table.entities[before[-1] if before else named[0][1]], start, end)
            return
    if rule.kind == CLS.InternalDocument and _POINTS_BACK.search(table.text, max(0, start - 12), start):
        earlier = [e for e in table.entities.values() if e.type == CLS.InternalDocument and e.fields.get("_head") == _head(label) and e.first[0] < start]
        if earlier:  # "in its filing" after "in a regulatory filing": the same document
            table.mention(earlier[-1], start, end)
            return
    fields = {"_head": _head(label)} if rule.kind == CLS.InternalDocument else {}
    section = "sources" if rule.kind == CLS.InternalDocument else "entities"
    made = None
    if rule.kind in (CLS.Safeguard, CLS.System):
        made = next((e for e in table.entities.values() if e.type == rule.kind and e.known_id is None and (
            _same_thing(e.label, label) or (rule.name == "virtual private network" and e.rule.startswith(rule.name)))), None)
        if made is not None:  # "the database" after "the production database": one item
            table.mention(made, start, end)
            table.alias(made, label)
    if made is None:
        made = table.new(rule.kind, label, start, end, rule=f"{rule.name} ({rule.kind})", confidence=rule.confidence, section=section, **fields)
    for name in names if rule.kind == CLS.System else ():
        for s, t in [(s, t) for s, t in name.spans if start <= s and t <= end]:
            table.unmention(name, s, t)
        table.merge(name, made)  # its other mentions ("the problem with NOTAM") are the system's


def _system_name_only(table: EntityTable, entity: Entity, start: int, head_start: int) -> bool:
    """Is ``entity`` a parser's organization named at ``start`` before a system's head noun (at ``head_start``)
    that nowhere in the article reads as a company (:func:`~kg.ingest.named.reads_as_company`)?"""
    return entity.type == CLS.Organization and entity.rule == "named entity (parser)" and entity.known_id is None \
        and any(s == start and t < head_start for s, t in entity.spans) and not reads_as_company(table, table.text, entity.label)


#: "the letter", "the forum post": a document told again by its noun after a determiner that points back.
_DOCUMENT_AGAIN = re.compile(rf"(?<![\w-])(?i:the|this|that)[ ](?P<name>(?:(?!{_FUNCTION}[ ])[a-z][\w-]{{0,{_W}}}[ ]){{0,2}}?(?i:{DOCUMENT_NOUN}))\b(?![-])")


def _documents_again(table: EntityTable, text: str) -> None:
    """"the letter" or "the forum post" after a letter or a post found before is a mention of it (the document of
    that noun mentioned last)."""
    for m in _DOCUMENT_AGAIN.finditer(text):
        start, end = m.span("name")
        if table.covering(start, end):
            continue
        head = _head(m.group("name"))
        earlier = [e for e in table.entities.values() if e.type == CLS.InternalDocument and e.fields.get("_head") == head and e.first[0] < start]
        if earlier:  # the document of that noun mentioned last before these words
            table.mention(max(earlier, key=lambda e: max(s for s, _ in e.spans if s < start)), start, end)


def find_kinds(table: EntityTable, text: str) -> None:
    """Add the systems, safeguards and documents :data:`KIND_RULES` find in ``text`` to ``table``; then
    "the letter" or "the forum post" after a letter or a post found before is a mention of it (the
    document of that noun mentioned last).

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Orbis found a post on a forum by a hacker. The forum post links to a wallet."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> find_kinds(table, text)
    >>> [(e.label, [text[s:t] for s, t in e.spans]) for e in table.entities.values()]
    [('Post', ['post', 'forum post'])]
    """
    for rule in KIND_RULES:
        for m in rule.pattern.finditer(text):
            lead = _LEAD.match(m.group("name"))  # the item's words start after its determiner
            start = m.start("name") + (lead.end() if lead else 0)
            if rule.name == "kind of software" and _NAME_BEFORE.search(text, max(0, start - _W - 2), start):
                continue  # "the Nats IT system": a name's system, the named system row's to read
            _apply(table, rule, start, m.end("name"), text[start:m.end("name")], m.groupdict().get("kind"))
            if rule.name == "named system":
                system_names(table, m, start)
            if rule.name == "the document from someone":
                document_author(table, start, m.end("name"))
    owned_products(table, text)
    _documents_again(table, text)


def rule_table() -> str:
    """The rows as a Markdown table, for docs/ingest.md.

    >>> rule_table().splitlines()[0]
    '| rule | makes | finds | confidence |'
    """
    rows = ["| rule | makes | finds | confidence |", "|---|---|---|---|"]
    rows += [f"| {rule.name} | {rule.kind} | {rule.describe} | {rule.confidence:.2f} |" for rule in KIND_RULES]
    return "\n".join(rows)
