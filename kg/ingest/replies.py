"""The text's own reply frames: words before a claim saying that it answers another claim.

"Globex disputed that ...", "In contrast, ...", "X pushed back", ", but Y says ...": each row of
:data:`REPLY_FRAMES` names such words, what kind of answer they make and with what confidence;
:mod:`kg.ingest.answers` links the claim to the one it answers (:mod:`kg.ingest.linking` scores the
candidates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ReplyFrame", "REPLY_FRAMES", "NOT_SO", "reply_frame", "NamedClaim", "NAMED_CLAIMS", "named_claim"]


@dataclass(frozen=True)
class ReplyFrame:
    """A named row: words before a claim (in its sentence) saying that it answers another claim.

    ``kind`` is ``reply`` (the claim restates what it answers: "disputed that X" takes a stance on
    X), ``contrast`` (the claim is a counter-account: "In contrast, Y said Z" opposes, or backs,
    the nearby claim it contrasts with), ``rejoinder`` (a counter-account the words say answers
    another party: "Y pushed back", "after his comments, Y said"; the nearest claim of another party
    when none nearby shares an item, a figure or a meaning with it) or ``answer`` (a counter-account
    to the claim just before it in its sentence: "X said it had offered help, but Y says that offer
    came too late").
    """

    name: str
    pattern: re.Pattern
    kind: str
    confidence: float


def _frame(name: str, pattern: str, kind: str, confidence: float) -> ReplyFrame:
    return ReplyFrame(name, re.compile(pattern, re.IGNORECASE), kind, confidence)


REPLY_FRAMES: tuple[ReplyFrame, ...] = (
    _frame("disputed that", r"\b(?:disputed|disputes|disputing|contested|contests|challenged|challenges|questioned)[ ](?:[\w’'-]+[ ]){0,2}?that[ ]?$", "reply", 0.75),
    _frame("denied reports that", r"\b(?:denied|denies|denying|dismissed|dismisses|refuted|refutes)[ ](?:(?:the[ ])?(?:reports?|claims?|suggestions?|allegations?|assertions?|accounts?|idea)[ ])?that[ ]?$", "reply", 0.8),
    _frame("rejected the claim that", r"\b(?:rejected|rejects|rejecting)[ ](?:the[ ])?(?:[\w-]+[ ])?(?:claims?|suggestions?|allegations?|assertions?|idea|notion|reports?|view)?[ ]?that[ ]?$", "reply", 0.8),
    _frame("narrowed", r"\b(?:narrowed|narrows|narrowing|played[ ]down|downplayed|downplays|constrain(?:s|ed)?)\b", "reply", 0.7),
    _frame("in contrast", r"^[\W]*(?:in|by)[ ]contrast\b|^[\W]*(?:however|conversely|on[ ]the[ ]other[ ]hand|but)\b|,[ ]however,", "contrast", 0.6),
    _frame("but X says", r",[ ]but[ ](?:[\w’'-]+[ ]){1,4}(?:says|said|insists|insisted|argues|argued|counters|countered|maintains|maintained)[ ](?:that[ ])?$", "answer", 0.6),
    _frame("account differs", r"['’]s?[ ](?:account|version|description|recollection)[ ](?:differs|diverges|is[ ]different)\b", "contrast", 0.6),
    _frame("pushed back", r"\b(?:push(?:ed|es|ing)?|hit(?:s|ting)?|fired|fires|struck|strikes)[ ]back\b|\b(?:countered|counters|retorted|retorts|rebutted|rebuts)\b"
           r"|\bpoint(?:ed|s|ing)?[ ]the[ ]finger\b|\b(?:in[ ]response|responding|replying|answering)\b|\bresponded[ ]to\b", "rejoinder", 0.55),
    _frame("after the comments", r"^[\W]*after[ ](?:his|her|their|its|these|those|the)[ ](?:[\w-]+[ ])?(?:comments?|remarks?|statements?|claims?)\b", "rejoinder", 0.55),
)

#: A claim that only says another is wrong ("that was not the case", "this is untrue", "that would never be the
#: way"): it answers the nearest claim of another party before it, whatever its words. Found after a sentence of
#: the same quotation too ("We are serious. That would never be how we work."), where the claim keeps its own words.
NOT_SO = re.compile(r"(?:^|(?<=[.!?])[ ]+)[\W]*(?:that|this|it|which)[ ](?:(?:was|is|were|had[ ]been)[ ](?:not[ ](?:the[ ]case|true|correct|accurate)|untrue|false|wrong|incorrect|inaccurate)"
                    r"|(?:would|will|could)[ ](?:never|not)[ ]be[ ](?:the[ ]way|how|true|the[ ]case|right))\b", re.IGNORECASE)


@dataclass(frozen=True)
class NamedClaim:
    """A named row: a claim whose subject names another's claim and whose verb says it is wrong ("any claims of
    gross negligence have no basis", "reports that the data was sold are false"). It denies what the named claim
    says: ``words(match)`` in its positive form, answering the claim that says it."""

    name: str
    pattern: re.Pattern
    words: object  # Callable[[re.Match], str]


_CLAIM_NOUN = r"(?:claims?|allegations?|accusations?|suggestions?|reports?|assertions?|charges?|rumou?rs?)"
_IS_WRONG = (r"(?:have|has|had|are|is|were|was)[ ](?:no[ ](?:basis|merit|foundation|substance)|baseless|unfounded|false|untrue|"
             r"groundless|without[ ](?:any[ ])?(?:merit|foundation|basis)|nonsense|wrong|inaccurate|incorrect|fabricated)\b")
_NAMER = r"^[\W]*(?:(?:any|all|the|these|those|such|their|his|her|its|[\w’'.&-]+['’]s?)[ ])?(?:[\w-]+[ ]){0,2}?"


def _there_was(m: re.Match) -> str:
    what = m.group("what").strip()
    return f"There was {what[:1].lower() + what[1:] if not what[:2].isupper() else what}."


def _clause(m: re.Match) -> str:
    what = m.group("what").strip()
    return f"{what[:1].upper()}{what[1:]}."


NAMED_CLAIMS: tuple[NamedClaim, ...] = (
    NamedClaim("claims of X are wrong", re.compile(_NAMER + _CLAIM_NOUN + r"[ ]of[ ](?P<what>.+?)[ ]" + _IS_WRONG, re.IGNORECASE), _there_was),
    NamedClaim("claims that X are wrong", re.compile(_NAMER + _CLAIM_NOUN + r"[ ]that[ ](?P<what>.+?)[ ]" + _IS_WRONG, re.IGNORECASE), _clause),
)


def named_claim(words: str) -> tuple[NamedClaim, str] | None:
    """The row of :data:`NAMED_CLAIMS` that ``words`` (a claim's) match, and what the named claim says.

    >>> row, said = named_claim("Any claims of gross negligence and willful misconduct have no basis in fact.")
    >>> row.name, said
    ('claims of X are wrong', 'There was gross negligence and willful misconduct.')
    >>> named_claim("Reports that the payroll data was sold are false.")[1]
    'The payroll data was sold.'
    >>> named_claim("The claims process was slow.") is None
    True
    """
    for row in NAMED_CLAIMS:
        m = row.pattern.search(words)
        if m and len(m.group("what").split()) >= 2:
            return row, row.words(m)
    return None


def reply_frame(before: str) -> ReplyFrame | None:
    """The first row of :data:`REPLY_FRAMES` matching ``before``, the sentence's words before the claim.

    >>> reply_frame("Amazon also disputed that").name, reply_frame("In contrast, internal descriptions referenced").kind
    ('disputed that', 'contrast')
    >>> reply_frame("The company said that") is None
    True
    """
    for row in REPLY_FRAMES:
        if row.pattern.search(before):
            return row
    return None
