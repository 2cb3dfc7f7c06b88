"""Open questions: the whether-clauses (and "who/which ..." after "did not
say" or "unclear") an article leaves unanswered, worded as questions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.ingest.entities import Entity, EntityTable
from kg.ingest.sentences import Sentence

__all__ = ["Question", "find_questions", "Settler", "SETTLERS", "settled_by"]


@dataclass
class Question:
    start: int
    end: int
    clause: str
    asks: str
    about: list[Entity]
    resolvable_by: str | None = None  # what the text says would answer it


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
    """Whether-clauses (and "who/which/if ..." after "did not say", "declined to say", "has not
    said", "does not confirm", "unclear") as open questions, ``about`` the items they name.

    >>> from kg.ingest.entities import EntityTable
    >>> from kg.ingest.gazetteer import Gazetteer
    >>> from kg.ingest.sentences import split_sentences
    >>> t = "Globex declined to say how many customers lost data. It has not said if refunds are due."
    >>> [q.asks for q in find_questions(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
    ['How many customers lost data?', 'Are refunds due?']
    >>> t = "The regulator will review whether fees were fair, and whether refunds are due."
    >>> [q.resolvable_by for q in find_questions(EntityTable(t, Gazetteer([])), t, split_sentences(t))]
    ['A review by the regulator', 'A review by the regulator']
    """
    questions: list[Question] = []
    for sentence in sentences:
        pattern = re.compile(
            r"(?<!regardless[ ]of[ ])\b(?P<clause>[Ww]hether[ ][^,;:.]+?)(?=,|;|:|\.|[ ]or[ ]whether\b|[ ]is[ ](?:also[ ])?(?:unclear|unknown|not[ ]known)|$)"
            r"|(?:(?:did|does|do|has|have|had|would|could|will)[ ]not[ ](?:yet[ ])?(?:say|said|confirm|confirmed|disclose|disclosed|specify|specified|explain|explained|reveal|revealed)"
            r"|(?:didn|doesn|hasn|haven|wouldn|won)[’']t[ ](?:yet[ ])?(?:say|said|confirm|confirmed|disclose|disclosed|specify|specified|explain|explained)"
            r"|(?:declined|refused|failed)[ ]to[ ](?:say|confirm|disclose|specify|explain|reveal)"
            r"|unclear|not[ ]known|not[ ]clear|unknown|remains?[ ]to[ ]be[ ]seen|to[ ](?:find[ ]out|establish|determine|work[ ]out|understand))"
            r"[ ](?P<wh>(?:who|which|what|why|how|when|where|if)[ ][^,;:.]+)"
        )
        for m in pattern.finditer(sentence.text):
            group = "clause" if m.group("clause") else "wh"
            start, end = sentence.start + m.start(group), sentence.start + m.end(group)
            if len(text[start:end].split()) < 3:
                continue
            settles = _resolvable_by(text, sentences, sentence) or settled_by(text[sentence.start:start])
            earlier = questions[-1] if questions and questions[-1].start >= sentence.start else None
            if settles is None and earlier is not None and _COORDINATED.match(text, earlier.end, start):
                settles = earlier.resolvable_by  # "will look into whether X, and whether Y": one study answers both
            questions.append(_question(table, text, start, end, settles))
        for start, end, settles in _listed_points(sentence):
            if not any(q.start < end and start < q.end for q in questions):
                questions.append(_question(table, text, start, end, settles))
            else:  # the whether-clause read above is one of the points: what settles it is named here
                for q in questions:
                    if q.start < end and start < q.end:
                        q.resolvable_by = settles
    return questions


#: The words between two questions joined as one list: "whether X, and whether Y", "whether X" or "if Y".
_COORDINATED = re.compile(r"[”\"’']?,?[ ](?:and|or)[ ](?:also[ ])?$")


def _question(table: EntityTable, text: str, start: int, end: int, settles: str | None) -> Question:
    clause = text[start:end].strip()
    about = [e for _, _, e in table.mentions_in(start, end) if e.section == "entities"]
    return Question(start, end, clause, _ask(clause), list({e.key: e for e in about}.values()), settles)


# "... would be documentation that reconciles three points: which ..., whether ..., and what ...":
# each point is a question, settled by what the sentence names.
_POINTS = re.compile(
    r"\b(?:would|will|could)[ ]be[ ](?P<what>(?:an?[ ]|the[ ])?[\w’' -]{3,80}?[ ](?:that|which)[ ](?:reconciles?|settles?|answers?|addresses|establish(?:es)?|resolves?|clarif(?:y|ies))"
    r"[ ](?:the[ ])?(?:two|three|four|five|several|these|those|\d)[ ](?:points|questions|issues|matters))[ ]?:[ ](?P<points>.+)$"
)
_POINT = re.compile(r"(?:^|,[ ](?:and[ ]|or[ ])?)(?P<point>(?:which|what|whether|how|who|when|why)[ ][^,]+)")


def _listed_points(sentence: Sentence) -> list[tuple[int, int, str]]:
    """The points a sentence lists as what its named evidence would settle: (start, end, evidence).

    >>> from kg.ingest.sentences import split_sentences
    >>> t = "The test would be a log that settles two points: which server failed, and whether staff were told."
    >>> [(t[a:b], what) for a, b, what in _listed_points(split_sentences(t)[0])]
    [('which server failed', 'A log that settles two points'), ('whether staff were told', 'A log that settles two points')]
    """
    m = _POINTS.search(sentence.text.rstrip(". "))
    if m is None:
        return []
    what = m.group("what")
    settles = what[:1].upper() + what[1:]
    found = []
    for point in _POINT.finditer(m.group("points")):
        words = point.group("point")
        if len(words.split()) >= 3:
            start = sentence.start + m.start("points") + point.start("point")
            found.append((start, start + len(words), settles))
    return found


# "... until the audit is published", "an inquiry due next month would settle it", "the hearing on May 12 may answer that".
_RESOLVER = re.compile(
    r"(?:until|unless|before|when)[ ](?P<until>(?:the|a|an|its|their)[ ](?:[\w’'-]{1,30}[ ]){0,4}?(?:report|audit|inquiry|investigation|review|hearing|ruling|trial|results?|findings|post-?mortem))[ ](?:is|are|was|has[ ]been)?[ ]?(?:published|released|finished|completed|concluded|issued|held|made[ ]public|out)\b"
    r"|(?P<subject>(?:the|a|an|its|their)[ ](?:[\w’'-]{1,30}[ ]){0,5}?(?:report|audit|inquiry|investigation|review|hearing|ruling|trial|results?|findings|post-?mortem|records|logs|documentation|documents|data|evidence|filings?|testimony))(?:[ ][\w’' ,-]{0,40}?)?[ ](?:would|will|could|should|may|might|is[ ]expected[ ]to)[ ](?:settle|resolve|answer|show|tell|determine|establish|clarify|reveal)\b"
    r"|\b[Ii]f[ ](?P<condition>(?:the|these|those|its|their|such)[ ][\w’' -]{3,80}?[ ](?:is|are|were)[ ](?:confirmed|published|released|disclosed|made[ ]public)(?:[ ](?:in|by)[ ][\w’' -]{3,60}?)?),[ ](?:it|that|they|this)[ ](?:would|will|could)[ ](?:establish|show|settle|determine|answer|clarify|reveal)[ ](?:whether|if|which|what)\b",
    re.IGNORECASE,
)


def _resolvable_by(text: str, sentences: list[Sentence], sentence: Sentence) -> str | None:
    """What would resolve a question, when its sentence or the next one says so.

    >>> from kg.ingest.sentences import split_sentences
    >>> t = "It is unclear whether the fix was tested. An independent audit due in May would settle that."
    >>> s = split_sentences(t)
    >>> _resolvable_by(t, s, s[0])
    'An independent audit due in May'
    """
    at = bisect.bisect_left(sentences, sentence.start, key=lambda s: s.start)
    for candidate in sentences[at:at + 2]:
        m = _RESOLVER.search(candidate.text)
        if m and m.group("condition"):  # "If those records are confirmed in X, it would establish whether ...": this sentence's
            if candidate is not sentence:
                continue
            words = re.sub(r"[ ](?:is|are|were)[ ]", " ", m.group("condition"), count=1)
            return words[:1].upper() + words[1:]
        if m:
            words = m.group("until") or m.group("subject")
            if m.group("subject") and m.end("subject") < m.end():
                words = candidate.text[m.start("subject"):m.end()].rsplit(" ", 2)[0]
            return words[:1].upper() + words[1:]
    return None


@dataclass(frozen=True)
class Settler:
    """A named row: the words just before a question (in its sentence) that say what would settle it.
    ``pattern`` ends where the question starts; ``wording`` makes ``resolvableBy`` of its groups."""

    name: str
    pattern: re.Pattern
    wording: str


def _settler(name: str, pattern: str, wording: str) -> Settler:
    return Settler(name, re.compile(pattern + r"[ ]?$", re.IGNORECASE), wording)


_STUDY = {"assess": "an assessment", "review": "a review", "investigat": "an investigation", "examin": "an examination",
          "analys": "an analysis", "analyz": "an analysis", "stud": "a study", "look": "an inquiry", "check": "a check",
          "audit": "an audit"}
_PRONOUN = re.compile(r"^(?:it|they|he|she|we|i|you|this|that)$", re.IGNORECASE)
#: What the text itself is, or a document: it says nothing more, so no answer from it settles a question.
_DOCUMENT = re.compile(r"\b(?:context|text|article|story|report|reports|document|documents|record|records|data|evidence|filing|statement|memo|account)$",
                       re.IGNORECASE)

#: What settles a question, as the text says it just before the question, generic to any case: someone who has
#: not answered it (their answer would), someone who will or would have to study it (their study would), and
#: what is being done "to find out" (doing it would).
SETTLERS: tuple[Settler, ...] = (
    _settler("no answer from", r"(?P<who>(?:[\w’'.&-]+[ ]){1,6}?)(?:did|does|do|has|have|had|would|could)[ ]not[ ](?:immediately[ ]|yet[ ])?"
             r"(?:respond[ ]to[ ](?:a[ ]|the[ ])?questions?[ ](?:asking|about|on|over)|say|said|confirm|confirmed|disclose|disclosed|answer|answered|comment[ ]on|explain|explained)"
             r"|(?P<who2>(?:[\w’'.&-]+[ ]){1,6}?)(?:declined|refused)[ ]to[ ](?:say|confirm|disclose|comment[ ]on|explain)", "an answer from {who}"),
    _settler("will study", r"(?P<who>(?:[\w’'.&-]+[ ]){1,6}?)(?:(?:would|will|must|should|may|might|could|is|are|was|were|has|have|had)[ ])?"
             r"(?:(?:need|needs|going|plans?|planning|yet|set|due|expected)[ ]to[ ]|not[ ]|begun[ ]to[ ]|started[ ]to[ ])?"
             r"[“\"]?(?:\w+ly[ ])?(?P<verb>assess(?:ed|ing)?|review(?:ed|ing)?|investigat(?:e|ed|ing)|examin(?:e|ed|ing)|analys(?:e|ed|ing)|analyz(?:e|ed|ing)"
             r"|stud(?:y|ied|ying)|look(?:ed|ing)?[ ]into|check(?:ed|ing)?|audit(?:ed|ing)?)[”\"]?", "{study} by {who}"),
    _settler("to find out", r"(?P<what>[^,;:]{12,200}?),?[ ]to[ ](?:find[ ]out|establish|determine|work[ ]out|understand)", "{what}"),
)


def _who(words: str) -> str | None:
    """The one named in the words before a verb: after the last comma, "that" or "and"; none for a pronoun."""
    words = re.split(r",[ ]|\b(?:that|and|who|which|but|said|told|telling)[ ]", words.strip())[-1].strip()
    words = re.sub(r"^(The|A|An)\b", lambda m: m.group(1).lower(), words)
    words = re.sub(r"(?:[ ](?:also|still|yet|so[ ]far|immediately|previously))+$", "", words)
    return None if not words or _PRONOUN.match(words) or len(words.split()) > 6 else words


def settled_by(before: str) -> str | None:
    """What would settle a question, from ``before``, the words of its sentence before it (:data:`SETTLERS`).

    >>> settled_by("Globex did not immediately respond to a question asking ")
    'An answer from Globex'
    >>> settled_by("telling the BBC that the airline would need to assess "), settled_by("They said they had not analysed ")
    ('An assessment by the airline', 'An analysis')
    >>> settled_by("Regulators asked each operator to hand over its logs, to find out ")
    'Regulators asked each operator to hand over its logs'
    >>> settled_by('Federal agencies are "urgently investigating" '), settled_by("B&Q has not said ")
    ('An investigation by Federal agencies', 'An answer from B&Q')
    >>> settled_by("Staff wondered ") is None, settled_by("The report also does not confirm ") is None
    (True, True)
    """
    for row in SETTLERS:
        m = row.pattern.search(before)
        if m is None:
            continue
        groups = m.groupdict()
        who = _who(groups.get("who") or groups.get("who2") or "")
        if row.name == "will study":
            study = next(n for stem, n in _STUDY.items() if groups["verb"].lower().startswith(stem))
            words = row.wording.format(study=study, who=who) if who else study
        elif row.name == "no answer from":
            if not who or _DOCUMENT.search(who):
                continue
            words = row.wording.format(who=who)
        else:
            words = row.wording.format(what=re.sub(r"^(?:and|but|so)[ ]", "", groups["what"].strip(), flags=re.IGNORECASE))
        return words[:1].upper() + words[1:]
    return None
