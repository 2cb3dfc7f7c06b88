"""Open questions, joined to the identity candidates and contested propositions they concern.

A question is joined through what it is ``about``. It concerns a candidate
pair *directly* when it is about both members, and *through* a shared target
when it is about one of them; it concerns a contested proposition directly
when it is about the proposition itself, and through a shared target when it
is about something the proposition is about. ``score`` counts what answering
the question would help settle: 1 for each direct link, 0.25 for each other.

>>> from kg.analysis.nxgraph import from_turtle
>>> from kg.analysis.identity import identity_candidates
>>> from kg.analysis.contested import find_contested
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :review a kg:Meeting ; rdfs:label "Ops review" .
... :mon a kg:Incident ; rdfs:label "Acme checkout outage" ; kg:affected :acme ; kg:discussedAt :review .
... :tue a kg:Incident ; rdfs:label "Checkout outage at Acme" ; kg:affected :acme ; kg:discussedAt :review .
... :q a kg:OpenQuestion ; kg:asks "Are they one outage?" ; kg:about :mon, :tue ; kg:status kg:Open ;
...     kg:resolvableBy "The post-incident review." .
... ''')
>>> [(q.asks, q.resolvable_by, [(link.kind, link.label, link.direct) for link in q.links])
...  for q in open_questions(g, identity_candidates(g), find_contested(g))]
[('Are they one outage?', 'The post-incident review.', [('candidate', 'Acme checkout outage ~ Checkout outage at Acme', True)])]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from kg.analysis.contested import ContestedProposition
from kg.analysis.evidence import NodeRef, P, SourceRef, node_ref, source_ref, ShownInNotebooks
from kg.analysis.identity import IdentityCandidate
from kg.analysis.nxgraph import CLS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["QuestionLink", "OpenQuestion", "open_questions"]


@dataclass(frozen=True)
class QuestionLink:
    """An unresolved item a question concerns, and the targets that join them."""

    kind: str  # "candidate" | "contested"
    id: str
    label: str
    direct: bool
    shared: tuple[NodeRef, ...]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "label": self.label, "direct": self.direct, "shared": [n.to_dict() for n in self.shared]}


@dataclass(frozen=True)
class OpenQuestion(ShownInNotebooks):
    """A question the record leaves open, what would resolve it, and what it bears on."""

    question: NodeRef
    asks: str
    resolvable_by: str
    raised_in: SourceRef | None
    about: tuple[NodeRef, ...]
    links: tuple[QuestionLink, ...]
    score: float

    @property
    def id(self) -> str:
        return self.question.iri

    @property
    def label(self) -> str:
        return self.asks

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "asks": self.asks,
            "resolvable_by": self.resolvable_by,
            "raised_in": self.raised_in.to_dict() if self.raised_in else None,
            "about": [n.to_dict() for n in self.about],
            "score": self.score,
            "links": [link.to_dict() for link in self.links],
        }

    def sort_key(self) -> tuple:
        """Those that bear on most unresolved items first (the order :func:`open_questions` lists them in)."""
        return (-self.score, self.asks, self.id)


def _refs(g: "nx.MultiDiGraph", nodes: Iterable[str]) -> tuple[NodeRef, ...]:
    return tuple(sorted((node_ref(g, n) for n in nodes), key=lambda r: (r.label, r.iri)))


def _touching(items, nodes: Callable) -> dict[str, list[int]]:
    """Node IRI → the positions of the items whose ``nodes(item)`` hold it, so a question looks only at those."""
    found: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        for node in nodes(item):
            found.setdefault(node, []).append(position)
    return found


def _links(g, about: set[str], candidates, contested, touching: tuple[dict, dict]) -> list[QuestionLink]:
    links = []
    near_candidates, near_contested = (sorted({i for node in about for i in index.get(node, ())}) for index in touching)
    for c in (candidates[i] for i in near_candidates):
        members = {c.left.iri, c.right.iri}
        shared = about & members
        if shared:
            links.append(QuestionLink("candidate", c.id, c.label, shared == members, _refs(g, shared)))
    for c in (contested[i] for i in near_contested):
        targets = {n.iri for n in c.about}
        if c.proposition.iri in about:
            links.append(QuestionLink("contested", c.id, c.label, True, (c.proposition,)))
        elif about & targets:
            links.append(QuestionLink("contested", c.id, c.label, False, _refs(g, about & targets)))
    return sorted(links, key=lambda link: (not link.direct, link.kind, link.label, link.id))


def open_questions(
    g: "nx.MultiDiGraph",
    candidates: Iterable[IdentityCandidate] = (),
    contested: Iterable[ContestedProposition] = (),
) -> list[OpenQuestion]:
    """The open questions, those that bear on most unresolved items first."""
    candidates, contested = list(candidates), list(contested)
    touching = (
        _touching(candidates, lambda c: (c.left.iri, c.right.iri)),
        _touching(contested, lambda c: (c.proposition.iri, *(n.iri for n in c.about))),
    )
    found = []
    for node, attrs in g.nodes(data=True):
        if attrs.get("cls") != CLS.OpenQuestion or attrs.get("status", "open") != "open":
            continue
        about = {v for _, v, k in g.out_edges(node, keys=True) if k == P.about}
        raised = sorted(v for _, v, k in g.out_edges(node, keys=True) if k == P.raised_in)
        links = _links(g, about, candidates, contested, touching)
        score = sum(1.0 if link.direct else 0.25 for link in links)
        found.append(OpenQuestion(
            node_ref(g, node), str(attrs.get("asks", attrs.get("label", ""))), str(attrs.get("resolvable_by", "")),
            source_ref(g, raised[0]) if raised else None, _refs(g, about), tuple(links), score,
        ))
    return sorted(found, key=OpenQuestion.sort_key)
