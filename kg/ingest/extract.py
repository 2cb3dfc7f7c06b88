"""One article's text → everything the rules find in it, in one pass.

The order matters and is fixed: known names first (so a known entity is
never a new candidate), then new names, then incidents, safeguards and
documents, then attributions (which need the speakers), then questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.accounts import account_claims
from kg.ingest.attribution import Claim, find_claims
from kg.ingest.characterisations import characterisation_claims
from kg.ingest.entities import EntityTable
from kg.ingest.events import find_events
from kg.ingest.gazetteer import Gazetteer, Known
from kg.ingest.kinds import find_kinds
from kg.ingest.named import add_publisher
from kg.ingest.names import find_names
from kg.ingest.nlp import NER_ONLY, engine, parsed
from kg.ingest.outlet import outlet_claims
from kg.ingest.questions import Question, find_questions
from kg.ingest.sentences import Sentence, headline, split_sentences

__all__ = ["Extraction", "extract"]


@dataclass
class Extraction:
    text: str
    published: str | None
    sentences: list[Sentence]
    table: EntityTable
    claims: list[Claim]
    questions: list[Question]


def extract(text: str, *, published: str | None = None, known: list[Known] | None = None, parser: str | None = None,
            publisher: str | None = None) -> Extraction:
    """Run every rule over ``text``; ``known`` are the case's named items, ``publisher`` who published it.

    ``parser`` is the engine (:func:`kg.ingest.nlp.engine`): ``spacy`` parses the text once and
    reads reported speech from the tree first, people and organizations from its named entities
    and dates from its DATE spans; ``rules`` uses the regular expressions alone.

    >>> x = extract("Globex said the outage was caused by a configuration push. "
    ...             "Jane Roe, a Globex engineer, denied that reviews were skipped.")
    >>> [(c.party.label, c.stance, c.proposition) for c in x.claims]
    [('Globex', 'asserts', 'The outage was caused by a configuration push.'), ('Jane Roe', 'denies', 'Reviews were skipped.')]
    """
    original, text = text, mask_labels(text)
    sentences = split_sentences(text)
    table = EntityTable(text, Gazetteer(list(known or [])))
    # Each parsed piece is read at once for its names and its reported speech, then let go:
    # a 5 MB article never holds all its parse trees.
    named, speeches, ed_words = [], None, None
    if engine(parser) == "spacy":
        from kg.ingest.speech import cue, find_speech
        from kg.ingest.speech_tree import is_finite

        speeches, ed_words = [], {}
        # Paragraphs with a reporting word get the whole pipeline; the rest only the entity
        # recognizer (which has its own token vectors): the parse is read for speech alone.
        for a, doc in parsed(text, lines=cue()):
            named += [(a + e.start_char, a + e.end_char, e.label_) for e in doc.ents]
            speeches += find_speech(text, [(a, doc)])
            # "the affected customers", "the customers affected by it": an "-ed" word the parser reads as no finite
            # verb (an adjective, a participle) is no verb of a claim; but a participle with a direct object is a
            # past tense the parser took for one ("none of the outages involved AI-written code"): a participle
            # after its noun is passive and takes none
            ed_words.update((a + t.idx, not is_finite(t) and not any(c.dep_ == "dobj" for c in t.children))
                            for t in doc if t.lower_.endswith("ed"))
        for a, doc in parsed(text, lines=cue(), without=True, disable=NER_ONLY):
            named += [(a + e.start_char, a + e.end_char, e.label_) for e in doc.ents]
        named.sort()
    add_publisher(table, text, publisher)
    find_names(table, text, sentences, named)
    tree = None
    if speeches is not None:
        from kg.ingest.date_tree import DateTree

        tree = DateTree(text)
    find_events(table, text, sentences, published, date_spans=[(s, e) for s, e, label in named if label == "DATE"], date_tree=tree)
    find_kinds(table, text)
    from_tree = None
    if speeches is not None:
        from kg.ingest.speech import parsed_claims, quoted_paragraphs

        speeches = sorted(speeches + quoted_paragraphs(text, speeches), key=lambda s: s.frame[0])
        from_tree = parsed_claims(table, text, speeches)
    claims = find_claims(table, text, sentences, from_tree, ed_words)
    claims = sorted(claims + account_claims(table, text, sentences, claims), key=lambda c: c.frame[0])
    claims = sorted(claims + outlet_claims(table, text, sentences, claims), key=lambda c: c.frame[0])
    characterised, replaced = characterisation_claims(table, text, sentences, claims)
    misread = {id(c) for c in replaced}
    claims = sorted([c for c in claims if id(c) not in misread] + characterised, key=lambda c: c.frame[0])
    # A headline is never a party's claim: the story's own words restate the body's, unattributed.
    top = headline(text)
    claims = [c for c in claims if c.frame[0] >= top]
    kept = {c.party.key for c in claims if c.party is not None}
    for entity in list(table.entities.values()):
        if entity.rule == "named speaker" and entity.known_id is None and entity.key not in kept and all(s < top for s, _ in entity.spans):
            table.remove(entity)  # "Telecoms told to assist ...": a headline's speaker, named nowhere else, is no one's name
    questions = find_questions(table, text, sentences)
    # Unnamed groups and individuals exist only as speakers: drop any no claim needs.
    speakers = {c.party.key for c in claims if c.party is not None}
    for entity in list(table.entities.values()):
        if entity.generic and entity.key not in speakers and not any(entity.key in (e.fields.get("memberOf"), e.fields.get("author")) for e in table.entities.values()):
            table.remove(entity)
    return Extraction(original, published, sentences, table, claims, questions)


# Headings, deck labels and update notes: "Key points:", "UPDATE:", "Sequence described:" name nothing.
_LABEL = re.compile(
    r"^[ \t#*_]*(?P<label>(?:UPDATE|UPDATED|CORRECTION|CLARIFICATION|EDITOR['’]S[ ]NOTE|BREAKING|Update|Correction|Clarification)\b[^:\n]{0,40}:"
    r"|[A-Z][\w’' -]{0,40}:(?=[ \t*_]*$))",
    re.MULTILINE,
)


# A dateline: where the story was filed, before its first words ("ATLANTA (AP) — ", "LONDON, Aug 30 (Reuters) - ").
_DATELINE = re.compile(r"^(?P<label>[A-Z][A-Z.'-]{2,30}(?:[ ][A-Z][A-Z.'-]{1,30}){0,2}(?:,[ ][\w. ]{2,20})?[ ]?(?:\([A-Za-z]{2,12}\)[ ]?)?[—–-][ ]?)(?=[A-Z])", re.MULTILINE)


def mask_labels(text: str) -> str:
    """``text`` with heading and deck labels and datelines blanked out, offsets unchanged.

    >>> mask_labels("Key points:\\nUPDATE: Globex said so.")
    '           \\n        Globex said so.'
    >>> mask_labels("ATLANTA (AP) — Globex sued.")
    '               Globex sued.'
    """
    text = _LABEL.sub(lambda m: m.group(0)[: m.start("label") - m.start()] + " " * len(m.group("label")), text)
    return _DATELINE.sub(lambda m: " " * len(m.group(0)), text)
