"""Claims an unnamed account makes: "One description ties X to Y", "In one account, X discussed Y".

Reporting on leaked or internal material often gives no speaker, only an account: a
description, a memo, a version of events. What the account says is a claim like any other,
and the account (an ``InternalDocument``) is its party, so a company's denial can answer it.
Each frame is a named row: name, pattern over one sentence, how the claim is worded, confidence.

>>> from kg.ingest.entities import EntityTable
>>> from kg.ingest.gazetteer import Gazetteer
>>> from kg.ingest.sentences import split_sentences
>>> t = ("One memo ties the outage mainly to a rushed database upgrade. "
...      "In another account, managers skipped the usual review.")
>>> [(c.party.label, c.stance, c.proposition) for c in account_claims(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
[('Memo', 'asserts', 'The outage is mainly tied to a rushed database upgrade.'), ('Account', 'asserts', 'Managers skipped the usual review.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from kg.ingest.attribution import Claim
from kg.ingest.claims import fragment, hedged, proposition_text, stance_of
from kg.ingest.entities import Entity, EntityTable
from kg.ingest.sentences import Sentence

__all__ = ["AccountFrame", "ACCOUNT_FRAMES", "account_claims"]

_ACCOUNT = (r"(?:[Oo]ne|[Aa]nother|[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Aa][ ]separate)[ ](?:[a-z-]+[ ]){0,2}?"
            r"(?P<noun>description|account|document|memo|report|version|email|message|note|summary|presentation)")
_PARTICIPLE = {"tie": "tied", "link": "linked", "connect": "connected", "attribute": "attributed"}
_ADVERB = re.compile(r"[ ](?P<adv>partly|mainly|largely|chiefly|in[ ]part|directly|explicitly)$")


@dataclass(frozen=True)
class AccountFrame:
    """A named row: a pattern over a sentence (groups ``party`` and ``claim``), and the claim's wording."""

    name: str
    pattern: re.Pattern
    words: Callable[[re.Match], str]
    confidence: float


def _tied(m: re.Match) -> str:
    """"ties A to B" → "A is tied to B" (an adverb before "to" moves after "is")."""
    a, b = m.group("a"), m.group("b")
    adverb = _ADVERB.search(a)
    if adverb:
        a = a[: adverb.start()]
    verb = _PARTICIPLE[re.sub(r"(?:s|d|ed)$", "", m.group("verb").lower())]
    return f"{a} is {adverb.group('adv') + ' ' if adverb else ''}{verb} to {b}"


ACCOUNT_FRAMES: tuple[AccountFrame, ...] = (
    AccountFrame(
        "account ties",
        re.compile(rf"^(?P<party>{_ACCOUNT})[ ](?P<verb>ties|tied|links|linked|connects|connected|attributes|attributed)[ ]"
                   r"(?P<claim>(?P<a>.+?)[ ]to[ ](?P<b>.+?))[.]?$"),
        _tied,
        0.6,
    ),
    AccountFrame(
        "in an account",
        re.compile(rf"^In[ ](?P<party>{_ACCOUNT}),[ ](?P<claim>.+?)[.]?$"),
        lambda m: m.group("claim"),
        0.6,
    ),
)


def _party(table: EntityTable, m: re.Match, offset: int) -> Entity:
    start, end = offset + m.start("party"), offset + m.end("party")
    known = table.mentions_in(start, end, {"InternalDocument"})
    if known:
        return known[0][2]
    noun = m.group("noun")
    return table.new("InternalDocument", noun[:1].upper() + noun[1:], start, end, rule="account frame", confidence=0.5,
                     section="sources")


def account_claims(table: EntityTable, text: str, sentences: list[Sentence], taken: list[Claim] = ()) -> list[Claim]:
    """The claims of :data:`ACCOUNT_FRAMES` in sentences where no claim in ``taken`` overlaps them."""
    found: list[Claim] = []
    for sentence in sentences:
        body = sentence.text.rstrip()
        for row in ACCOUNT_FRAMES:
            m = row.pattern.match(body)
            if m is None:
                continue
            start, end = sentence.start + m.start("claim"), sentence.start + m.end("claim")
            if any(c.start < end and start < c.end for c in taken) or fragment(m.group("claim")):
                continue
            words = row.words(m)
            stance = stance_of("said", words)
            party = _party(table, m, sentence.start)
            confidence = row.confidence * (0.6 if hedged(words) else 1.0)
            found.append(Claim(party, stance, start, end, (sentence.start, end), proposition_text(stance, "said", words, party),
                               round(confidence, 2), verb=m.groupdict().get("verb") or row.name))
            break
    return found
