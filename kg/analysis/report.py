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
    On a big graph the record's analyses (:func:`_record`) run in a second
    process while this one weighs the identity candidates; the report is the same.
    """
    stage(progress, "weighing identity candidates")
    beside = _Beside(g) if _workers(g) > 1 else None
    try:
        found = find_candidates(g, threshold=threshold, hub_cap=hub_cap, across_cases=across_cases)
        stage(progress, "finding contested propositions")
        record = beside.result() if beside is not None else _record(g)
    finally:
        if beside is not None:
            beside.close()
    candidates = list(found.candidates)
    stage(progress, "gathering open questions")
    questions = tuple(open_questions(g, candidates, record["contested"]))
    return UnresolvedReport(
        candidates=tuple(candidates),
        contested=tuple(record["contested"]),
        single_source=tuple(record["single_source"]),
        questions=questions,
        changed=record["changed"],
        below=found.below,
        threshold=found.threshold,
        documents=record["documents"],
        short_names=record["short_names"],
        look_for=look_for_next(questions),
        denied=tuple(record["denied"]),
    )


def _record(g: "nx.MultiDiGraph") -> dict:
    """What the report says of the record itself, apart from identity: contested, single-source and denied
    propositions, changed accounts, the documents read and the short names."""
    with remembered(g):  # these analyses ask for the same assertions
        return {
            "contested": find_contested(g),
            "single_source": find_single_source(g),
            "changed": accounts_that_changed(g),
            "documents": documents_read(g),
            "short_names": short_names(g),
            "denied": find_denied(g),
        }


#: Nodes in a projection from which the record's analyses run in a process of their own.
PARALLEL_NODES = 20_000


def _workers(g: "nx.MultiDiGraph") -> int:
    """Processes for a report: ``KG_UNRESOLVED_WORKERS``, else two for a big graph on several cores where fork exists."""
    import multiprocessing
    import os

    from kg.errors import KGError

    configured = os.environ.get("KG_UNRESOLVED_WORKERS")
    if configured:
        try:
            wanted = max(1, int(configured))
        except ValueError as e:
            raise KGError(f"KG_UNRESOLVED_WORKERS must be a whole number, not {configured!r}") from e
    else:
        wanted = 2 if g.number_of_nodes() >= PARALLEL_NODES and (os.cpu_count() or 1) > 1 else 1
    return wanted if "fork" in multiprocessing.get_all_start_methods() else 1


#: The projection a forked process reads (set just before the fork: a projection does not cross a pipe).
_FORKED: list = []


def _record_of_forked() -> dict:
    return _record(_FORKED[0])


class _Beside:
    """:func:`_record` of ``g`` in a forked process, started at once."""

    def __init__(self, g: "nx.MultiDiGraph"):
        import multiprocessing

        _FORKED[:] = [g]
        try:
            self._pool = multiprocessing.get_context("fork").Pool(1)
        finally:
            _FORKED.clear()  # the child has its copy; this process keeps no second reference
        self._pending = self._pool.apply_async(_record_of_forked)

    def result(self) -> dict:
        return self._pending.get()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


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
