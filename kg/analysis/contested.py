"""Contested propositions and single-source claims.

A proposition is *contested* when one party affirms it (asserts, confirms)
and a different party opposes it (denies, disputes, narrows). It is a
*single-source claim* when exactly one party affirms it and nobody opposes it:
the record rests on that party's word. Only reviewed assertions count (the
projection leaves the others out).

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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis.evidence import AssertionRef, NodeRef, P, assertions_on, node_ref

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ContestedProposition", "SingleSourceClaim", "find_contested", "find_single_source"]


@dataclass(frozen=True)
class ContestedProposition:
    """A proposition with parties on both sides.

    ``score`` is the weight of the weaker side: for each side, the sum over
    its parties of their highest confidence. 1.0 means at least one party
    fully behind each side.
    """

    proposition: NodeRef
    about: tuple[NodeRef, ...]
    affirming: tuple[AssertionRef, ...]
    opposing: tuple[AssertionRef, ...]
    neither: tuple[AssertionRef, ...]
    score: float

    @property
    def id(self) -> str:
        return self.proposition.iri

    @property
    def label(self) -> str:
        return self.proposition.label

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "proposition": self.proposition.to_dict(),
            "about": [n.to_dict() for n in self.about],
            "score": self.score,
            "affirming": [a.to_dict() for a in self.affirming],
            "opposing": [a.to_dict() for a in self.opposing],
            "neither": [a.to_dict() for a in self.neither],
        }


@dataclass(frozen=True)
class SingleSourceClaim:
    """A proposition only one party affirms, and nobody opposes.

    ``score`` is that party's highest confidence in it.
    """

    proposition: NodeRef
    about: tuple[NodeRef, ...]
    party: NodeRef
    assertions: tuple[AssertionRef, ...]
    score: float

    @property
    def id(self) -> str:
        return self.proposition.iri

    @property
    def label(self) -> str:
        return self.proposition.label

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "proposition": self.proposition.to_dict(),
            "about": [n.to_dict() for n in self.about],
            "party": self.party.to_dict(),
            "score": self.score,
            "assertions": [a.to_dict() for a in self.assertions],
        }


def _side_weight(assertions: list[AssertionRef]) -> float:
    best: dict[str, float] = {}
    for a in assertions:
        best[a.party.iri] = max(best.get(a.party.iri, 0.0), a.confidence)
    return round(sum(best.values()), 3)


def _propositions(g: "nx.MultiDiGraph"):
    for node in sorted(g, key=lambda n: (g.nodes[n].get("label", ""), n)):
        if g.nodes[node].get("cls") != "Proposition":
            continue
        about = tuple(sorted((node_ref(g, v) for _, v, k in g.out_edges(node, keys=True) if k == P.about), key=lambda r: (r.label, r.iri)))
        yield node, about, assertions_on(g, node)


def find_contested(g: "nx.MultiDiGraph") -> list[ContestedProposition]:
    """Propositions affirmed by one party and opposed by another, most firmly held first."""
    found = []
    for node, about, assertions in _propositions(g):
        affirming = [a for a in assertions if a.polarity > 0]
        opposing = [a for a in assertions if a.polarity < 0]
        if not any(a.party != o.party for a in affirming for o in opposing):
            continue
        score = min(_side_weight(affirming), _side_weight(opposing))
        neither = tuple(a for a in assertions if a.polarity == 0)
        found.append(ContestedProposition(node_ref(g, node), about, tuple(affirming), tuple(opposing), neither, score))
    return sorted(found, key=lambda c: (-c.score, c.label, c.id))


def find_single_source(g: "nx.MultiDiGraph") -> list[SingleSourceClaim]:
    """Propositions that exactly one party affirms and nobody opposes, by party."""
    found = []
    for node, about, assertions in _propositions(g):
        affirming = [a for a in assertions if a.polarity > 0]
        parties = {a.party for a in affirming}
        if len(parties) != 1 or any(a.polarity < 0 for a in assertions):
            continue
        party = parties.pop()
        score = max(a.confidence for a in affirming)
        found.append(SingleSourceClaim(node_ref(g, node), about, party, tuple(affirming), score))
    return sorted(found, key=lambda c: (c.party.label, c.label, c.id))
