"""Open questions: the whether-clauses (and "who/which ..." after "did not
say" or "unclear") an article leaves unanswered, worded as questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.entities import Entity, EntityTable
from kg.ingest.sentences import Sentence

__all__ = ["Question", "find_questions"]


@dataclass
class Question:
    start: int
    end: int
    clause: str
    asks: str
    about: list[Entity]


_AUX = r"was|were|is|are|has|have|had|will|would|can|could|should|must|may|might|did|does|do"


def _ask(clause: str) -> str:
    """A whether-clause as a question.

    >>> _ask("whether the fix was tested"), _ask("whether staff left early")
    ('Was the fix tested?', 'Is it the case that staff left early?')
    """
    body = re.sub(r"^(?:whether|if)[ ]", "", clause, flags=re.IGNORECASE).strip()
    wh = re.match(r"^(who|which|what|why|how|when)\b", body, re.IGNORECASE)
    if wh:
        return body[:1].upper() + body[1:].rstrip(".") + "?"
    aux = re.match(rf"^(?P<subj>(?:(?!(?:{_AUX})\b)[\w’'“”-]+[ ]){{1,8}}?)(?P<aux>{_AUX})[ ](?P<rest>.+)$", body)
    if aux:
        return f"{aux.group('aux').capitalize()} {aux.group('subj').strip()} {aux.group('rest').rstrip('.')}?"
    return f"Is it the case that {body.rstrip('.')}?"


def find_questions(table: EntityTable, text: str, sentences: list[Sentence]) -> list[Question]:
    """Whether-clauses (and "who/which ..." after "did not say", "unclear") as open questions."""
    questions: list[Question] = []
    for sentence in sentences:
        pattern = re.compile(
            r"(?<!regardless[ ]of[ ])\b(?P<clause>[Ww]hether[ ][^,;:.]+?)(?=,|;|:|\.|[ ]or[ ]whether\b|[ ]is[ ](?:also[ ])?(?:unclear|unknown|not[ ]known)|$)"
            r"|(?:did[ ]not[ ]say|has[ ]not[ ]said|would[ ]not[ ]say|not[ ]confirm|unclear|not[ ]known|not[ ]clear)[ ](?P<wh>(?:who|which|what|why|how|when|if)[ ][^,;:.]+)"
        )
        for m in pattern.finditer(sentence.text):
            group = "clause" if m.group("clause") else "wh"
            start, end = sentence.start + m.start(group), sentence.start + m.end(group)
            clause = text[start:end].strip()
            if len(clause.split()) < 3:
                continue
            about = [e for _, _, e in table.mentions_in(start, end) if e.section == "entities"]
            unique = list({e.key: e for e in about}.values())
            questions.append(Question(start, end, clause, _ask(clause), unique))
    return questions
