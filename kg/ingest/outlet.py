"""Claims an article makes in its own voice: how long an incident lasted, how many it hit and what it cost.

Reporting often sets its own figures against a party's, with no reporting verb: "Service was fully
restored after about seven hours", "In fact, around half of the bank's customers could not get into
their accounts". Such a sentence is the article's claim (its publisher's, where one is recorded), so
another party's figure can dispute it. Each frame is a named row (:data:`OUTLET_FRAMES`): a sentence
nobody is reported to have said, telling an incident's impact with a figure of how long or how many.

>>> from kg.ingest.entities import EntityTable
>>> from kg.ingest.gazetteer import Gazetteer
>>> from kg.ingest.sentences import split_sentences
>>> t = ("Globex said the outage lasted an hour. On May 2, customers lost access for nearly eleven hours. "
...      "In fact, around half of its customers could not log in. The storm was severe.")
>>> [(c.party.label, c.stance, c.proposition) for c in outlet_claims(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
[('The article', 'asserts', 'Customers lost access for nearly eleven hours.'), ('The article', 'denies', 'Around half of its customers could log in.')]
>>> t = "Most users were reconnected within 2 hours, but the network stayed congested for another 10 hours and could not carry calls."
>>> [c.proposition for c in outlet_claims(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
['Most users were reconnected within 2 hours.', 'The network stayed congested for another 10 hours.']
>>> t = "The company paid a ransom of around $4.4 million in bitcoin. Globex said it paid $5 million. It paid staff well."
>>> [c.proposition for c in outlet_claims(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
['The company paid a ransom of around $4.4 million in bitcoin.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.figures import NUMBER_WORD
from kg.ingest.attribution import Claim
from kg.ingest.claims import fragment, proposition_text, stance_of
from kg.ingest.entities import EntityTable
from kg.ingest.sentences import Sentence

__all__ = ["OutletFrame", "OUTLET_FRAMES", "outlet_claims"]

#: What an incident did: people cut off, a service down or back.
_IMPACT = (r"\b(?:lost[ ](?:access|service|signal|power|connection)|could[ ]not|couldn['’]t|(?:were|was)[ ]unable|restored|reconnected"
           r"|(?:went|was|were|stayed|remained)[ ](?:down|offline|dark|congested|unavailable)|without[ ](?:service|power|signal)"
           r"|locked[ ]out|stranded|cancell?ed|disrupted|back[ ]online)\b")
_ABOUT = r"(?:(?:about|nearly|almost|around|roughly|some|more[ ]than|less[ ]than|up[ ]to|another|over|close[ ]to)[ ])?"
_NUMBER = rf"(?:\d[\d,.]*|{NUMBER_WORD}|an?|several|a[ ]few)"
#: A sum of money: "$4.4 million", "£30m", "tens of millions of dollars".
_SUM = (r"(?:[$£€][ ]?\d[\d,.]*(?:[ ]?(?:million|billion|thousand|bn|m)\b)?"
        r"|(?:tens|hundreds)[ ]of[ ](?:thousands|millions|billions)[ ]of[ ](?:dollars|pounds|euros))")
#: What a sum did: paid, lost, cost, fell by, recovered.
_SUM_VERB = r"\b(?:paid|pays|lost|loses|cost|costs|costing|fell|falls|dropped|drops|wiped|recovered|spent)\b"
_WHO = (r"(?:customers|users|subscribers|passengers|travell?ers|people|callers|calls|flights|members|patients|households|homes"
        r"|fans|accounts|devices)")


@dataclass(frozen=True)
class OutletFrame:
    """A named row: what a sentence in the article's own voice must say to be its claim."""

    name: str
    pattern: re.Pattern
    confidence: float
    describe: str


OUTLET_FRAMES: tuple[OutletFrame, ...] = (
    OutletFrame("how long", re.compile(
        rf"{_IMPACT}.*?\b(?:for|after|within|over|lasting|lasted)[ ]{_ABOUT}{_NUMBER}[ ](?:hours?|days?|minutes?|weeks?)\b"
        rf"|\b(?:for|after|within|over)[ ]{_ABOUT}{_NUMBER}[ ](?:hours?|days?|minutes?|weeks?)\b.*?{_IMPACT}", re.IGNORECASE), 0.5,
        "an impact and how long it lasted: “service was fully restored after about seven hours”"),
    OutletFrame("how many", re.compile(
        rf"(?<![\w-]){_ABOUT}(?:\d[\d,.]*(?:[ ](?:million|thousand))?|half|a[ ](?:third|quarter)|two-thirds|most|tens[ ]of[ ]thousands"
        rf"|hundreds[ ]of[ ]thousands|millions)[ ](?:of[ ](?:the[ ]|its[ ]|their[ ])?(?:[\w’'&.-]+['’]s?[ ])?)?(?:[\w-]+[ ]){{0,2}}?{_WHO}\b.*?{_IMPACT}",
        re.IGNORECASE), 0.5,
        "a figure of those an impact hit: “around half of the bank's customers could not get into their accounts”"),
    OutletFrame("how many, by what happened", re.compile(
        rf"(?<![\w-]){_ABOUT}\d[\d,.]*(?:[ ](?:million|thousand))?[ ](?:[\w-]+[ ]){{0,2}}?(?:cancell?ations|delays|diversions|disconnections)\b",
        re.IGNORECASE), 0.5,
        "a figure of what an impact was, in a noun: “it contributed to more than 2,800 flight cancellations”"),
    OutletFrame("how much", re.compile(rf"{_SUM_VERB}(?:[ ][\w’'-]+){{0,6}}?[ ]{_ABOUT}{_SUM}", re.IGNORECASE), 0.5,
        "a sum paid, lost or recovered: “the company paid a ransom of around $4.4 million”, “his fortune fell by $5.9 billion”"),
)

# A sentence that reports someone's words is theirs, drafted or not.
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|according[ ]to|reported|reports|claimed|claims|stated|states|added|confirmed|"
                       r"denied|denies|estimated|estimates|argued|insisted|wrote|acknowledged)\b", re.IGNORECASE)
# Where a clause of its own begins: "..., but the network stayed congested", "... and could not reach any website".
_CLAUSE = re.compile(r"(?:,[ ]but[ ]|;[ ]|,[ ]while[ ]|[ ]and[ ](?=(?:could|did|was|were|had|has|would|is|are|then)\b))")
# An opening phrase ("On February 22, ", "In fact, ") is no part of the claim.
_INTRO = re.compile(r"^(?:(?:In|On|At|By|After|Before|During|Since|Until|Still|Yet|Indeed|Overall|In[ ]fact|At[ ]its[ ]peak)\b[^,]{0,40},"
                    r"(?:[ ]\d{4},)?[ ])")  # a date's year is part of it: "On Oct. 4, 2021, "



def outlet_claims(table: EntityTable, text: str, sentences: list[Sentence], taken: list[Claim] = ()) -> list[Claim]:
    """The article's own claims (:data:`OUTLET_FRAMES`) in sentences where no claim in ``taken`` lies.

    A sentence with a quotation, a question or a reporting verb is someone else's words, never the article's.
    """
    found: list[Claim] = []
    for sentence in sentences:
        body = sentence.text.strip()
        if not body or any(c.start < sentence.end and sentence.start < c.end for c in taken):
            continue
        if re.search(r"[“”\"?]", body) or body[-1:] not in ".!" or _REPORTED.search(body):
            continue
        lead = len(sentence.text) - len(sentence.text.lstrip())
        intro = _INTRO.match(body)
        rest = body[intro.end() if intro else 0:]
        offset = sentence.start + lead + (intro.end() if intro else 0)
        cuts = [0, *(x for m in _CLAUSE.finditer(rest) for x in (m.start(), m.end())), len(rest)]
        for a, b in zip(cuts[::2], cuts[1::2]):
            start, words = offset + a, rest[a:b].rstrip(".!")
            if not words:
                continue
            row = next((row for row in OUTLET_FRAMES if row.pattern.search(words)), None)
            if row is None or fragment(words) or not words[:1].isalpha():
                continue
            end = start + len(words)
            party = table.article(start, end)
            stance = stance_of("said", words)
            found.append(Claim(party, stance, start, end, (sentence.start + lead, end), proposition_text(stance, "said", words, party),
                               row.confidence, verb=f"the article's own words ({row.name})"))
    return found
