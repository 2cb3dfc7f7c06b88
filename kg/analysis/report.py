"""Everything the record leaves unresolved, gathered into one report.

:func:`unresolved` projects the graph once and runs each analysis on the
projection: identity candidates, contested propositions, single-source claims
and open questions joined to what they concern. The report renders as JSON
(:meth:`UnresolvedReport.to_dict`, schema in ``docs/unresolved.md``); the
words people read are the exporters' (:mod:`kg.export.report_text`,
:mod:`kg.export.unresolved`).

>>> from kg.ontology import ontology_graph
>>> unresolved(ontology_graph()).counts()["candidates"]
0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.analysis.changes import AccountChanges, accounts_that_changed
from kg.analysis.contested import (
    ContestedProposition, DeniedClaim, SingleSourceClaim, find_contested, find_denied, find_single_source,
)
from kg.analysis.identity import IdentityCandidate, find_candidates
from kg.analysis.evidence import ShownInNotebooks, SourceRef, remembered
from kg.analysis.questions import OpenQuestion, open_questions
from kg.analysis.record import LookFor, documents_read, look_for_next, short_names
from kg.progress import Progress, stage

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["UnresolvedReport", "unresolved", "unresolved_from_projection", "SCHEMA_VERSION"]

#: Bumped when a field of :meth:`UnresolvedReport.to_dict` changes meaning or goes away.
SCHEMA_VERSION = 2


@dataclass(frozen=True, repr=False)
class UnresolvedReport(ShownInNotebooks):
    candidates: tuple[IdentityCandidate, ...]
    contested: tuple[ContestedProposition, ...]
    single_source: tuple[SingleSourceClaim, ...]
    questions: tuple[OpenQuestion, ...]
    changed: AccountChanges = AccountChanges()
    below: int = 0  # identity pairs scored below the threshold, not listed
    threshold: float = 0.5
    #: Every document an assertion was read in; one means the whole record rests on it.
    documents: tuple[SourceRef, ...] = ()
    #: Party and source IRI → the short name the reports use.
    short_names: dict[str, str] = field(default_factory=dict)
    #: The open questions grouped by the kind of document that would settle them.
    look_for: tuple[LookFor, ...] = ()
    #: Propositions someone denies, disputes or narrows and nobody affirms.
    denied: tuple[DeniedClaim, ...] = ()

    def __repr__(self) -> str:
        """The counts, not every item (a notebook shows a summary through ``_repr_html_``)."""
        return f"<UnresolvedReport {' '.join(f'{name}={count}' for name, count in self.counts().items())}>"

    def counts(self) -> dict[str, int]:
        return {
            "candidates": len(self.candidates),
            "judged_unsure": sum(1 for c in self.candidates if c.judged),
            "below_threshold": self.below,
            "contested": len(self.contested),
            "single_source": len(self.single_source),
            "denied": len(self.denied),
            "questions": len(self.questions),
            "changed": len(self.changed),
        }

    def to_dict(self) -> dict:
        return {
            "kind": "kg-unresolved",
            "version": SCHEMA_VERSION,
            "counts": self.counts(),
            "threshold": self.threshold,
            "candidates": [c.to_dict() for c in self.candidates],
            "contested": [c.to_dict() for c in self.contested],
            "single_source": [c.to_dict() for c in self.single_source],
            "denied": [c.to_dict() for c in self.denied],
            "questions": [q.to_dict() for q in self.questions],
            "changed": self.changed.to_dict(),
            "documents": [d.to_dict() for d in self.documents],
            "short_names": dict(sorted(self.short_names.items())),
            "look_for_next": [group.to_dict() for group in self.look_for],
        }


def unresolved_from_projection(
    g: "nx.MultiDiGraph", *, threshold: float | None = None, hub_cap: int | None = None, across_cases: bool = False,
    progress: Progress | None = None,
) -> UnresolvedReport:
    """The report for an already projected graph (see :mod:`kg.analysis.nxgraph`).

    ``threshold`` is the least probability of a listed identity candidate
    (default "possible", 0.5); ``across_cases`` also pairs items of two cases.
    """
    stage(progress, "weighing identity candidates")
    found = find_candidates(g, threshold=threshold, hub_cap=hub_cap, across_cases=across_cases)
    candidates = list(found.candidates)
    with remembered(g):  # the analyses below ask for the same assertions
        stage(progress, "finding contested propositions")
        contested = find_contested(g)
        stage(progress, "gathering open questions")
        questions = tuple(open_questions(g, candidates, contested))
        return UnresolvedReport(
            candidates=tuple(candidates),
            contested=tuple(contested),
            single_source=tuple(find_single_source(g)),
            questions=questions,
            changed=accounts_that_changed(g),
            below=found.below,
            threshold=found.threshold,
            documents=documents_read(g),
            short_names=short_names(g),
            look_for=look_for_next(questions),
            denied=tuple(find_denied(g)),
        )


def unresolved(
    graph: Graph, *, threshold: float | None = None, hub_cap: int | None = None, across_cases: bool = False,
    include_pending: bool = False, progress: Progress | None = None,
) -> UnresolvedReport:
    """Project ``graph`` and gather what its record leaves unresolved.

    With ``include_pending``, drafts (items pending review, as ``kg ingest``
    writes them) count beside the record, each marked ``draft``.
    """
    from kg.analysis.nxgraph import project

    stage(progress, "projecting the graph")
    return unresolved_from_projection(
        project(graph, reviewed_only=not include_pending), threshold=threshold, hub_cap=hub_cap, across_cases=across_cases,
        progress=progress,
    )
