"""Who said what: attributed claims with a stance, and the questions left open.

Frames recognised in each sentence:
- ``X said/told/confirmed/denied/disputed ... (that) CLAIM``, with a later
  ``, and said CLAIM`` or ``, saying CLAIM`` keeping the same speaker;
- ``“CLAIM,” said X`` / ``“CLAIM,” X said`` and ``CLAIM, X said.``;
- ``According to X, CLAIM`` and ``CLAIM, according to X``;
- documents that speak: ``Chat logs ... show that CLAIM``;
- ``X rejected/disputed that account`` and ``..., a claim X disputed``:
  a stance on the claim made just before;
- ``X did not say / declined to say whether CLAIM``: a hedge.

The stance comes from the verb and the claim's main clause: a negated main
clause ("said none involved") denies its positive form, "only one" narrows,
"confirmed" confirms. Hedging words ("reportedly", "allegedly") lower the
confidence. :mod:`kg.ingest.claims` turns claims into proposition text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.ingest.claims import CONFIRM, DENY, DISPUTE, finite, fragment, hedged, proposition_text, stance_of
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.name_tables import TITLE_WORDS
from kg.ingest.parties import resolve_party
from kg.ingest.sentences import Sentence
from kg.ingest.speech_rules import CLAUSE_BREAK_BEFORE, open_quote_mark

__all__ = ["Claim", "find_claims", "resolve_party"]  # resolve_party: kg.ingest.parties

@dataclass(frozen=True)
class VerbForms:
    """A reporting verb of the rules-only frames, as written (the parse reads verbs by lemma:
    :data:`kg.ingest.speech_tree.REPORTING`)."""

    lemma: str
    forms: tuple[str, ...]
    takes_object: bool = False  # its claim may be a noun phrase: "described X as Y", "reported delays"
    document: bool = False  # only a document (or unnamed reports) speaks with it: "the logs show"


#: The asserting verbs the frames read, by lemma; the stances' own verbs are kg.ingest.claims'
#: CONFIRM, DENY and DISPUTE. The order of the forms is the order the frames try them.
AFFIRMING: tuple[VerbForms, ...] = (
    VerbForms("say", ("said", "says", "say")),
    VerbForms("tell", ("told", "tells")),
    VerbForms("state", ("stated", "states")),
    VerbForms("write", ("wrote", "writes")),
    VerbForms("add", ("added",)),
    VerbForms("note", ("noted",)),
    VerbForms("explain", ("explained",)),
    VerbForms("argue", ("argued",)),
    VerbForms("insist", ("insisted",)),
    VerbForms("maintain", ("maintained",)),
    VerbForms("claim", ("claimed", "claims")),
    VerbForms("describe", ("described", "describes"), takes_object=True),
    VerbForms("warn", ("warned",)),
    VerbForms("estimate", ("estimated",), takes_object=True),
    VerbForms("report", ("reported",), takes_object=True),
    VerbForms("announce", ("announced",)),
    VerbForms("suggest", ("suggested",)),
    VerbForms("show", ("show", "shows", "showed"), takes_object=True, document=True),
    VerbForms("indicate", ("indicated", "indicates", "indicate"), document=True),
    VerbForms("reference", ("referenced", "references"), takes_object=True, document=True),
    VerbForms("highlight", ("highlighted",), takes_object=True),
    VerbForms("reveal", ("revealed",), document=True),
)
_FORMS = {row.lemma: set(row.forms) for row in AFFIRMING}
_AFFIRM = "|".join(form for row in AFFIRMING for form in row.forms)
_VERB = rf"(?:{_AFFIRM}|{CONFIRM}|{DENY}|{DISPUTE})"
_HEDGE_FRAME = re.compile(
    r"\b(?P<neg>(?:did|does|do|has|have|had|would|could|will)[ ]not|(?:didn|doesn|hasn|haven|wouldn|couldn|won)[’']t|declined[ ]to|refused[ ]to|would[ ]not|(?:was|were|is|are)[ ]unable[ ]to)"
    r"[ ](?:yet[ ]|immediately[ ])?(?P<verb>say|said|confirm|confirmed|comment|commented|disclose|disclosed|explain|specify|specified|reveal|revealed|respond|answer)\b"
)
_ANAPHOR = re.compile(r"^(?:that|this)(?=[,.;]|$)|^(?:that|this|the|those|these)[ ](?!(?:claim|claims|suggestion|idea|assertion|allegation|report)[ ]that\b)(?:account|figure|claim|claims|statement|estimate|characterization|version|report|reading|assertion|description|allegation|view|finding|findings)\b|^the[ ][\w’'-]+['’]s[ ]reading\b")
_ADVERBIAL = r"(?:[ ](?:on|in|to|at|during|earlier|later|publicly|privately|previously|also|again|repeatedly|first)\b[^,.;“”\"]{0,60}?)?"
#: Whom a speaker told, when it is a gathering or a programme: "told a Senate hearing", "told ABC radio".
_AUDIENCE_WORDS = (r"(?:an?|the|its|his|her|their)[ ](?:[\w’'-]+[ ]){0,3}(?:conference|briefing|hearing|meeting|committee|inquiry|"
                   r"interview|summit|session|audience|forum|parliament|senate|crowd|reporters|journalists|media|radio|podcast|programme|program|show)")
_AUDIENCE = re.compile(_AUDIENCE_WORDS)
_TOLD_OBJECT = rf"(?:[ ]{_AUDIENCE_WORDS}(?=[ ](?:that\b|[A-Z]|(?:the|a|an|it|its|he|she|they|we|there)\b))|[ ](?:the[ ])?(?:reporters|journalists|staff|employees|customers|investors|analysts|lawmakers|regulators|the[ ]\w+|\w+[ ]newspaper|[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*)*))?"
_DOC_VERBS = {form for row in AFFIRMING if row.document for form in row.forms}
_OBJECT_VERBS = {form for row in AFFIRMING if row.takes_object for form in row.forms}


@dataclass
class Claim:
    """One party taking a stance on one claim, anchored in the text."""

    party: Entity | None
    stance: str
    start: int  # the claim's words: text[start:end]
    end: int
    frame: tuple[int, int]  # the whole attribution, speaker and verb included
    proposition: str
    confidence: float
    via: list[Entity] = field(default_factory=list)
    target: "Claim | None" = None  # an earlier claim this one takes a stance on
    verb: str = ""


# ---------------------------------------------------------------------- frames

def _clause_start(sentence: Sentence, index: int, text: str) -> int:
    """Where the subject of a verb at ``index`` starts: after the last clause break before it."""
    head = text[sentence.start:index]
    breaks = [m.end() for m in re.finditer(r"(?:^|[;:]|,[ ](?:and|but|while|as|after|when|because)[ ]|(?<=,)[ ](?=(?:and|but)[ ])|[ ](?:and|but|while|whereas)[ ](?=[A-Z]|the|a[ ]|an[ ]))", head)]
    cut = max(breaks) if breaks else 0
    if head[:cut].endswith(" and ") and head[cut:].rstrip().endswith(",") and "," in head[:cut]:
        # "Jane Roe, head of the union and a pilot for 13 years, told": the "and" joins two descriptions
        # in the apposition after a name, so the subject starts before the name.
        opened = head.rfind(",", 0, cut)
        cut = max((b for b in breaks if b < opened), default=0)
    # An introductory phrase ("In the logs, ", "After X, ") is not part of the subject.
    intro = re.match(r"(?:In|At|On|After|Before|During|Still|Yet|However|Meanwhile|Separately|Asked|Pressed|Speaking|In contrast|On [\w’'-]+ side|In a [\w ]+?)[^,]*,[ ]", head[cut:])
    if intro:
        cut += intro.end()
    return sentence.start + cut


def _claim_end(text: str, start: int, limit: int) -> int:
    """The claim runs to the sentence end, or to a next reporting verb or tag."""
    stop = re.search(
        rf"(?:,[ ](?:and[ ]|but[ ])?|[ ](?:and|but)[ ])(?:also[ ])?(?:{_VERB})\b(?![ ]by)|,[ ]saying\b|,[ ]a[ ]claim\b|,[ ]according[ ]to\b|,[ ](?:he|she|they|it)[ ](?:said|says)\b|[ ]even[ ]though\b",
        text[start:limit],
    )
    end = start + stop.start() if stop else limit
    while end > start and text[end - 1] in " .,;:“”\"'’":
        end -= 1
    return end


# "said in a statement: “...”", "wrote in an email to staff: ...": the colon frame's words, not the claim.
_CHANNEL = re.compile(r"(?:in|via|on)[ ](?:a|an|its|his|her|their|the)[ ](?:[\w-]{1,20}[ ]){0,2}(?:statement|email|e-mail|post|letter|memo|message|filing|note)(?:[ ][^:“”\"]{1,40})?:[ ]*", re.IGNORECASE)


# "said in a statement it had ...", "said on X on Monday that ...": where it was said, before the claim.
_CHANNEL_LEAD = re.compile(r"(?:in|via|on)[ ](?:(?:a|an|its|his|her|their|the)[ ](?:[\w-]{1,20}[ ]){0,2}(?:statement|email|e-mail|post|letter|memo|message|"
                           r"filing|note|interview|update|blog[ ]post)|X|LinkedIn|Twitter|social[ ]media)(?:[ ](?:on|last|this)[ ]\w+)?,?[ ](?:that[ ])?"
                           r"(?=[a-z]|[A-Z][\w’'-]*[ ][a-z])")


_CHANNEL_ONLY = re.compile(r"(?:in|on|via|through)[ ](?:a|an|its|his|her|their|the)[ ](?:own[ ])?(?:[\w-]{1,20}[ ]){0,2}"
                           r"(?:statement|email|e-mail|post|letter|memo|message|filing|note|interview|update|submission|release)s?", re.IGNORECASE)


#: A conjunction left at a claim's end where its clause was cut off: "... 99 percent of the time; but".
_DANGLING = re.compile(r"(?:[ ,;:—–]+(?:and|but|or|nor|yet))+$")


def _trim_claim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    channel = _CHANNEL.match(text, start, end) or _CHANNEL_LEAD.match(text, start, end)
    if channel:
        start = channel.end()
    while start < end and text[start] in " “”\"‘:;,—–":
        start += 1
    while end > start and text[end - 1] in " .,;:“”\"’":
        end -= 1
    dangling = _DANGLING.search(text, start, end)
    return start, dangling.start() if dangling else end


def _make_claim(table: EntityTable, text: str, party: Entity | None, verb: str, start: int, end: int, frame: tuple[int, int], via: list[Entity], confidence: float,
                verb_class: str | None = None, negated: bool | None = None, wording: str | None = None) -> Claim | None:
    """The claim ``text[start:end]`` (trimmed) by ``party``; ``wording`` is its proposition's words when
    they are not the quoted words (a coordinated predicate given its subject)."""
    opened = start
    start, end = _trim_claim(text, start, end)
    claim = text[start:end]
    if len(claim.split()) < 2 and not re.search(r"\w{4,}", claim):
        return None
    if fragment(wording or claim) or _CHANNEL_ONLY.fullmatch(claim):
        return None  # "..., the company said in its own filing": where it was said, not what
    # A quotation's opening mark, trimmed off above, still marks the words as the speaker's own.
    inside = text[max(0, opened - 2):start]
    in_quote = re.search(r"[“\"‘]", inside) or open_quote_mark(text[text.rfind("\n", 0, start) + 1:start]) is not None
    stance = stance_of(verb, ("“" + claim) if in_quote else claim, verb_class, negated)
    if hedged(claim):
        confidence *= 0.6
    if party is not None and party.section == "sources":
        via = [party, *[v for v in via if v is not party]]
        author = party.fields.get("author")
        if author and author in table.entities:
            party = table.entities[author]
    proposition = proposition_text(stance, verb, wording or claim, party)
    if len(re.findall(r"[A-Za-z0-9]+", proposition)) < 3 or re.match(r"[^\w\"“‘'(\[$£€]", proposition):
        return None  # debris: "Chaotic scenes.", ") will refund ..."
    return Claim(party, stance, start, end, frame, proposition, round(confidence, 2), via, verb=verb.lower())


def _via_intro(table: EntityTable, text: str, sentence: Sentence, index: int) -> list[Entity]:
    """Documents named in an introductory "In the logs," or "According to the memo," before ``index``."""
    intro = re.match(r"(?:In|According[ ]to)[ ][^,]*,", text[sentence.start:index])
    if not intro:
        return []
    return [e for _, _, e in table.mentions_in(sentence.start, sentence.start + intro.end()) if e.type == "InternalDocument"]


#: Who a speaker is, after the name: "head of the International Air Transport Association", "a senior analyst at Orbis".
_APPOSITIVE = re.compile(rf"(?:(?:an?|the|its|their)[ ])?(?:[\w’'-]+[ ]){{0,3}}?(?i:{TITLE_WORDS})\b(?:[ ](?:of|at|for|with)\b[^,;]*)?[.;]?$")


def _frames(table: EntityTable, text: str, sentence: Sentence, previous_speaker: Entity | None, claims: list[Claim],
            ed_words: dict[int, bool] | None = None) -> tuple[list[Claim], Entity | None]:
    found: list[Claim] = []
    s_text, s0 = sentence.text, sentence.start
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    # “CLAIM,” said X / “CLAIM,” X said / “CLAIM,” the supervisor said
    for m in re.finditer(rf"(?:^|:[ ]|[—–][ ]?)[“\"](?P<quote>[^”\"]+?)[,.!?]?[ ]?[”\"],?[ ](?:(?P<verb1>{_VERB})[ ](?P<subj1>[^,.;]+?)|(?P<subj2>[^,.;“”]{{1,60}}?)[ ](?P<verb2>{_VERB})(?:{_TOLD_OBJECT})?)(?=[,.;]|{_ADVERBIAL}[,.;]|$)", s_text):
        subj = "subj1" if m.group("subj1") else "subj2"
        party = resolve_party(table, text, s0 + m.start(subj), s0 + m.end(subj))
        if party is None:
            continue
        claim = _make_claim(table, text, party, m.group("verb1") or m.group("verb2"), s0 + m.start("quote"), s0 + m.end("quote"), (s0 + m.start(), s0 + m.end()), [], 0.85)
        if claim:
            found.append(claim)
            taken.append((s0 + m.start(), s0 + m.end()))
    # A sentence that is only a quotation continues the previous speaker.
    if not found and previous_speaker is not None and re.fullmatch(r"[“\"][^”\"]+[”\"]", s_text):
        claim = _make_claim(table, text, previous_speaker, "said", s0 + 1, sentence.end - 1, (sentence.start, sentence.end), [], 0.7)
        if claim:
            return [claim], previous_speaker
    # CLAIM, X said. / CLAIM, she said, because ...
    tag = re.search(rf"^(?P<claim>.+?),[ ](?P<subj>(?:the|a|an|he|she|it|they|we|[A-Z])[^,“”]{{0,50}}?)[ ](?P<verb>{_VERB})(?:{_ADVERBIAL})?(?:[,.;]|$)", s_text)
    if tag and free(s0, s0 + tag.end()) and not re.search(rf"\b(?:{_VERB})\b", tag.group("claim")) and len(tag.group("subj").split()) <= 6:
        party = resolve_party(table, text, s0 + tag.start("subj"), s0 + tag.end("subj"))
        if party is not None:
            claim = _make_claim(table, text, party, tag.group("verb"), s0, s0 + tag.end("claim"), (s0, s0 + tag.end()), [], 0.75)
            if claim:
                found.append(claim)
                taken.append((s0, s0 + tag.end()))
    # According to X, CLAIM / CLAIM, according to X.
    for m in re.finditer(r"(?:^|[,;][ ])[Aa]ccording[ ]to[ ](?P<subj>[^,]+?)(?:,[ ](?P<claim>[^;]+)|[.;]?$)", s_text):
        party = resolve_party(table, text, s0 + m.start("subj"), s0 + m.end("subj"))
        if m.group("claim") and m.start() > 0 and _APPOSITIVE.match(m.group("claim")):
            c_start, c_end = s0, s0 + m.start()  # "C, according to Jane Roe, head of the union.": who she is, not what she said
        elif m.group("claim"):
            c_start, c_end = _trim_claim(text, s0 + m.start("claim"), sentence.end)
        else:
            c_start, c_end = s0, s0 + m.start()
        if party is None or not free(c_start, c_end):
            continue
        inner = _inner_speaker(table, text, c_start, c_end)
        via = [party] if party.type == "InternalDocument" else []
        if inner is not None:
            claim = inner
            claim.via = [*via, *claim.via]
        else:
            claim = _make_claim(table, text, party, "said", c_start, c_end, (s0 + m.start(), c_end), via, 0.8)
        if claim:
            found.append(claim)
            taken.append((c_start, c_end))
    # X said/confirmed/denied ... (that) CLAIM, and said CLAIM2, saying CLAIM3
    party_here: Entity | None = None
    for m in re.finditer(rf"\b(?P<verb>{_VERB}|saying)\b", s_text):
        v_start = s0 + m.start()
        if not free(v_start, v_start + 1) or re.match(r"[ ]by\b", s_text[m.end():]):
            continue
        verb = m.group("verb")
        before = text[sentence.start:v_start]
        if re.search(r"(?:\bnot|n[’']t|\bnever|\bdeclined[ ]to|\brefused[ ]to)[ ](?:yet[ ])?$", before):
            continue  # "did not say whether ...": a hedge, handled below
        if re.search(r"\b(?:was|were|been|being|be|is|are)[ ](?:\w+ly[ ])?$", before) and verb.lower() not in ("said", "says"):
            continue  # "staff were warned", "it was reported": told, not telling (passive)
        elided = re.search(r"(?:,[ ]|[ ]and[ ]|,[ ]and[ ]|[ ]but[ ]|,[ ]but[ ])(?:also[ ])?$", before) or verb == "saying"
        if elided and party_here is not None:
            party, subj_start = party_here, v_start
        else:
            subj_start = _clause_start(sentence, v_start, text)
            subj_end = v_start
            aux = re.search(r"[ ](?:also|has|have|had|publicly|previously|later|again|repeatedly|on[ ]\w+)+[ ]?$", text[subj_start:subj_end])
            if aux:
                subj_end = subj_start + aux.start()
            party = resolve_party(table, text, subj_start, subj_end)
            if party is None:
                continue
        if verb.lower() in _DOC_VERBS and party.type != "InternalDocument" and party.rule != "unnamed reports":
            continue
        after = s_text[m.end():]
        if re.fullmatch(rf"{DENY}|{DISPUTE}", verb.lower()) and _ANAPHOR.match(after.strip()):
            target = next((c for c in reversed(claims + found) if c.party is not party), None)
            end = sentence.start + m.end() + len(after) - len(after.lstrip()) + _ANAPHOR.match(after.strip()).end()
            if target is not None:
                party_here = party
                found.append(Claim(party, stance_of(verb, ""), subj_start, end, (subj_start, end), target.proposition, 0.7, _via_intro(table, text, sentence, v_start), target, verb.lower()))
                taken.append((subj_start, end))
                continue
        lead = re.match(rf"(?:[ ]the[ ](?:claim|claims|suggestion|idea|assertion|allegation|report)[ ]that\b|{_ADVERBIAL}[ ]that\b|{_TOLD_OBJECT}[ ]that\b|[ ]that\b|[ ]the[ ](?:\w+[ ])?as\b)?", after) if verb.lower() not in _FORMS["tell"] else re.match(rf"{_TOLD_OBJECT}{_ADVERBIAL}(?:[ ]that\b)?", after)
        c_start = s0 + m.end() + (lead.end() if lead else 0)
        c_end = _claim_end(text, c_start, sentence.end)
        if c_end <= c_start + 2:
            continue
        party_here = party
        claim_text = text[c_start:c_end].strip()
        via = _via_intro(table, text, sentence, v_start)
        for part_start, part_end in _coordinated(text, c_start, c_end):
            inner = _inner_speaker(table, text, part_start, part_end) if party.type == "InternalDocument" else None
            claim = inner or _make_claim(table, text, party, verb, part_start, part_end, (subj_start, part_end), via, 0.8)
            if inner is not None:
                inner.via = [party, *inner.via]
            if claim and _is_clause(text[claim.start:claim.end], verb, None if ed_words is None else lambda i, at=claim.start: ed_words.get(at + i)):
                found.append(claim)
        taken.append((c_start, c_end))
    # ..., in what X called Y
    for m in re.finditer(r"\bin[ ]what[ ](?P<subj>[^,.;]+?)[ ](?:called|termed|described[ ]as)[ ](?P<claim>[^,.;]+)", s_text):
        party = resolve_party(table, text, s0 + m.start("subj"), s0 + m.end("subj"))
        if party is not None and free(s0 + m.start("claim"), s0 + m.end("claim")):
            claim = _make_claim(table, text, party, "said", s0 + m.start("claim"), s0 + m.end("claim"), (s0 + m.start(), s0 + m.end()), [], 0.7)
            if claim:
                found.append(claim)
    # ..., a claim X disputed.
    for m in re.finditer(rf",[ ]a[ ]claim[ ](?:that[ ])?(?P<subj>[^.;]+?)[ ](?P<verb>{DENY}|{DISPUTE})\b", s_text):
        party = resolve_party(table, text, s0 + m.start("subj"), s0 + m.end("subj"))
        target = next((c for c in reversed(found) if c.end <= s0 + m.start()), None)
        if party is not None and target is not None:
            found.append(Claim(party, stance_of(m.group("verb"), ""), s0 + m.start() + 2, s0 + m.end(), (s0 + m.start() + 2, s0 + m.end()), target.proposition, 0.7, [], target, m.group("verb")))
    speaker = found[-1].party if found else None
    return found, speaker


def _coordinated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"A and that B" → the spans of A and B."""
    parts, cursor = [], start
    for m in re.finditer(r",?[ ]and[ ]that[ ]", text[start:end]):
        parts.append((cursor, start + m.start()))
        cursor = start + m.end()
    parts.append((cursor, end))
    return parts




#: "write" with a noun object and then an adverbial or nothing: the thing written, no reported speech.
_WRITTEN_THING = re.compile(r"(?:an?|the|its|his|her|their|this|these|those)(?:[ ](?!(?:is|was|were|are|be|been|has|have|had|will|would|can|could|did|does|do)\b)[\w’'-]*[a-z](?<!ed)){1,2}"
                            r"(?:[ ](?:after|before|when|while|because|since|until|for|to|about|with)\b|[,;]|$)")


def _is_clause(claim: str, verb: str, adjective=None) -> bool:
    """A claim needs a verb, unless the reporting verb takes an object ("described X as Y", "reported delays");
    ``adjective``: the parser's reading of its "-ed" words, where it ran (:func:`kg.ingest.claims.finite`)."""
    if verb.lower() in _OBJECT_VERBS:
        return True
    if verb.lower() in _FORMS["tell"] and _AUDIENCE.fullmatch(claim):
        return False  # "..., Roe told a press conference": whom she told, not what
    if verb.lower() in _FORMS["write"] and _WRITTEN_THING.match(claim):
        return False  # "IBM wrote the report after the breach": what it wrote, not what it said
    return finite(claim, adjective) or claim[:1] in "“\""



def _inner_speaker(table: EntityTable, text: str, start: int, end: int) -> Claim | None:
    """Reported speech inside a document's words: "the memo said Chen told staff that X" → Chen, X."""
    m = re.match(rf"(?P<subj>[^;]{{2,80}}?)[ ](?P<verb>{_VERB})(?:{_TOLD_OBJECT})?[ ]that[ ]", text[start:end])
    if not m:
        return None
    names = [e for _, _, e in table.mentions_in(start, start + m.end("subj")) if e.type in ORG_TYPES | {"Person"} and not e.generic]
    if not names:
        return None
    return _make_claim(table, text, names[0], m.group("verb"), start + m.end(), end, (start, end), [], 0.7)


def _hedges(table: EntityTable, text: str, sentence: Sentence, previous: list[Claim]) -> list[Claim]:
    found = []
    for m in _HEDGE_FRAME.finditer(sentence.text):
        v_start = sentence.start + m.start()
        subj_start = _clause_start(sentence, v_start, text)
        if re.match(r"(?:neither|none)\b", text[subj_start:v_start].strip().lower()):
            continue
        party = resolve_party(table, text, subj_start, v_start)
        if party is None:
            continue
        rest = sentence.text[m.end():]
        clause = re.match(r"[ ](?:on[ ]|to[ ][^,;.]{0,60}?(?=\b(?:whether|if)\b))?(?P<clause>(?:whether|if|who|which|what|why|how|when)\b[^,;.]*|[^,;.]+)", rest)
        c_start = v_start + (m.end() - m.start()) + (clause.start("clause") if clause else 0)
        c_end = c_start + (len(clause.group("clause")) if clause else 0)
        words = text[c_start:c_end]
        if _ANAPHOR.match(words) and previous:
            target = previous[-1]
            found.append(Claim(party, "hedges", c_start, c_end, (subj_start, c_end), target.proposition, 0.6, [], target, m.group("verb")))
            continue
        proposition = re.sub(r"^(?:whether|if)[ ]", "", words)
        proposition = proposition[:1].upper() + proposition[1:] + "." if proposition else ""
        if not proposition:
            continue
        found.append(Claim(party, "hedges", c_start, c_end, (subj_start, c_end), proposition, 0.7, [], None, m.group("verb")))
    return found


# A verdict on something said before: "that is false", "is not the full story", "was inaccurate".
_VERDICT = re.compile(
    r"^[“\"]?(?:(?:that|this|it|the[ ](?:claim|account|figure|report|estimate|number|suggestion|allegation)(?:[ ][^,;“”\"]{1,40}?)?)[ ])?(?:is|was|were|’s|'s)[ ][“\"]?"
    r"(?:simply[ ]|completely[ ]|totally[ ]|entirely[ ]|just[ ]|also[ ])?(?P<neg>not[ ])?"
    r"(?P<word>false|wrong|inaccurate|untrue|true|incorrect|misleading|the[ ]full[ ]story|what[ ]happened|accurate|correct|right|nonsense|a[ ]lie)\b",
    re.IGNORECASE,
)
_OPPOSITE = {"false", "wrong", "inaccurate", "untrue", "incorrect", "misleading", "nonsense", "a lie"}


def _verdict(words: str) -> str | None:
    """The stance a bare verdict takes on the claim before it, or None when ``words`` are no verdict.

    >>> _verdict("That is false"), _verdict("is not the full story"), _verdict("is accurate"), _verdict("The app failed")
    ('denies', 'disputes', 'confirms', None)
    """
    m = _VERDICT.match(words.strip())
    if m is None:
        return None
    word = m.group("word").lower()
    negative = (word in _OPPOSITE) != bool(m.group("neg"))
    if not negative:
        return "confirms"
    return "disputes" if word in ("the full story", "misleading") else "denies"


# "said only one incident was AI-related and none involved AI-written code": two claims, one narrowing
# and one denying. Never inside a quotation: its words are the speaker's own.
_COORDINATED = re.compile(r",?[ ](?:and|but)[ ](?=(?:none|no[ ]one|nobody|neither|never|no[ ]\w+|not[ ]\w+)\b)")


def _split_coordination(table: EntityTable, text: str, claim: Claim) -> list[Claim]:
    if claim.target is not None:
        return [claim]
    words = text[claim.start:claim.end]
    m = _COORDINATED.search(words)
    before = text[max(0, claim.start - 400):claim.start]
    if m is None or before.count("“") > before.count("”") or before.count('"') % 2 or "“" in words[:m.start()] or '"' in words[:m.start()]:
        return [claim]
    first = _make_claim(table, text, claim.party, claim.verb, claim.start, claim.start + m.start(), claim.frame, claim.via, claim.confidence)
    second = _make_claim(table, text, claim.party, claim.verb, claim.start + m.end(), claim.end, claim.frame, claim.via, claim.confidence)
    parts = [c for c in (first, second) if c is not None]
    return parts if len(parts) == 2 else [claim]


def _before_tree(table: EntityTable, text: str, claim: Claim, tree: list[Claim]) -> Claim | None:
    """A frame's claim that runs on into another party's speech the tree read ("X said A, and sellers
    say B"): its words up to that speech (a quotation stays whole)."""
    if claim.target is not None or re.search(r"[“\"]", text[claim.start:claim.end]):
        return claim
    cut = min((t.frame[0] for t in tree if t.party is not claim.party and claim.start + 10 < t.frame[0] < claim.end
               and CLAUSE_BREAK_BEFORE.search(text, claim.start, t.frame[0])), default=None)
    if cut is None:
        return claim
    cut = claim.start + len(re.sub(r"(?:[ ,;]+(?:and|but|while))?[ ,;]*$", "", text[claim.start:cut]))
    return _make_claim(table, text, claim.party, claim.verb, claim.start, cut, (claim.frame[0], cut), claim.via, claim.confidence)


def find_claims(table: EntityTable, text: str, sentences: list[Sentence], parsed: list[Claim] | None = None,
                ed_words: dict[int, bool] | None = None) -> list[Claim]:
    """Every attributed claim of the article, in text order.

    ``parsed`` are the claims read from the parse tree (:mod:`kg.ingest.speech`); in a sentence
    that has some, the regular expressions add only what does not overlap them. ``ed_words``: where
    the parser ran, each "-ed" word's offset and whether it read it as an adjective ("the affected
    customers"), not a verb.
    """
    claims: list[Claim] = []
    speaker: Entity | None = None
    table.speakers.clear()
    parsed = sorted(parsed or [], key=lambda c: c.frame[0])
    at = 0
    for sentence in sentences:
        tree: list[Claim] = []
        while at < len(parsed) and parsed[at].frame[0] < sentence.end:
            if parsed[at].frame[0] >= sentence.start:
                tree.append(parsed[at])
            at += 1
        found, speaker = _frames(table, text, sentence, speaker, claims, ed_words)
        if tree:
            found = tree + [c for c in (_before_tree(table, text, c, tree) for c in found) if c is not None
                            and not any(c.start < t.end and t.start < c.end for t in tree)]
            speaker = max(found, key=lambda c: c.frame[0]).party
        hedges = _hedges(table, text, sentence, claims + found)
        found += [h for h in hedges if not any(h.start < c.end and c.start < h.end for c in found)]
        # Anaphoric stances ("Orbis rejected that account") point at an earlier claim.
        for claim in found:
            if claim.target is None and claim.stance in ("denies", "disputes") and claim.verb in ("rejected", "disputed", "denied", "called") and _ANAPHOR.match(text[claim.start:claim.end]):
                claim.target = next((c for c in reversed(claims) if c.party is not claim.party), None)
            verdict = _verdict(text[claim.start:claim.end]) if claim.target is None else None
            if verdict is not None:
                # "That is false, a spokesperson said", "Civitas says that is wrong": a stance on the claim before.
                target = next((c for c in reversed(claims + [f for f in found if f.frame[0] < claim.frame[0]]) if c.party is not claim.party and c.target is None), None)
                if target is not None:
                    claim.target, claim.stance, claim.proposition = target, verdict, target.proposition
        found = [part for claim in found for part in _split_coordination(table, text, claim)]
        claims.extend(sorted(found, key=lambda c: c.frame[0]))
        table.speakers.extend(c.party for c in found if c.party is not None)
    return claims
