"""Everything the record leaves unresolved, gathered into one report.

:func:`unresolved` projects each case of the graph in turn and runs each
analysis on its projection: identity candidates, contested propositions,
single-source claims and open questions joined to what they concern; the
parts are then put together in the order one graph lists them. Every
relation stays inside a case, so only the identity model differs from one
projection of the whole: its weights and word rarities are estimated on each
case's own items (``across_cases`` analyses the whole graph at once). The report renders as JSON
(:meth:`UnresolvedReport.to_dict`, schema in ``docs/unresolved.md``); the
words people read are the exporters' (:mod:`kg.export.report_text`,
:mod:`kg.export.unresolved`).

>>> from kg.ontology import ontology_graph
>>> unresolved(ontology_graph()).counts()["candidates"]
0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator

from rdflib import Graph

from kg.analysis.changes import AccountChanges, accounts_that_changed
from kg.analysis.contested import (
    ContestedProposition, DeniedClaim, SingleSourceClaim, find_contested, find_denied, find_single_source,
)
from kg.analysis.identity import CandidateSet, IdentityCandidate, find_candidates
from kg.analysis.evidence import ShownInNotebooks, SourceRef, remembered
from kg.analysis.questions import OpenQuestion, open_questions
from kg.analysis.record import LookFor, document_order, documents_read, look_for_next, named, short_names_of
from kg.progress import Progress, stage, ticked
from kg.collector import no_collection

if TYPE_CHECKING:
    import networkx as nx

    from kg.analysis.nxgraph import Rows

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
    progress: Progress | None = None, workers: int | None = None,
) -> UnresolvedReport:
    """The report for an already projected graph (see :mod:`kg.analysis.nxgraph`).

    ``threshold`` is the least probability of a listed identity candidate
    (default "possible", 0.5); ``across_cases`` also pairs items of two cases.
    Each case is analysed on its own (:func:`kg.analysis.nxgraph.by_case`),
    unless ``across_cases``, which analyses the whole graph at once.
    """
    from kg.analysis.nxgraph import by_case

    parts = [g] if across_cases else list(by_case(g))
    return _gathered(parts, len(parts), progress, workers, threshold=threshold, hub_cap=hub_cap,
                     across_cases=across_cases)


def unresolved(
    graph: Graph, *, threshold: float | None = None, hub_cap: int | None = None, across_cases: bool = False,
    include_pending: bool = False, progress: Progress | None = None, workers: int | None = None,
) -> UnresolvedReport:
    """Project ``graph`` and gather what its record leaves unresolved.

    Each case is projected and analysed on its own
    (:func:`kg.analysis.nxgraph.case_parts`), so a big store is never
    held whole; ``across_cases`` projects it whole. With ``include_pending``,
    drafts (items pending review, as ``kg ingest`` writes them) count beside
    the record, each marked ``draft``. ``workers`` is how many processes
    analyse the cases (see :func:`_workers`).
    """
    from kg.analysis.nxgraph import case_parts, project

    stage(progress, "projecting the graph")
    reviewed_only = not include_pending
    if across_cases:
        total, parts = 1, iter([project(graph, reviewed_only=reviewed_only)])
    else:
        total, parts = case_parts(graph, reviewed_only=reviewed_only)
    return _gathered(parts, total, progress, workers, threshold=threshold, hub_cap=hub_cap,
                     across_cases=across_cases)


@dataclass(frozen=True)
class _Part:
    """What one case (or, across cases, the whole graph) leaves unresolved, before the parts are put together."""

    first: str  # the least item IRI: the parts are put together in the order one graph holds its items
    found: CandidateSet
    record: dict
    named: dict[str, tuple[str, str]]
    questions: tuple[OpenQuestion, ...]


@no_collection()  # a case's projection and findings are many small objects and make no cycles
def _analysed(part: "nx.MultiDiGraph | Rows", **options) -> _Part | None:
    """Every analysis of the report on ``part`` (a projection, or a case's rows put together here first): identity
    candidates, the record's findings, open questions. None when nothing of it is projected."""
    from kg.analysis.nxgraph import Rows

    if isinstance(part, Rows):
        g = part.projection()
        if not len(g):  # every item of the case left out
            return None
    else:
        g = part
    found = find_candidates(g, **options)
    with remembered(g):  # these analyses ask for the same assertions
        record = {
            "contested": find_contested(g),
            "single_source": find_single_source(g),
            "changed": accounts_that_changed(g),
            "documents": documents_read(g),
            "denied": find_denied(g),
        }
    questions = tuple(open_questions(g, found.candidates, record["contested"]))
    return _Part(min(g, default=""), found, record, named(g), questions)


def _gathered(
    parts: Iterable["nx.MultiDiGraph | Rows"], total: int, progress: Progress | None, workers: int | None, **options
) -> UnresolvedReport:
    """The report of the parts (each case's projection or rows), analysed one by one or by several processes."""
    import networkx as nx

    analysed = _each_analysed(parts, total, workers, options)
    done = [part for part in ticked(progress, "analysing case by case", analysed, total) if part is not None]
    if not done:  # nothing projected: the report of an empty graph, with the model's defaults
        done.append(_analysed(nx.MultiDiGraph(), **options))
    done.sort(key=lambda part: part.first)

    def merged(name: str, key) -> tuple:
        return tuple(sorted((x for part in done for x in part.record[name]), key=key))

    questions = tuple(sorted((q for part in done for q in part.questions), key=OpenQuestion.sort_key))
    return UnresolvedReport(
        candidates=tuple(sorted((c for p in done for c in p.found.candidates), key=IdentityCandidate.sort_key)),
        contested=merged("contested", ContestedProposition.sort_key),
        single_source=merged("single_source", SingleSourceClaim.sort_key),
        questions=questions,
        changed=AccountChanges.merged(part.record["changed"] for part in done),
        below=sum(part.found.below for part in done),
        threshold=done[0].found.threshold,
        documents=merged("documents", document_order),
        short_names=short_names_of({iri: names for part in done for iri, names in part.named.items()}),
        look_for=look_for_next(questions),
        denied=merged("denied", DeniedClaim.sort_key),
    )


#: Cases analysed in this process before others are started to share the work: a store of a few small cases is
#: quicker to analyse than to fork for.
PARALLEL_CASES = 8


def _each_analysed(
    parts: Iterable["nx.MultiDiGraph | Rows"], total: int, workers: int | None, options: dict
) -> Iterator[_Part | None]:
    """:func:`_analysed` of each part, in order: in this process, or, from the :data:`PARALLEL_CASES`-th part on
    and where :func:`_workers` gives more than one, by forked processes while this one reads the next parts.
    A case is handed over as its rows (plain values), put together into its projection by the process that
    analyses it."""
    from collections import deque

    pool, pending = None, deque()
    chosen = _workers(total, workers)
    start = 0 if workers or _configured_workers() else PARALLEL_CASES
    try:
        for index, part in enumerate(parts):
            if index == start and chosen > 1:
                import multiprocessing

                pool = multiprocessing.get_context("fork").Pool(chosen, initializer=_quiet_worker)
            if pool is None:
                yield _analysed(part, **options)
                continue
            pending.append(pool.apply_async(_analysed, (part,), options))
            if len(pending) > 2 * chosen:  # a few parts ahead, not the whole store in the pipe
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _quiet_worker() -> None:
    """A worker leaves an interruption to the process that started it, which stops the workers; and a worker
    whose parent has gone ends at once, quietly, where it would print a traceback of a broken pipe."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # a write to the gone parent's pipe ends the worker
    try:  # Linux: the parent's death sends this worker SIGTERM, so it stops at once rather than at its next write
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _configured_workers() -> int | None:
    """``KG_UNRESOLVED_WORKERS``, when set: how many processes analyse the cases."""
    import os

    from kg.errors import KGError

    configured = os.environ.get("KG_UNRESOLVED_WORKERS")
    if not configured:
        return None
    try:
        return max(1, int(configured))
    except ValueError as e:
        raise KGError(f"KG_UNRESOLVED_WORKERS must be a whole number, not {configured!r}") from e


def _workers(cases: int, asked: int | None = None) -> int:
    """Processes that analyse ``cases`` cases: ``asked``, else ``KG_UNRESOLVED_WORKERS``, else one a core this
    process may run on, and no more than there are cases past the first :data:`PARALLEL_CASES`; always one
    where fork does not exist. Cores busy with other work are still shared: a second process on a loaded
    two-core machine gets its share of both, where one process gets one core at most.

    >>> _workers(500, asked=3)  # where fork exists
    3
    """
    import os

    if not _forks():
        return 1
    chosen = asked or _configured_workers()
    if chosen is not None:
        return max(1, chosen)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, cases - PARALLEL_CASES))


def _forks() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
