"""The text's own reply frames: words before a claim saying that it answers another claim.

"Globex disputed that ...", "In contrast, ...", "X pushed back", ", but Y says ...": each row of
:data:`REPLY_FRAMES` names such words, what kind of answer they make and with what confidence;
:mod:`kg.ingest.answers` links the claim to the one it answers (:mod:`kg.ingest.linking` scores the
candidates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ReplyFrame", "REPLY_FRAMES", "NOT_SO", "reply_frame"]


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
