"""The polarity of a claim's words, and its positive form.

Only the main clause counts: a "not" inside a relative clause ("cars that
would not start"), after a contrast ("passed checks but had not been
reviewed") or in nested speech ("told him the fix can't wait") leaves the
claim affirmative.
"""

from __future__ import annotations

import re
from typing import Callable

from kg.ingest.content import set_aside
from kg.figures import NUMBER_WORDS
from kg.ingest.entities import ORG_TYPES, Entity

__all__ = ["main_clause", "main_clause_negated", "affirmative", "narrows", "narrowed", "hedged", "stance_of", "proposition_text",
           "quoted", "self_statement", "fragment", "CONFIRM", "DENY", "DISPUTE", "finite"]

#: Reporting verbs, as written, by the stance they carry (the parse reads them by lemma: kg.ingest.speech).
CONFIRM = r"confirmed|confirms|acknowledged|acknowledges|admitted|admits|conceded|concedes|verified"
DENY = r"denied|denies|rejected|rejects|refuted|dismissed"
DISPUTE = r"disputed|disputes|contested|contests|challenged|challenges|questioned"
_FINITE = re.compile(r"\b(?:is|was|were|are|be|been|has|have|had|will|would|can|could|should|may|might|must|did|does|do)\b|n[’']t\b")
_ED = re.compile(r"\b[a-z]+ed\b")
#: A determiner just before an "-ed" word (adverbs and a hyphened word between) makes it an adjective: "the affected
#: customers", "a highly detailed report", "an AI-assisted change". Not "that", "some", "all", "each": they also stand
#: for a noun ("the migration that failed", "some failed").
_ADJECTIVE_AFTER = re.compile(r"(?:^|[^\w’'-])(?:a|an|the|its|his|her|their|our|my|your|these|those|every|no)[ ](?:[a-z]+ly[ ])*(?:[\w’']+-)*$", re.IGNORECASE)
#: Words ending in "s" that are no verb: closed-class words, and endings no third-person verb has ("-ss", "-us", "-is").
_NOT_VERB_S = re.compile(r"as|its|whereas|perhaps|always|towards|afterwards|besides|sometimes|ours|yours|theirs|hers|[a-z]*(?:ss|us|is)")
#: Words after which an "-s" word is a plural noun: determiners, quantifiers, numbers, and adjectives by their
#: suffix ("-ous", "-ful") -- "its customers", "140 reports", "numerous complaints".
_BEFORE_NOUN = re.compile(r"a|an|the|its|his|her|their|our|my|your|these|those|some|many|several|few|fewer|all|both|no|any|"
                          r"other|such|most|more|[\d,.]+|[a-z]+(?:ous|ful)|" + "|".join(NUMBER_WORDS))
#: Prepositions: the words after one, up to the first "-s" word, are its object ("after the holiday shoppers").
_PREPOSITION = re.compile(r"of|for|with|to|by|from|on|in|at|about|among|after|before|into|over|under|between|against|"
                          r"without|through|during|including")


def finite(claim: str, adjective: Callable[[int], bool | None] | None = None) -> bool:
    """Has ``claim`` a finite verb? An auxiliary, an "-ed" form that is no adjective, "n't", or an "-s" word that is
    no plural noun. Where the parser ran, ``adjective(i)`` says whether it read the "-ed" word at ``claim[i]`` as an
    adjective (None: not parsed); elsewhere an "-ed" word after a determiner is one (:data:`_ADJECTIVE_AFTER`).

    >>> finite("the fix failed"), finite("the system fails"), finite("it says so"), finite("the number of users grows")
    (True, True, True, True)
    >>> finite("the report after the holiday shoppers"), finite("its customers in two regions"), finite("this process")
    (False, False, False)
    >>> finite("the affected customers"), finite("a highly detailed report"), finite("the migration that failed")
    (False, False, True)
    >>> finite("the customers affected", adjective=lambda i: True), finite("the affected customers", adjective=lambda i: False)
    (False, True)
    """
    if _FINITE.search(claim):
        return True
    for m in _ED.finditer(claim):
        read = adjective(m.start()) if adjective is not None else None
        if not (read if read is not None else _ADJECTIVE_AFTER.search(claim, 0, m.start())):
            return True
    words = re.findall(r"[\w’'-]+", claim)
    for i, word in enumerate(words):
        if not re.fullmatch(r"[a-z]+s", word) or _NOT_VERB_S.fullmatch(word):
            continue
        if i and (_BEFORE_NOUN.fullmatch(words[i - 1].lower()) or words[i - 1].lower().endswith("ed")):
            continue  # (an "-ed" word before it is an adjective: one read as a verb has answered above)
        phrase = words[max(0, i - 3):i]
        if any(_PREPOSITION.fullmatch(w.lower()) and not any(x.endswith("s") for x in phrase[k + 1:])
               for k, w in enumerate(phrase)):
            continue
        return True
    return False


_NEGATION = re.compile(r"\b(?:not(?![ ](?:only|just|merely|simply)\b)|never|no|none|nobody|nothing|neither|nor|no[ ]one|cannot)\b|n[’']t\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"\b(?:that|which|who|whose|whom|because|although|though|even|but|if|unless|until|while|whereas|since|when|after|before)\b"
    r"|\b(?:said|told|says|tell|wrote|warned|claimed)\b|[.;:!?](?=\s)|,[ ](?:and|but|while)\b",
    re.IGNORECASE,
)
_QUANTITY = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a[ ]single|a[ ]few|a[ ]small|a[ ]handful|a[ ]minority|a[ ]fraction|part|some|a[ ]limited|\d[\d,.]*)"
_NARROW = re.compile(rf"\b(?:only|just|merely)[ ](?:(?:about|around|roughly|some|nearly|approximately)[ ])?{_QUANTITY}\b|\ba[ ]single\b|\bno[ ]more[ ]than\b|\blimited[ ]to\b|\bfewer[ ]than\b|\bas[ ]few[ ]as\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|apparently|possibly|perhaps|may[ ]have|might|could[ ]have|appears?[ ]to|seems?[ ]to|is[ ]believed|are[ ]believed|unclear|unconfirmed)\b", re.IGNORECASE)


def main_clause(claim: str) -> str:
    """The words of ``claim`` up to its first subordinate clause, contrast or nested speech.

    >>> main_clause("it had received 140 reports of cars that would not start")
    'it had received 140 reports of cars '
    """
    first = _CLAUSE_BREAK.search(claim, 1)
    return claim[: first.start()] if first else claim


def main_clause_negated(claim: str) -> bool:
    """Is the main clause negated?

    >>> main_clause_negated("none involved AI-written code"), main_clause_negated("the change passed checks but was not reviewed")
    (True, False)
    >>> main_clause_negated("the site was slow all day, not only in the evening")
    False
    >>> main_clause_negated("the outage was caused by a configuration error, not a cyberattack")
    False
    """
    return _NEGATION.search(main_clause(set_aside(claim))) is not None


def affirmative(claim: str) -> str:
    """The positive form of a negated claim, for the proposition a denial opposes.

    >>> affirmative("none involved AI-written code")
    'at least one involved AI-written code'
    >>> affirmative("the warnings were not escalated"), affirmative("Nobody called us")
    ('the warnings were escalated', 'Somebody called us')
    >>> affirmative("no injuries had been reported"), affirmative("refunds had not yet reached them")
    ('some injuries had been reported', 'refunds had reached them')
    """
    head = main_clause(claim)
    rest = claim[len(head):]
    replacements = [
        (r"\bnone\b", "at least one"),
        (r"\bnobody\b", "somebody"),
        (r"\bno[ ]one\b", "someone"),
        (r"\bnothing\b", "something"),
        (r"\bnever[ ]", ""),
        (r"\bcannot\b", "can"),
        (r"\b(can|won)[’']t\b", lambda m: {"can": "can", "won": "will"}[m.group(1).lower()]),
        (r"n[’']t\b", ""),
        (r"\bnot[ ](?:yet[ ])?", ""),
        (r"\bno\b", "some"),
    ]
    for pattern, replacement in replacements:
        new, count = re.subn(pattern, replacement, head, count=1, flags=re.IGNORECASE)
        if count:
            if head[:1].isupper():
                new = new[:1].upper() + new[1:]
            return new + rest
    return claim


def narrows(claim: str) -> bool:
    """Does the claim shrink something to "only one", "a single", "no more than"?

    >>> narrows("only one incident was related to AI"), narrows("the robots stopped only after six hours")
    (True, False)
    """
    return _NARROW.search(main_clause(claim)) is not None


def narrowed(claim: str) -> str:
    """The larger claim that a narrowing opposes.

    >>> narrowed("only one incident discussed was related to AI")
    'more than one incident discussed was related to AI'
    """
    new, count = re.subn(rf"\b(?:only|just|merely)[ ](?:(?:about|around|roughly|some|nearly|approximately)[ ])?(?={_QUANTITY}\b)", "more than ", claim, count=1, flags=re.IGNORECASE)
    if count:
        return new
    new, count = re.subn(r"\ba[ ]single\b", "more than one", claim, count=1, flags=re.IGNORECASE)
    return new if count else f"More than this: {claim}"


def hedged(claim: str) -> bool:
    """Does the claim carry a hedge ("reportedly", "allegedly", "may have")?

    >>> hedged("the bug had reportedly been fixed"), hedged("the bug was fixed")
    (True, False)
    """
    return _HEDGE.search(claim) is not None


def stance_of(verb: str, claim: str, verb_class: str | None = None, negated: bool | None = None) -> str:
    """The stance of a claim: from the verb's class (or the verb), then the claim's main clause.

    ``verb_class`` and ``negated`` come from the parse when there is one; a quotation is never
    turned positive, so a negated quotation is asserted in its own words.
    """
    verb = verb.lower()
    if verb_class in ("denies", "disputes") or (verb_class is None and re.fullmatch(DENY, verb)):
        return verb_class or "denies"
    if verb_class is None and re.fullmatch(DISPUTE, verb):
        return "disputes"
    if negated is not None:
        is_negated = negated
    elif quoted(claim):  # a quotation is never split: its first clause says what the speaker does with it
        is_negated = main_clause_negated(re.split(r"[ ](?:and|but)[ ]", claim, maxsplit=1)[0])
    else:
        is_negated = main_clause_negated(claim)
    if quoted(claim) and (not is_negated or self_statement(claim)):
        # The speaker's words about itself ("We do not take this matter lightly") or a quoted narrowing:
        # asserted (or confirmed) as they stand, never reworded.
        return "confirms" if verb_class == "confirms" or (verb_class is None and re.fullmatch(CONFIRM, verb)) else "asserts"
    if is_negated:
        return "denies"
    if narrows(claim):
        return "narrows"
    if verb_class == "confirms" or (verb_class is None and re.fullmatch(CONFIRM, verb)):
        return "confirms"
    return "asserts"


def self_statement(claim: str) -> bool:
    """A quotation whose subject is the speaker ("We do not take ...", "I never said ..."), not "I don't think X".

    >>> self_statement("“We do not take this matter lightly"), self_statement("“I don't think it is for us"), self_statement("“There is no basis")
    (True, False, False)
    """
    return re.match(r"[“\"‘]?(?:we|i)\b(?![^,;.]{0,24}\b(?:think|believe|expect|suppose|see|know)\b)", claim, re.IGNORECASE) is not None


def quoted(claim: str) -> bool:
    """Are the claim's words a quotation (its own words, never reworded)?

    >>> quoted("“We do not take this matter lightly”"), quoted("the fix was not tested")
    (True, False)
    """
    return claim[:1] in "“\"‘" or claim.count("“") > claim.count("”")


def fragment(claim: str) -> bool:
    """Too little to be a proposition: "Still.", "Even so.", "One case.", "Affected customers."

    >>> fragment("Even so"), fragment("One case"), fragment("the fix failed"), fragment("was finished on time")
    (True, True, False, True)
    >>> fragment("Affected customers"), fragment("Customers affected")
    (True, False)
    """
    words = re.findall(r"[\w’'-]+", claim)
    if re.match(r"(?:was|were|is|are|has|have|had)[ ](?!\w+[ ](?:that|whether)\b)", claim.lstrip(" “\"‘")):
        return True  # "The rollback, she insisted, was finished": a predicate cut from its subject
    return len(words) < 3 and not any(re.search(r"\d", w) for w in words) and not finite(claim)


def proposition_text(stance: str, verb: str, claim: str, party: Entity | None) -> str:
    text = claim
    if stance == "denies" and not re.fullmatch(DENY, verb.lower()):
        text = affirmative(claim)
        if text == claim:  # the parse saw a negation past the main clause the patterns know: drop it there
            text = re.sub(r"\b(?:(ca)n|(wo)n)[’']t\b|[ ]not[ ]|(?<=\w)n[’']t\b",
                          lambda m: "can" if m.group(1) else "will" if m.group(2) else " ", claim, count=1, flags=re.IGNORECASE).replace("  ", " ")
    elif stance == "narrows" and not quoted(claim):
        text = narrowed(claim)
    if party is not None and party.type in ORG_TYPES | {"InternalDocument"}:
        text = re.sub(r"^(?:it|its)\b", lambda m: party.label + ("’s" if m.group(0) == "its" else ""), text)
    return tidy_proposition(text)


def tidy_proposition(text: str) -> str:
    """A proposition's words with no leading punctuation or stray quotation marks, capitalised, one full stop.

    >>> tidy_proposition(': "In line with our partners'), tidy_proposition("the fault was “a rare timing error.")
    ('In line with our partners.', 'The fault was a rare timing error.')
    """
    text = re.sub(r"\s+", " ", text).strip(" “”\"‘").lstrip(",.;:—–-“”\"‘ ")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return (text[:1].upper() + text[1:]).rstrip(".,;: ") + "."
