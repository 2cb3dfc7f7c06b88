"""Claims a party makes by characterising, not by saying: "X accused Y of failing to ...", "X blamed Y for Z",
"X called the account 'misinformation'", "X ruled out a cyberattack", "...: that was the accusation X made".

Reporting often gives one side of a dispute in words that are no reporting verb: an accusation, a
blame, a verdict on another's account. Each frame is a named row (name, pattern over one sentence,
how the claim is worded, its stance, confidence) like :mod:`kg.ingest.accounts`. The claim is in its
positive form and the stance carries the polarity; words inside quotation marks are never changed. A
verdict on an account ("called the account 'ill-informed misinformation'") is a stance on the claim of
another party just before it, as "X rejected the claim" is.

>>> from kg.ingest.entities import EntityTable
>>> from kg.ingest.gazetteer import Gazetteer
>>> from kg.ingest.sentences import split_sentences
>>> t = ("Initech accused Globex of failing to act on a known fault. "
...      "Umbrella blamed poor planning by the operator for the payroll outage. "
...      "Acme ruled out a cyberattack so early.")
>>> table = EntityTable(t, Gazetteer([]))
>>> for name, s, e in (("Initech", 0, 7), ("Globex", 16, 22), ("Umbrella", 59, 67), ("Acme", 129, 133)):
...     _ = table.new("Organization", name, s, e, rule="test", confidence=1.0)
>>> found, _ = characterisation_claims(table, t, split_sentences(t))
>>> [(c.party.label, c.stance, c.proposition) for c in found]
[('Initech', 'asserts', 'Globex failed to act on a known fault.'), ('Umbrella', 'asserts', 'Poor planning by the operator caused the payroll outage.'), ('Acme', 'denies', 'A cyberattack was a cause.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from kg.ingest.attribution import Claim
from kg.ingest.claims import fragment, hedged, tidy_proposition
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.parties import resolve_party
from kg.ingest.sentences import Sentence

__all__ = ["CharacterisationFrame", "CHARACTERISATION_FRAMES", "characterisation_claims", "past_tense"]

_IRREGULAR_PAST = {
    "cut": "cut", "put": "put", "set": "set", "let": "let", "hit": "hit", "shut": "shut", "run": "ran", "take": "took",
    "make": "made", "give": "gave", "go": "went", "do": "did", "have": "had", "be": "was", "keep": "kept", "leave": "left",
    "hold": "held", "tell": "told", "mislead": "misled", "break": "broke", "get": "got", "pay": "paid", "lose": "lost",
    "hide": "hid", "withhold": "withheld", "say": "said", "sell": "sold", "send": "sent", "spend": "spent",
}


def past_tense(gerund: str) -> str:
    """The past tense of an "-ing" verb, for "accused X of failing" → "X failed".

    >>> [past_tense(w) for w in ["failing", "trying", "cutting", "misleading", "ignoring", "hiding", "stopping", "acting"]]
    ['failed', 'tried', 'cut', 'misled', 'ignored', 'hid', 'stopped', 'acted']
    """
    from kg.ingest.lemmas import _restore_e

    stem = gerund[:-3].lower()
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        base = stem[:-1]
        return _IRREGULAR_PAST.get(base, stem + "ed")  # "stopping" → "stopped"
    if stem in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[stem]
    base = _restore_e(stem)
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


@dataclass(frozen=True)
class CharacterisationFrame:
    """A named row: a pattern over one sentence (group ``verb``; ``party`` when the subject is in it), how
    the claim is worded, and its stance. ``stance`` ``disputes`` takes a stance on the claim before it."""

    name: str
    pattern: re.Pattern
    words: Callable[[re.Match], str]
    stance: str
    confidence: float


def _cap(words: str) -> str:
    words = words.strip(" ,;:")
    return words[:1].upper() + words[1:]


_NOT = r"(?<!not[ ])(?<!n['’]t[ ])(?<!never[ ])"
#: Where a characterised phrase ends: a clause break, or words that start another thought.
_UNTIL = (r"(?=[ ]?(?:[,;:.!?—–”\"]|[ ](?:and|but|while|saying|because|which|after|before|so[ ]early|so[ ]soon|as[ ]early)\b"
          r"|[ ](?:on|last|this|early|late|by|since|in)[ ](?:[A-Z][a-z]*day|week|month|year|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|\d))|$)")
#: Words that say an account or claim is wrong.
_WRONG = (r"misinformation|disinformation|false|untrue|wrong|inaccurate|incorrect|nonsense|baseless|unfounded|misleading|"
          r"ill-informed|fiction|fictional|rubbish|speculation|speculative|fabricated|fabrication|lies|a[ ]lie|groundless")
_ACCOUNT = (r"(?:(?:the|that|this|these|those|their|his|her|its|such)[ ]|[\w’'. -]{1,40}?['’]s?[ ])(?:[\w-]+[ ]){0,2}?"
            r"(?:account|accounts|report|reports|reporting|claim|claims|story|stories|allegation|allegations|suggestion|"
            r"suggestions|accusation|accusations|version|article|assertion|assertions)")

CHARACTERISATION_FRAMES: tuple[CharacterisationFrame, ...] = (
    CharacterisationFrame(
        "accused of",
        re.compile(rf"{_NOT}\b(?P<verb>accused|accuses|accusing)[ ](?P<who>[^,;:“”\"]{{2,60}}?)[ ]of[ ](?P<act>[a-z]+ing)\b[ ]?(?P<rest>[^;:.!?]*?){_UNTIL}"),
        lambda m: f"{_cap(m.group('who'))} {past_tense(m.group('act'))} {m.group('rest')}".strip(),
        "asserts",
        0.6,
    ),
    CharacterisationFrame(
        "blamed for",
        re.compile(rf"{_NOT}\b(?P<verb>blamed|blames|blaming)[ ](?!each[ ]other|one[ ]another|itself|themselves)(?P<who>[^,;:“”\"]{{2,80}}?)[ ]for[ ](?P<what>[^;:.!?]+?){_UNTIL}"),
        lambda m: f"{_cap(m.group('who'))} caused {m.group('what')}",
        "asserts",
        0.6,
    ),
    CharacterisationFrame(
        "blamed on",
        re.compile(rf"{_NOT}\b(?P<verb>blamed|blames|blaming)[ ](?P<what>(?:the|a|an|its|their|his|her)[ ][^,;:“”\"]{{2,80}}?)[ ]on[ ](?P<who>[^;:.!?]+?){_UNTIL}"),
        lambda m: f"{_cap(m.group('who'))} caused {m.group('what')}",
        "asserts",
        0.6,
    ),
    CharacterisationFrame(
        "put the blame on",
        re.compile(rf"{_NOT}\b(?P<verb>put|puts|putting|laid|lays|placed|places|pinned|pins)[ ](?:the[ ])?blame[ ]for[ ](?P<what>[^,;:“”\"]{{2,80}}?)[ ](?:[a-z]+ly[ ])?(?:on|onto)[ ](?P<who>[^;:.!?]+?){_UNTIL}"),
        lambda m: f"{_cap(m.group('who'))} caused {m.group('what')}",
        "asserts",
        0.6,
    ),
    CharacterisationFrame(
        "ruled out",
        re.compile(rf"{_NOT}\b(?P<verb>ruled|rules|ruling)[ ]out[ ](?!that\b|whether\b)(?P<what>(?:a|an|any|the)[ ][^,;:“”\"]{{2,60}}?){_UNTIL}"),
        lambda m: f"{_cap(re.sub(r'^any[ ]', 'a ', m.group('what')))} was a cause",
        "denies",
        0.6,
    ),
    CharacterisationFrame(
        "called the account wrong",
        re.compile(rf"{_NOT}\b(?P<verb>called|calls|branded|brands|labell?ed|labels|dismissed|dismisses|described|describes)[ ]{_ACCOUNT}[ ](?:as[ ])?[“\"‘]?"
                   rf"(?:[\w-]+[ ]){{0,3}}?(?P<wrong>{_WRONG})\b"),
        lambda m: "",
        "disputes",
        0.6,
    ),
    CharacterisationFrame(
        "rejected the allegation that",
        re.compile(rf"{_NOT}\b(?P<verb>rejected|rejects|rejecting|denied|denies|denying|refuted|refutes)[ ](?:[a-z]+[ ])?(?:any|the|all|such|these|those)[ ]"
                   rf"(?:[a-z]+[ ])?(?:allegations?|claims?|suggestions?|accusations?|assertions?|charges?)[ ]that[ ](?P<what>[^;:.!?”\"]+?){_UNTIL}"),
        lambda m: m.group("what"),
        "denies",
        0.6,
    ),
    CharacterisationFrame(
        "rejected the claim",
        re.compile(rf"{_NOT}\b(?P<verb>rejected|rejects|dismissed|dismisses|denied|denies|disputed|disputes|refuted|refutes)[ ]"
                   rf"(?P<wrong>(?:the|that|this|these|those|such|their|his|her)[ ](?:[a-z]+[ ])?(?:claims?|accusations?|allegations?|account|suggestions?|charges?|criticism|reports?))(?=[ ]?[,.;]|$)"),
        lambda m: "",
        "disputes",
        0.6,
    ),
    CharacterisationFrame(
        "rebuffed a call to go",
        re.compile(rf"{_NOT}\b(?P<verb>rebuffed|rebuffs|rejected|rejects|dismissed|dismisses|resisted|resists|brushed[ ](?:aside|off)|shrugged[ ]off)[ ]"
                   rf"(?P<what>(?:the|a|an|any|all|those|these|growing|mounting|fresh|renewed)[ ](?:[a-z]+[ ]){{0,2}}?calls?[ ]for[ ](?P<who>[^,;:“”\"]{{2,60}}?)[ ]to[ ]"
                   rf"(?P<go>go|quit|resign|step[ ]down|stand[ ]down|leave|be[ ]sacked|be[ ]fired)){_UNTIL}"),
        lambda m: f"{_cap(m.group('who'))} should {m.group('go')}",
        "denies",
        0.6,
    ),
    CharacterisationFrame(
        "refused to go",
        re.compile(rf"{_NOT}\b(?P<verb>refused|refuses|refusing|declined|declines|declining)[ ](?P<what>to[ ](?P<go>resign|quit|step[ ]down|stand[ ]down))\b"),
        lambda m: f"{{party}} should {m.group('go')}",
        "denies",
        0.6,
    ),
    CharacterisationFrame(
        "refusing to go, X said",
        re.compile(r"^(?P<verb>Refusing|Declining)[ ](?P<what>to[ ](?P<go>resign|quit|step[ ]down|stand[ ]down|go)),[ ](?P<party>[^,;:“”\"]{2,40}?)[ ]"
                   r"(?:said|says|told|added|insisted|argued)\b"),
        lambda m: f"{{party}} should {m.group('go')}",
        "denies",
        0.6,
    ),
    CharacterisationFrame(
        "that was the accusation",
        re.compile(r"^(?P<claim>.{12,}?)[ ]?[:;—–-][ ]?(?:that|this|such)[ ](?:was|is|were)[ ](?:the|an?)[ ](?:[\w-]+[ ])?"
                   r"(?P<verb>accusation|claim|allegation|charge|assertion|complaint|suggestion)[ ](?:that[ ])?(?P<party>[^,;.]{2,80}?)[ ]"
                   r"(?:made|makes|levelled|leveled|raised|put[ ]forward|aired)\b"),
        lambda m: m.group("claim"),
        "asserts",
        0.6,
    ),
    CharacterisationFrame(
        "described as",
        re.compile(rf"{_NOT}\b(?P<verb>described|describes|characteri[sz]ed|characteri[sz]es|portrayed|portrays)[ ](?P<what>(?:the|this|that|its|their|his|her)[ ][^,;:“”\"]{{2,60}}?)[ ]as[ ](?P<verdict>[^,;:.!?]{{2,60}}?){_UNTIL}"),
        lambda m: f"{_cap(m.group('what'))} was {m.group('verdict')}",
        "asserts",
        0.6,
    ),
)


def _party(table: EntityTable, text: str, sentence: Sentence, m: re.Match, claims: list[Claim]) -> Entity | None:
    """Who characterises: the ``party`` group; else the subject before the verb (after the last clause
    break); else, for an elided subject ("..., and accused Y of ..."), the speaker of the sentence's claim."""
    s0 = sentence.start
    if "party" in m.groupdict() and m.group("party"):
        return resolve_party(table, text, s0 + m.start("party"), s0 + m.end("party"))
    # Words between subject and verb ("last week", "has", "formally", "strongly") are no part of the name.
    head = re.sub(r"(?:(?<=[ ])(?:last|this|next|on|earlier|later|also|has|have|had|was|were|is|again|[a-z]+ly|week|month|year|\w+day)[ ])+$", "",
                  text[s0:s0 + m.start("verb")])
    cut = max([b.end() for b in re.finditer(r"[;:]|,[ ](?:however|though|meanwhile|instead),[ ]|,[ ](?:and|but|while|as|after|when|because|before)[ ]|[ ](?:and|but|after|before|while|when|that|because)[ ]", head)] or [0])
    intro = re.match(r"(?:In|At|On|After|Before|During|However|Meanwhile|Separately|But|Still|Yet|When)\b[^,]*,[ ]", head[cut:])
    cut += intro.end() if intro else 0
    subject = head[cut:]
    lead = re.match(r"(?:[Ww]hen[ ])?(?:[Aa]sked|[Ss]peaking|[Ww]riting|[Rr]esponding|[Tt]alking|[Rr]eplying)\b[^,]*,[ ]", subject)
    if lead:  # "asked by the Mail, a spokesperson": the paper only asked
        cut, subject = cut + lead.end(), subject[lead.end():]
    if subject.strip() and not re.fullmatch(r"[ ]*(?:and|but|,)?[ ]*", subject):
        party = resolve_party(table, text, s0 + cut, s0 + cut + len(subject))
        if party is not None:
            return party
    elided = re.search(r"(?:,[ ]|[ ])(?:and|but)[ ]$", head)
    if elided:
        # The speaker whose claim ran on over the verb ("X said A, and accused Y of B"), else the sentence's first.
        verb_at = s0 + m.start("verb")
        here = [c for c in claims if sentence.start <= c.frame[0] < verb_at and c.party is not None]
        return next((c.party for c in here if c.start <= verb_at < c.end), here[0].party if here else None)
    return None


def _words_span(m: re.Match, s0: int) -> tuple[int, int]:
    groups = [g for g in ("claim", "who", "what", "act", "rest", "verdict", "wrong") if m.groupdict().get(g)]
    return s0 + min(m.start(g) for g in groups), s0 + max(m.end(g) for g in groups)


def characterisation_claims(table: EntityTable, text: str, sentences: list[Sentence], claims: list[Claim] = ()) -> tuple[list[Claim], list[Claim]]:
    """The claims of :data:`CHARACTERISATION_FRAMES`, and the claims of ``claims`` they replace.

    A drafted claim whose words hold the frame's verb ("The fire and the outage accused Globex of ...")
    misread it, and is replaced; a claim of the same party over the same words already reads it, and
    the frame adds nothing. Returns ``(found, replaced)``; called with no ``claims``, only ``found``.
    """
    claims = list(claims)
    found: list[Claim] = []
    replaced: list[Claim] = []
    for sentence in sentences:
        s0, body = sentence.start, sentence.text.rstrip()
        for row in CHARACTERISATION_FRAMES:
            for m in row.pattern.finditer(body):
                verb_at = s0 + m.start("verb")
                start, end = _words_span(m, s0)
                party = _party(table, text, sentence, m, claims)
                if party is None:
                    continue
                inside = [c for c in claims if c.start <= verb_at < c.end and c not in replaced]
                same = [c for c in claims if c.party is party and c.start < end and start < c.end and c not in inside]
                target = None
                if row.stance == "disputes":
                    target = next((c for c in sorted(claims + found, key=lambda c: -c.frame[0]) if c.frame[0] < s0 + m.start()
                                   and c.party is not party and c.target is None and c.party is not None), None)
                    for c in same:  # read already, before this module found the claim nearer that it answers
                        if c.target is not None and target is not None and target.frame[0] > c.target.frame[0]:
                            c.target, c.proposition = target, target.proposition
                if same:
                    continue
                if row.stance == "disputes":
                    if target is None:
                        continue
                    start, end = verb_at, s0 + m.end()  # the verdict: "called the account “ill-informed”"
                    claim = Claim(party, "disputes", start, end, (min(verb_at, start), end), target.proposition, row.confidence, [], target, row.name)
                else:
                    words = row.words(m).strip().replace("{party}", party.label)  # "Refusing to resign, she said": the party should go
                    if fragment(words) or len(re.findall(r"\w+", words)) < 3:
                        continue
                    words = re.sub(r"^(?:it|its)\b", lambda w: party.label + ("’s" if w.group(0) == "its" else ""), words) if party.type in ORG_TYPES else words
                    confidence = row.confidence * (0.6 if hedged(text[start:end]) else 1.0)
                    claim = Claim(party, row.stance, start, end, (min(verb_at, start), end), tidy_proposition(words), round(confidence, 2), [], None, row.name)
                replaced += inside
                found.append(claim)
    return (found, replaced) if claims else (found, [])
