"""Evidence read off the projection: items, assertions and the sources behind a relation.

Every analysis result carries its evidence as these small records, so a
report can say who asserts what, read where, in which words.

>>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" ; dcterms:date "2026-03"^^xsd:gYearMonth .
... :p a kg:Proposition ; kg:text "Reviews were skipped." ; rdfs:label "Reviews were skipped." ; kg:about :acme .
... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies ;
...     oa:hasTarget [ oa:hasSelector [ oa:exact "no review was skipped" ] ] .
... ''')
>>> [(a.party.label, a.stance, a.quote, a.source.label, a.source.date) for a in assertions_about(g, EXAMPLE + "acme")]
[('Acme', 'denies', 'no review was skipped', 'The Wire', '2026-03')]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Iterable

from rdflib.namespace import OWL, PROV

from kg.analysis.nxgraph import CLS
from kg.analysis.voices import is_superseded, linked_from, linked_to, remember, remembered, voice_of
from kg.vocab import KG
from kg.display import ShownInNotebooks  # noqa: F401  (the analyses' results inherit it from here)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "NodeRef",
    "SourceRef",
    "AssertionRef",
    "EdgeEvidence",
    "node_ref",
    "source_ref",
    "assertion_ref",
    "assertions_on",
    "remembered",
    "propositions_about",
    "assertions_about",
    "edge_evidence",
    "P",
    "ShownInNotebooks",
]


class P:
    """Predicate IRIs as the strings the projection keys its edges by."""

    party = str(KG.party)
    proposition = str(KG.proposition)
    read_in = str(KG.readIn)
    about = str(KG.about)
    primary_source = str(PROV.hadPrimarySource)
    quoted_from = str(PROV.wasQuotedFrom)
    left = str(KG.left)
    right = str(KG.right)
    raised_in = str(KG.raisedIn)
    judged_by = str(KG.judgedBy)
    reported_in = str(KG.reportedIn)
    same_as = str(OWL.sameAs)
    different_from = str(OWL.differentFrom)
    #: Edges that say where something was read or relayed, not how things relate.
    provenance = frozenset({read_in, primary_source, quoted_from, reported_in, raised_in, judged_by})


@dataclass(frozen=True, order=True)
class NodeRef:
    """An item, as a report names it."""

    iri: str
    label: str
    cls: str
    draft: bool = False  # pending review: listed only with --include-pending

    def to_dict(self) -> dict:
        out = asdict(self)
        if not self.draft:
            del out["draft"]
        return out


@dataclass(frozen=True, order=True)
class SourceRef:
    """A source an assertion was read in, with what a reader needs to find it."""

    iri: str
    label: str
    title: str = ""
    date: str = ""
    url: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class AssertionRef:
    """One party's stance on a proposition, read in a source, in the source's words."""

    iri: str
    proposition: NodeRef
    party: NodeRef
    stance: str
    polarity: int
    source: SourceRef
    quote: str
    via: SourceRef | None = None
    confidence: float = 1.0
    #: whose voice this is: the party, or whom it speaks for (:mod:`kg.analysis.voices`)
    voice: NodeRef | None = None
    #: the assertion's own date, else its source's ("" when neither is dated)
    date: str = ""
    #: superseded by a later assertion or retracted: history, not a live stance
    superseded: bool = False
    draft: bool = False  # pending review: listed only with --include-pending

    def sort_key(self) -> tuple:
        return (self.proposition.label, -self.polarity, self.party.label, self.quote, self.iri)

    def to_dict(self) -> dict:
        return {
            "iri": self.iri,
            "proposition": self.proposition.to_dict(),
            "party": self.party.to_dict(),
            "stance": self.stance,
            "polarity": self.polarity,
            "source": self.source.to_dict(),
            "via": self.via.to_dict() if self.via else None,
            "quote": self.quote,
            "confidence": self.confidence,
            "voice": (self.voice or self.party).to_dict(),
            "date": self.date,
            "superseded": self.superseded,
            **({"draft": True} if self.draft else {}),
        }


@dataclass(frozen=True)
class EdgeEvidence:
    """Where a relation between two items comes from.

    ``basis`` is ``"assertion"`` for an assertion's own party, proposition or
    source; ``"proposition"`` for what a proposition is about (backed by its
    assertions); ``"question"`` for what a question is about (the source that
    raised it); ``"source"`` when the relation is a source's own (its author,
    the post it replies to, what it is about; with the sources it is reported
in); ``"both"`` when assertions on
    propositions about both ends back it; ``"one end"`` when only
    propositions about one end do; and ``"case"`` when only the case data does.
    """

    basis: str
    sources: tuple[SourceRef, ...] = ()
    assertions: tuple[AssertionRef, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"basis": self.basis, "sources": [s.to_dict() for s in self.sources], "assertions": [a.to_dict() for a in self.assertions]}


def node_ref(g: "nx.MultiDiGraph", node: str) -> NodeRef:
    attrs = g.nodes[node]
    return NodeRef(node, str(attrs.get("label", node)), str(attrs.get("cls", "")), _is_draft(attrs))


def _is_draft(attrs: dict) -> bool:
    """Pending (or any status but reviewed): in a projection only with ``reviewed_only=False``."""
    return attrs.get("review", "reviewed") != "reviewed"


def source_ref(g: "nx.MultiDiGraph", node: str) -> SourceRef:
    attrs = g.nodes[node]
    return SourceRef(node, str(attrs.get("label", node)), str(attrs.get("title", "")), str(attrs.get("date", "")), str(attrs.get("url", "")))


def _target(g: "nx.MultiDiGraph", node: str, predicate: str) -> str | None:
    targets = linked_to(g, node, predicate)
    return min(targets) if targets else None


def assertion_ref(g: "nx.MultiDiGraph", assertion: str) -> AssertionRef | None:
    """The record of an assertion node, or None if its party, proposition or source is missing."""
    return remember(g, ("assertion", assertion), lambda: _assertion_ref(g, assertion))


def _assertion_ref(g: "nx.MultiDiGraph", assertion: str) -> AssertionRef | None:
    attrs = g.nodes[assertion]
    party, proposition, source = (_target(g, assertion, p) for p in (P.party, P.proposition, P.read_in))
    if party is None or proposition is None or source is None:
        return None
    via = _target(g, assertion, P.primary_source)
    source_record = source_ref(g, source)
    return AssertionRef(
        iri=assertion,
        proposition=node_ref(g, proposition),
        party=node_ref(g, party),
        stance=str(attrs.get("stance", "")),
        polarity=int(attrs.get("polarity", 0)),
        source=source_record,
        quote=str(attrs.get("quote", "")),
        via=source_ref(g, via) if via else None,
        confidence=float(attrs.get("confidence", 1.0)),
        voice=node_ref(g, voice_of(g, party)),
        date=str(attrs.get("date") or source_record.date),
        superseded=is_superseded(g, assertion),
        draft=_is_draft(attrs),
    )


def assertions_on(g: "nx.MultiDiGraph", proposition: str) -> list[AssertionRef]:
    """The assertions taking a stance on ``proposition``, affirming ones first."""
    return list(remember(g, ("on", proposition), lambda: _assertions_on(g, proposition)))


def _assertions_on(g: "nx.MultiDiGraph", proposition: str) -> tuple[AssertionRef, ...]:
    found = (assertion_ref(g, u) for u in linked_from(g, proposition, P.proposition) if g.nodes[u].get("cls") == CLS.Assertion)
    return tuple(sorted((a for a in found if a is not None), key=AssertionRef.sort_key))


def propositions_about(g: "nx.MultiDiGraph", node: str) -> list[str]:
    return sorted(u for u in linked_from(g, node, P.about) if g.nodes[u].get("cls") == CLS.Proposition)


def assertions_about(g: "nx.MultiDiGraph", nodes: Iterable[str], *, all_of: bool = False) -> list[AssertionRef]:
    """Assertions on propositions about any of ``nodes`` (or, with ``all_of``, about all of them)."""
    nodes = [nodes] if isinstance(nodes, str) else list(nodes)
    sets = [set(propositions_about(g, n)) for n in nodes]
    if not sets:
        return []
    chosen = set.intersection(*sets) if all_of else set.union(*sets)
    return sorted((a for p in chosen for a in assertions_on(g, p)), key=AssertionRef.sort_key)


def edge_evidence(g: "nx.MultiDiGraph", u: str, v: str) -> EdgeEvidence:
    """What backs the relation between ``u`` and ``v`` (in either direction)."""
    for end in (u, v):
        cls = g.nodes[end].get("cls")
        if cls == CLS.Assertion:
            record = assertion_ref(g, end)
            if record is not None:
                return EdgeEvidence("assertion", (record.source,), (record,))
        if cls == CLS.Proposition:
            on = tuple(assertions_on(g, end))
            return EdgeEvidence("proposition", _sources(on), on)
        if cls == CLS.OpenQuestion:
            raised = _target(g, end, P.raised_in)
            return EdgeEvidence("question", (source_ref(g, raised),) if raised else ())
    for end, other in ((u, v), (v, u)):
        if CLS.Source in g.nodes[end].get("kinds", ()) and g.has_edge(end, other):
            relayed = sorted(v for _, v, k in g.out_edges(end, keys=True) if k == P.reported_in)
            return EdgeEvidence("source", tuple(source_ref(g, n) for n in [end, *relayed]))
    both = tuple(a for a in assertions_about(g, [u, v], all_of=True) if a.polarity >= 0)
    if both:
        return EdgeEvidence("both", _sources(both), both)
    one = tuple(assertions_about(g, [u, v]))
    if one:
        return EdgeEvidence("one end", _sources(one), one)
    return EdgeEvidence("case")


def _sources(assertions: Iterable[AssertionRef]) -> tuple[SourceRef, ...]:
    return tuple(sorted({a.source for a in assertions}))
