"""Contested propositions and single-source claims.

A proposition is *contested* when one voice affirms it (asserts, confirms)
and an independent voice opposes it (denies, disputes, narrows). It is a
*single-source claim* when exactly one voice affirms it and nobody opposes it:
the record rests on that voice's word, however many statements it made. A
spokesperson, a lawyer or a relaying outlet that ``speaksFor`` a principal is
the principal's voice (:mod:`kg.analysis.voices`).

Only live stances decide: a superseded or retracted assertion is listed, and
marked, but never makes a proposition contested, nor single-source, on its
own. Only reviewed assertions count (the projection leaves the others out).

>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :memo a kg:InternalDocument ; rdfs:label "Memo" .
... :acme a kg:Organization ; rdfs:label "Acme" .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" .
... :skipped a kg:Proposition ; kg:text "Reviews were skipped." .
... :a1 a kg:Assertion ; kg:proposition :skipped ; kg:party :memo ; kg:readIn :wire ; kg:stance kg:Asserts .
... :a2 a kg:Assertion ; kg:proposition :skipped ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies .
... :fast a kg:Proposition ; kg:text "The fix took an hour." .
... :a3 a kg:Assertion ; kg:proposition :fast ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Asserts .
... ''')
>>> [(c.label, [a.party.label for a in c.affirming], [a.party.label for a in c.opposing], c.score) for c in find_contested(g)]
[('Reviews were skipped.', ['Memo'], ['Acme'], 1.0)]
>>> [(c.label, c.party.label) for c in find_single_source(g)]
[('The fix took an hour.', 'Acme')]

A proposition that someone denies, disputes or narrows, and nobody affirms, is a
*denial nobody affirms*: the claim answered is not itself on the record.

>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" .
... :leak a kg:Proposition ; kg:text "Customer data leaked." .
... :a1 a kg:Assertion ; kg:proposition :leak ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies .
... ''')
>>> [(c.label, [a.party.label for a in c.opposing]) for c in find_denied(g)]
[('Customer data leaked.', ['Acme'])]

Acme's spokesperson and Acme are one voice, so they do not contest each other:

>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :pat a kg:Person ; rdfs:label "Pat" ; kg:speaksFor :acme .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" .
... :fast a kg:Proposition ; kg:text "The fix took an hour." .
... :a1 a kg:Assertion ; kg:proposition :fast ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Asserts .
... :a2 a kg:Assertion ; kg:proposition :fast ; kg:party :pat ; kg:readIn :wire ; kg:stance kg:Disputes .
... ''')
>>> find_contested(g)
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis.evidence import AssertionRef, NodeRef, P, ShownInNotebooks, assertions_on, node_ref
from kg.analysis.nxgraph import CLS
from kg.analysis.voices import linked_to

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ContestedProposition", "SingleSourceClaim", "DeniedClaim", "find_contested", "find_single_source", "find_denied"]


@dataclass(frozen=True)
class _OnProposition(ShownInNotebooks):
    """What the findings share: the proposition, what it is about, and its id and label."""

    proposition: NodeRef
    about: tuple[NodeRef, ...]

    @property
    def id(self) -> str:
        return self.proposition.iri

    @property
    def label(self) -> str:
        return self.proposition.label

    def _head(self) -> dict:
        return {"id": self.id, "proposition": self.proposition.to_dict(), "about": [n.to_dict() for n in self.about]}


@dataclass(frozen=True)
class ContestedProposition(_OnProposition):
    """A proposition with parties on both sides.

    ``score`` is the weight of the weaker side: for each side, the sum over
    its parties of their highest confidence. 1.0 means at least one party
    fully behind each side.
    """

    affirming: tuple[AssertionRef, ...]
    opposing: tuple[AssertionRef, ...]
    neither: tuple[AssertionRef, ...]
    score: float

    def to_dict(self) -> dict:
        return {
            **self._head(),
            "score": self.score,
            "affirming_voices": _voices(self.affirming),
            "opposing_voices": _voices(self.opposing),
            "affirming": [a.to_dict() for a in self.affirming],
            "opposing": [a.to_dict() for a in self.opposing],
            "neither": [a.to_dict() for a in self.neither],
        }

    def sort_key(self) -> tuple:
        """Most firmly held first (the order :func:`find_contested` lists them in)."""
        return (-self.score, self.label, self.id)


@dataclass(frozen=True)
class SingleSourceClaim(_OnProposition):
    """A proposition only one voice affirms, and nobody opposes.

    ``party`` is that voice (a spokesperson's principal, say); each assertion
    names its own party. ``score`` is the voice's highest confidence in it.
    """

    party: NodeRef
    assertions: tuple[AssertionRef, ...]
    score: float

    def to_dict(self) -> dict:
        return {
            **self._head(),
            "party": self.party.to_dict(),
            "voices": 1,
            "statements": len(_live(self.assertions)),
            "score": self.score,
            "assertions": [a.to_dict() for a in self.assertions],
        }

    def sort_key(self) -> tuple:
        """By voice (the order :func:`find_single_source` lists them in)."""
        return (self.party.label, self.label, self.id)


@dataclass(frozen=True)
class DeniedClaim(_OnProposition):
    """A proposition that one voice or more denies, disputes or narrows, and no voice affirms.

    The stance board shows it as a row with "nobody for"; the report lists it, since
    a denial of what nobody on the record said is a lead of its own (who said it?).
    """

    opposing: tuple[AssertionRef, ...]
    neither: tuple[AssertionRef, ...]

    def to_dict(self) -> dict:
        return {
            **self._head(),
            "opposing_voices": _voices(self.opposing),
            "opposing": [a.to_dict() for a in self.opposing],
            "neither": [a.to_dict() for a in self.neither],
        }

    def sort_key(self) -> tuple:
        """Most voices against first (the order :func:`find_denied` lists them in)."""
        return (-_voices(self.opposing), self.label, self.id)


def _live(assertions) -> list[AssertionRef]:
    return [a for a in assertions if not a.superseded]


def _voice(a: AssertionRef) -> NodeRef:
    return a.voice or a.party


def _voices(assertions) -> int:
    return len({_voice(a).iri for a in _live(assertions)})


def _side_weight(assertions: list[AssertionRef]) -> float:
    best: dict[str, float] = {}
    for a in _live(assertions):
        best[_voice(a).iri] = max(best.get(_voice(a).iri, 0.0), a.confidence)
    return round(sum(best.values()), 3)


def _propositions(g: "nx.MultiDiGraph"):
    for node in sorted(g, key=lambda n: (g.nodes[n].get("label", ""), n)):
        if g.nodes[node].get("cls") != CLS.Proposition:
            continue
        about = tuple(sorted((node_ref(g, v) for v in linked_to(g, node, P.about)), key=lambda r: (r.label, r.iri)))
        yield node, about, assertions_on(g, node)


def find_contested(g: "nx.MultiDiGraph") -> list[ContestedProposition]:
    """Propositions affirmed by one voice and opposed by an independent one, most firmly held first."""
    found = []
    for node, about, assertions in _propositions(g):
        affirming = [a for a in assertions if a.polarity > 0]
        opposing = [a for a in assertions if a.polarity < 0]
        if not any(_voice(a) != _voice(o) for a in _live(affirming) for o in _live(opposing)):
            continue
        score = min(_side_weight(affirming), _side_weight(opposing))
        neither = tuple(a for a in assertions if a.polarity == 0)
        found.append(ContestedProposition(node_ref(g, node), about, tuple(affirming), tuple(opposing), neither, score))
    return sorted(found, key=ContestedProposition.sort_key)


def find_single_source(g: "nx.MultiDiGraph") -> list[SingleSourceClaim]:
    """Propositions that exactly one voice affirms and nobody opposes, by voice."""
    found = []
    for node, about, assertions in _propositions(g):
        live = _live(assertions)
        affirming = [a for a in live if a.polarity > 0]
        voices = {_voice(a) for a in affirming}
        if len(voices) != 1 or any(a.polarity < 0 for a in live):
            continue
        voice = voices.pop()
        score = max(a.confidence for a in affirming)
        found.append(SingleSourceClaim(node_ref(g, node), about, voice, tuple(affirming), score))
    return sorted(found, key=SingleSourceClaim.sort_key)


def find_denied(g: "nx.MultiDiGraph") -> list[DeniedClaim]:
    """Propositions that a live stance opposes and none affirms, most voices against first."""
    found = []
    for node, about, assertions in _propositions(g):
        live = _live(assertions)
        if any(a.polarity > 0 for a in live) or not any(a.polarity < 0 for a in live):
            continue
        opposing = tuple(a for a in assertions if a.polarity < 0)
        neither = tuple(a for a in assertions if a.polarity == 0)
        found.append(DeniedClaim(node_ref(g, node), about, opposing, neither))
    return sorted(found, key=DeniedClaim.sort_key)
