"""The polarity of a claim's words, and its positive form.

Only the main clause counts: a "not" inside a relative clause ("cars that
would not start"), after a contrast ("passed checks but had not been
reviewed") or in nested speech ("told him the fix can't wait") leaves the
claim affirmative.
"""

from __future__ import annotations

import re

__all__ = ["main_clause", "main_clause_negated", "affirmative", "narrows", "narrowed", "hedged"]

_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|no[ ]one|cannot)\b|n[’']t\b", re.IGNORECASE)
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
    """
    return _NEGATION.search(main_clause(claim)) is not None


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
