"""Accounts that changed: stances a voice took back, and sources that corrected, retracted or updated others.

* A **stance change** is one voice taking opposing stances on one proposition
  at different dates (a day-of status update that a later summary narrows),
  or an assertion explicitly ``supersededBy`` a later one. Its steps are that
  voice's assertions on the proposition, oldest first.
* A voice is **self-contradicting** when it takes opposing stances on one
  proposition and the statements carry no dates that order them.
* A **source change** is a source that ``corrects``, ``retracts`` or
  ``updates`` another source, or retracts an assertion read in one; it is
  dated by the changing source, with the passage affected where known.

Such a proposition is neither contested (the voice is the same) nor a
single-source claim (it has an opposing stance), so without this section it
would drop out of the report.

>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :status a kg:PublicStatement ; rdfs:label "Status page" ; dcterms:date "2026-03-01"^^xsd:date .
... :summary a kg:PublicStatement ; rdfs:label "Summary" ; dcterms:date "2026-03-05"^^xsd:date .
... :faq a kg:PublicStatement ; rdfs:label "FAQ" .
... :terms a kg:PublicStatement ; rdfs:label "Terms" .
... :fix a kg:NewsArticle ; rdfs:label "Fix" ; dcterms:date "2026-03-06"^^xsd:date ; kg:corrects :summary .
... :dns a kg:Proposition ; kg:text "DNS caused it." .
... :a1 a kg:Assertion ; kg:proposition :dns ; kg:party :acme ; kg:readIn :status ; kg:stance kg:Asserts .
... :a2 a kg:Assertion ; kg:proposition :dns ; kg:party :acme ; kg:readIn :summary ; kg:stance kg:Narrows .
... :sla a kg:Proposition ; kg:text "The terms cover it." .
... :a3 a kg:Assertion ; kg:proposition :sla ; kg:party :acme ; kg:readIn :faq ; kg:stance kg:Asserts .
... :a4 a kg:Assertion ; kg:proposition :sla ; kg:party :acme ; kg:readIn :terms ; kg:stance kg:Denies .
... ''')
>>> changes = accounts_that_changed(g)
>>> [(c.proposition.label, c.voice.label, [(a.date, a.stance) for a in c.steps]) for c in changes.stances]
[('DNS caused it.', 'Acme', [('2026-03-01', 'asserts'), ('2026-03-05', 'narrows')])]
>>> [(c.proposition.label, [a.stance for a in c.steps]) for c in changes.self_contradicting]
[('The terms cover it.', ['asserts', 'denies'])]
>>> [(s.kind, s.source.label, s.target.label, s.date) for s in changes.sources]
[('corrects', 'Fix', 'Summary', '2026-03-06')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from kg.analysis.evidence import (
    AssertionRef,
    NodeRef,
    SourceRef,
    assertion_ref,
    assertions_on,
    node_ref,
    source_ref,
)
from kg.analysis.nxgraph import CLS
from kg.analysis.voices import RETRACTS, superseded_by
from kg.vocab import KG

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["StanceChange", "SourceChange", "AccountChanges", "accounts_that_changed", "CHANGE_KINDS"]

#: predicate IRI → the word the report uses, in the order the report lists them
CHANGE_KINDS = {str(KG.corrects): "corrects", RETRACTS: "retracts", str(KG.updates): "updates"}
_PASSAGE = "passage"


@dataclass(frozen=True)
class StanceChange:
    """One voice's stances on one proposition, oldest first (undated last)."""

    proposition: NodeRef
    voice: NodeRef
    steps: tuple[AssertionRef, ...]
    explicit: bool  # an assertion says it is superseded by a later one

    @property
    def id(self) -> str:
        return f"{self.proposition.iri} {self.voice.iri}"

    def sort_key(self) -> tuple:
        return (self.proposition.label, self.voice.label, self.id)

    def to_dict(self) -> dict:
        return {
            "proposition": self.proposition.to_dict(),
            "voice": self.voice.to_dict(),
            "explicit": self.explicit,
            "steps": [a.to_dict() for a in self.steps],
        }


@dataclass(frozen=True)
class SourceChange:
    """A source correcting, retracting or updating another source, or retracting one assertion."""

    kind: str  # corrects | retracts | updates
    source: SourceRef
    target: SourceRef
    assertion: AssertionRef | None = None
    passages: tuple[str, ...] = ()

    @property
    def date(self) -> str:
        return self.source.date

    def sort_key(self) -> tuple:
        """Oldest first, undated last; then by what changed, the kind of change and who changed it."""
        kind = list(CHANGE_KINDS.values()).index(self.kind)
        assertion = self.assertion.iri if self.assertion else ""
        return (self.date == "", self.date, self.target.label, kind, self.source.label, assertion)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "date": self.date,
            "assertion": self.assertion.to_dict() if self.assertion else None,
            "passages": list(self.passages),
        }


@dataclass(frozen=True)
class AccountChanges:
    stances: tuple[StanceChange, ...] = ()
    self_contradicting: tuple[StanceChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()

    def __len__(self) -> int:
        return len(self.stances) + len(self.self_contradicting) + len(self.sources)

    @classmethod
    def merged(cls, parts: "Iterable[AccountChanges]") -> "AccountChanges":
        """The changes of several graphs (each case's, say) as one, in the order one graph lists them.

        Parts come in the order of their items' IRIs: changes that sort alike keep that order, as in one graph.
        """
        parts = list(parts)
        return cls(*(tuple(sorted((c for part in parts for c in getattr(part, name)), key=_sort_key))
                     for name in ("stances", "self_contradicting", "sources")))

    def to_dict(self) -> dict:
        return {
            "stances": [c.to_dict() for c in self.stances],
            "self_contradicting": [c.to_dict() for c in self.self_contradicting],
            "sources": [c.to_dict() for c in self.sources],
        }


def _sort_key(change: "StanceChange | SourceChange") -> tuple:
    return change.sort_key()


def _step_key(a: AssertionRef) -> tuple:
    return (a.date == "", a.date, a.source.label, a.quote, a.iri)


def _ordered(steps: list[AssertionRef]) -> bool:
    """Do dates put the opposing stances in an order (every affirming and opposing pair on different days)?"""
    signed = [a for a in steps if a.polarity != 0]
    if any(not a.date for a in signed):
        return False
    return all(a.date != b.date for a in signed for b in signed if a.polarity * b.polarity < 0)


def _stance_changes(g: "nx.MultiDiGraph") -> tuple[list[StanceChange], list[StanceChange]]:
    changed, contradicting = [], []
    for node in sorted(n for n, attrs in g.nodes(data=True) if attrs.get("cls") == CLS.Proposition):
        by_voice: dict[str, list[AssertionRef]] = defaultdict(list)
        for a in assertions_on(g, node):
            by_voice[(a.voice or a.party).iri].append(a)
        for voice, steps in sorted(by_voice.items()):
            explicit = any(superseded_by(g, a.iri) for a in steps)
            opposed = {a.polarity for a in steps} >= {1, -1}
            if not (explicit or opposed):
                continue
            record = StanceChange(
                node_ref(g, node), node_ref(g, voice), tuple(sorted(steps, key=_step_key)), explicit
            )
            (changed if explicit or _ordered(steps) else contradicting).append(record)
    return sorted(changed, key=StanceChange.sort_key), sorted(contradicting, key=StanceChange.sort_key)


def _source_changes(g: "nx.MultiDiGraph") -> list[SourceChange]:
    found = []
    for u, v, key in g.edges(keys=True):
        kind = CHANGE_KINDS.get(key)
        if kind is None or CLS.Source not in g.nodes[u].get("kinds", ()):
            continue
        passages = tuple(sorted(g.nodes[u].get(_PASSAGE, ())))
        if g.nodes[v].get("cls") == CLS.Assertion:
            record = assertion_ref(g, v)
            if record is None:
                continue
            found.append(SourceChange(kind, source_ref(g, u), record.source, record, passages))
        elif CLS.Source in g.nodes[v].get("kinds", ()):
            found.append(SourceChange(kind, source_ref(g, u), source_ref(g, v), None, passages))
    return sorted(found, key=SourceChange.sort_key)


def accounts_that_changed(g: "nx.MultiDiGraph") -> AccountChanges:
    """Stance changes, self-contradictions and source changes in the projected graph."""
    changed, contradicting = _stance_changes(g)
    return AccountChanges(tuple(changed), tuple(contradicting), tuple(_source_changes(g)))
