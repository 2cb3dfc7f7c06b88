"""What a claim asserts, read from its parse: the predicate and the things it is asserted of.

Two sides of one dispute often share few words but say one thing of one thing: "all the testing done
beforehand gave us belief" and "performance testing did not provide the required evidence" both speak of
*testing*; "the network outage was not caused by a cyberattack" and "the outage has the hallmarks of a
hack" of an *outage* and an *attack*. A claim's :class:`Gist` is

- its predicates: the lemma of the sentence's main verb, or, under a copula or a light verb ("was
  responsible", "has the hallmarks"), of what completes it, and a secondary predicate ("left them unpaid");
- its arguments: the head nouns of the subject, the object and the prepositional objects of the main
  verb (and of the word completing it);
- whether the main verb is negated ("did not cause", "no evidence"): "caused" and "did not cause" are one
  gist with two stances.

:func:`gist_score` says how much two gists share (each predicate or argument counts when the word is the
same, says one concept of :data:`kg.ingest.linking.CONCEPTS`, or is near in meaning with word vectors), and
:func:`rivals` whether two claims say one thing of one thing done by two others ("a cyberattack caused the
outage", "a faulty router caused the outage"). The gists come from the English pipeline
(:func:`parser_gists`).

Claim matching (:mod:`kg.ingest.linking`) does not use them: ``benchmarks/linking_calibration.py``
measures them on the gold quotes of the tuned disputes, as a bonus on an answer's score and as a check
on it. In ``kg ingest`` no bonus recovered more of the tuned incidents' disputes, and the check (an
answer across articles must share a gist) listed fewer contested propositions on the tuned incidents
but lost one held-out dispute (``docs/ingest.md``, "Claims linked across parties").

>>> a = Gist(frozenset({"test"}), frozenset({"testing", "platform"}))
>>> gist_score(a, Gist(frozenset({"provide"}), frozenset({"testing", "evidence"})))
0.5
>>> gist_score(a, Gist(frozenset({"test"}), frozenset({"bank"}))), gist_score(a, None)
(0.5, 0.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

__all__ = ["Gist", "Gister", "gist_of", "gist_score", "rivals", "parser_gists", "NEAR"]

#: Word vectors' cosine from which two different predicates or arguments count as one ("tool" and "system" 0.55,
#: "weather" and "storm" 0.55, "testing" and "test" 0.43: the last is one word by its stem).
NEAR = 0.5
#: Verbs that say little themselves: the word completing them is the predicate ("was responsible", "made an offer").
_LIGHT = frozenset("be have do make get give take become remain seem say".split())
_COMPLETING = ("acomp", "attr", "oprd", "xcomp", "dobj")
_ARGUMENT = ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative", "agent")
_NEGATING = frozenset("no never nothing none neither nor".split())


@dataclass(frozen=True)
class Gist:
    """A claim's predicates and arguments (lemmas), and whether its main verb is negated."""

    predicates: frozenset[str]
    arguments: frozenset[str]
    negated: bool = False
    #: Of the arguments, who or what does it (an active verb's subject, a passive one's "by"), and what it is done to.
    agents: frozenset[str] = frozenset()
    patients: frozenset[str] = frozenset()


#: Texts → their gists, one a text, in order.
Gister = Callable[[list[str]], list[Gist]]


def _word(token) -> str:
    """A token's word as claims are compared: its lemma's stem ("testing" and "tested" are "test")."""
    from kg.ingest.lemmas import simple_lemmas

    lemma = token.lemma_.lower()
    stems = simple_lemmas(lemma)
    return stems[0] if len(stems) == 1 else lemma


#: An agent that may be anyone's: a thing of a party the claim names by a pronoun ("its update").
_ANYONE = "*"


def _noun(token) -> set[str]:
    """A head noun's word, and its owner's ("Initech's update": also "initech"; "its update": also anyone)."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    return {_word(token)} | {_ANYONE if o.pos_ == "PRON" else _word(o) for o in owners}


def _heads(token, deps=_ARGUMENT) -> set[str]:
    """The head nouns under ``token`` that it takes as arguments (of ``deps``), prepositions followed one step."""
    found = set()
    nouns = lambda tokens: {w for t in tokens if t.pos_ in ("NOUN", "PROPN") for w in _noun(t)}  # noqa: E731
    for child in token.children:
        if child.dep_ in ("prep", "agent"):
            if child.dep_ in deps or deps is _ARGUMENT:
                found |= nouns(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in deps:
            found |= nouns([child])
    return found


def gist_of(doc) -> Gist:
    """The :class:`Gist` of a parsed claim (a spaCy ``Doc``): its first sentence's main verb and what it governs."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return Gist(frozenset(), frozenset())
    predicates, arguments = set(), _heads(root)
    agents, patients = _heads(root, ("nsubj", "agent")), _heads(root, ("dobj", "nsubjpass"))
    if root.lemma_.lower() in _LIGHT:
        for child in root.children:
            if child.dep_ in _COMPLETING and child.pos_ in ("VERB", "ADJ", "NOUN"):
                predicates.add(_word(child))
                arguments |= _heads(child)
                agents |= _heads(child, ("agent",))
                patients |= _heads(child, ("dobj", "nsubjpass", "prep"))
    else:  # a secondary predicate too: "left thousands of workers unpaid", "was forced to cancel"
        predicates.add(_word(root))
        for child in root.children:
            if child.dep_ in ("acomp", "oprd", "xcomp") and child.pos_ in ("VERB", "ADJ") or child.dep_ == "advcl" and child.pos_ == "ADJ":
                predicates.add(_word(child))
                arguments |= _heads(child)
    negated = any(c.dep_ == "neg" for c in root.children) or any(
        g.lower_ in _NEGATING for c in root.children if c.dep_ in _ARGUMENT for g in c.children
    )
    arguments.discard(_ANYONE)
    return Gist(frozenset(predicates - _LIGHT), frozenset(arguments), negated, frozenset(agents), frozenset(patients))


def _meets(mine: frozenset[str], theirs: frozenset[str], vectors, concept) -> bool:
    if {concept(w) for w in mine} & {concept(w) for w in theirs}:
        return True
    return vectors is not None and any(vectors.similarity(a, b) >= NEAR for a in mine for b in theirs)


def rivals(a: Gist | None, b: Gist | None, vectors=None, concept: Callable[[str], str] = str) -> bool:
    """Do two claims say one thing of one thing, done by two others: one predicate and what it is done to, and
    each its own agent ("a cyberattack caused the outage", "a technical error caused the outage")? Then they
    are two contents, not one content's two sides.

    >>> cyber = Gist(frozenset({"cause"}), frozenset({"outage", "cyberattack"}), agents=frozenset({"cyberattack"}), patients=frozenset({"outage"}))
    >>> error = Gist(frozenset({"cause"}), frozenset({"outage", "error"}), agents=frozenset({"error"}), patients=frozenset({"outage"}))
    >>> rivals(cyber, error), rivals(cyber, cyber)
    (True, False)
    """
    if a is None or b is None or not (a.agents and b.agents and a.patients and b.patients) or _ANYONE in a.agents | b.agents:
        return False
    return (_meets(a.predicates, b.predicates, vectors, concept) and _meets(a.patients, b.patients, vectors, concept)
            and not _meets(a.agents, b.agents, vectors, concept))


def gist_score(a: Gist | None, b: Gist | None, vectors=None, concept: Callable[[str], str] = str) -> float:
    """How much two claims' gists share, 0-1: half for a predicate in common, half for an argument (a
    predicate of one that is an argument of the other counts as an argument: "testing gave us belief" and
    "it did not test enough"). ``concept`` maps a word to what it says in a dispute ("blame" and
    "responsible" both say who caused the harm, :data:`kg.ingest.linking.CONCEPTS`)."""
    if a is None or b is None:
        return 0.0
    predicates = _meets(a.predicates, b.predicates, vectors, concept)
    arguments = _meets(a.arguments | a.predicates, b.arguments | b.predicates, vectors, concept) and (
        not predicates or _meets(a.arguments, b.arguments, vectors, concept)
    )
    return 0.5 * predicates + 0.5 * arguments


def parser_gists(texts: list[str]) -> list[Gist]:
    """The gist of each text, from the English pipeline ``kg ingest`` parses with (batched; no entities)."""
    from kg.ingest.nlp import load, model_name

    nlp = load(model_name())
    unused = [name for name in ("ner",) if name in nlp.pipe_names]
    return [gist_of(doc) for doc in nlp.pipe(texts, disable=unused)]
