"""Reading an English noun phrase by its words: where its modifiers stop, and its label.

Shared by the rules for incidents (:mod:`kg.ingest.events`) and safeguards (:mod:`kg.ingest.safeguards`).
"""

from __future__ import annotations

import re

__all__ = ["FINDS", "LONGEST_WORD", "STOP", "VERBAL", "DENIED_CAUSES", "denied_cause", "modifiers", "phrase_label"]

#: What a report, review or investigation does when the article cites its findings ("found", "had determined").
FINDS = r"(?:(?:had|has|have)[ ])?(?:found|concluded|determined|pointed|blamed|showed|shown|said|says|finds|recommended)\b"


#: Every repetition in a phrase's pattern is bounded and every pattern starts at a word's start, so each
#: one runs in time linear in the text: a word longer than this is never a modifier.
LONGEST_WORD = 40

#: Words that end a run of modifiers read leftwards from a head noun.
STOP = {
    "the", "a", "an", "of", "to", "in", "after", "for", "and", "or", "with", "was", "were", "is", "are", "be", "been",
    "by", "on", "at", "that", "this", "from", "as", "its", "their", "his", "her", "our", "new", "any", "no", "not",
    "every", "each", "all", "some", "more", "most", "multiple", "several", "many", "other", "further", "which", "who",
    "said", "had", "has", "have", "one", "another", "what", "called", "into", "over", "also", "only", "than", "but",
    "such", "these", "those", "there", "it", "would", "will", "could", "should", "must", "may", "might", "did", "does",
    "do", "without", "about", "while", "linked", "tied", "including", "requiring", "secure", "obtain", "add", "added",
    "basic", "both", "either", "same", "up", "two", "three", "how", "why", "whether", "when", "where", "if",
    "during", "before", "since", "until", "against", "between", "among", "we", "they", "he", "she", "you", "i",
    # the other prepositions: "amid Facebook outage" is no outage's name
    "amid", "amidst", "despite", "following", "under", "through", "throughout", "across", "behind", "beyond", "via",
    "within", "toward", "towards", "around", "near", "unlike", "upon", "per",
}
#: A phrasal verb's particle ends a run of modifiers: "rolled out safeguards", "put in place controls".
PARTICLES = {"out", "off", "down", "place"}
#: A word before a head that makes it a verb ("to review", "would sign off"), not a noun phrase.
VERBAL = {"to", "would", "will", "could", "should", "must", "may", "might", "did", "does", "do", "not", "can", "cannot", "we", "they", "i"}
#: Words in -ing that are nouns, so may modify a head ("engineering controls").
ING_NOUNS = {"engineering", "testing", "training", "monitoring", "pricing", "booking", "building", "scheduling", "accounting", "networking", "banking", "shipping", "computing", "routing", "check-in"}

#: Frames that deny or rule out a cause, as named rows (name, pattern of the words before the phrase): what
#: follows them is a cause that did not happen or may not have, never an incident nor a mention of one
#: ("the outage was not caused by a cyberattack", "the operator had ruled out a cyberattack").
DENIED_CAUSES: tuple[tuple[str, str], ...] = (
    # "not caused by", and "not caused, directly or indirectly, by"
    ("not caused by", r"\b(?:not|n[’']t)[ ](?:been[ ])?caused(?:,[ ][^,.]{1,30},)?[ ]by"),
    ("ruled out", r"\brul(?:e|es|ed|ing)[ ]out(?:[ ]that)?"),
)
_DENIED_CAUSE = re.compile(
    rf"(?:{'|'.join(pattern for _, pattern in DENIED_CAUSES)})[ ](?:(?:a|an|the|any)[ ])?$", re.IGNORECASE
)


def denied_cause(text: str, start: int) -> bool:
    """Whether the phrase at ``start`` follows a frame of :data:`DENIED_CAUSES`.

    >>> t = "It was not caused by a cyberattack. The firm had ruled out a cyberattack. A hack hit it."
    >>> [denied_cause(t, t.index(w, at)) for w, at in (("cyberattack", 0), ("cyberattack", 40), ("hack", 0))]
    [True, True, False]
    >>> denied_cause("It was not caused, directly or indirectly, by a cyber attack", 48)
    True
    """
    return _DENIED_CAUSE.search(text, max(0, start - 60), start) is not None


def modifiers(text: str, start: int, end: int, *, limit: int, proper: bool = False) -> tuple[int, list[str]]:
    """The words right before a head noun that modify it, and where they start.

    Reads leftwards from the head and stops at a stop word, a possessive, a
    verb-like word that is not next to the head, or ``limit`` words.
    """
    words = [(m.start() + start, m.group(0)) for m in re.finditer(r"[\w’'-]+(?:&[\w’'-]+)*", text[start:end])]
    run: list[tuple[int, str]] = []
    for index, word in reversed(words):
        lower = word.lower()
        if lower in STOP or lower in PARTICLES or re.search(r"['’]s?$", word) or not re.search(r"[a-zA-Z]", word):
            break
        if word[:1].isupper() and not proper and lower != "ai":
            break
        if lower.endswith("ing") and lower not in ING_NOUNS:
            break
        if run and (lower.endswith("ed") or (lower.endswith("s") and not lower.endswith("ss"))):
            break  # "passed automated checks", "plans tighter controls": a verb before the phrase
        run.insert(0, (index, word))
        if len(run) >= limit:
            break
    # "the change passed checks": a verb inside the run ends the phrase after it.
    for i in range(len(run) - 1, 0, -1):
        if run[i][1].lower().endswith("ed"):
            run = run[i + 1:]
            break
    if not run:
        return end, []
    return run[0][0], [w for _, w in run]


def phrase_label(text: str) -> str:
    """A phrase as an item's label: one space between words, the first letter capitalised.

    >>> phrase_label("two-person  approval ,")
    'Two-person approval'
    """
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text[:1].upper() + text[1:]
