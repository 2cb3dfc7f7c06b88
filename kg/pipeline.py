"""The fast build: case folders → validated N-Triples → the store, no rdflib graph.

A big build spends its time reading YAML and making triples. Every reference
in a case resolves inside that case or to the ontology, so each case is
read, turned into triples, checked against the shapes
(:func:`kg.shape_checks.case_results`) and written as N-Triples on its own,
in worker processes on every core. The main process streams the chunks, in
case order, into the store's bulk loader (Oxigraph's, or batches sent to a
remote endpoint) while the workers read ahead. Nothing replaces the previous
graph until every case is read and the whole graph conforms.

:func:`kg.build.build` takes this path for the embedded and remote stores;
rdflib's memory store keeps the rdflib path (an in-memory ``Graph``,
pyshacl, ``longturtle``).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from kg import errors
from kg.errors import KGError, LoadError, ValidationError

__all__ = ["CaseChunk", "case_chunks", "build_streaming", "worker_count"]

#: Below this many bytes of YAML, reading in one process is faster than starting workers.
PARALLEL_BYTES = 2 << 20


@dataclass
class CaseChunk:
    """One case, read and checked: its N-Triples (sorted, no repeats) and what was found."""

    slug: str
    path: Path
    ntriples: bytes
    triples: int
    quotes_checked: int
    results: list = field(default_factory=list)  # failed shape checks; empty when the case conforms


@dataclass(frozen=True)
class _Failure:
    """A :class:`KGError` raised in a worker, in a form that crosses processes."""

    kind: str
    args: tuple

    def error(self) -> KGError:
        cls = getattr(errors, self.kind, KGError)
        return cls(*self.args)


def _error_args(error: KGError) -> tuple:
    if isinstance(error, LoadError):
        return (error.path, error.line, error.message)
    if isinstance(error, ValidationError):
        return (str(error), error.report)
    return (str(error),)


def _process(path: Path, documents, max_document_bytes: int, validate: bool) -> CaseChunk | _Failure:
    from kg.case import read_case
    from kg.loaders.case import case_triples
    from kg.loaders.documents import read_documents
    from kg.shape_checks import case_results
    from kg.store import ntriple_lines

    try:
        case = read_case(path)
        triples, stats = case_triples(case, read_documents(case, documents, max_bytes=max_document_bytes))
        lines = sorted(set(ntriple_lines(triples)))
        results = case_results(triples) if validate else []
    except KGError as e:
        return _Failure(type(e).__name__, _error_args(e))
    return CaseChunk(case.slug, path, "".join(lines).encode("utf-8"), len(lines), stats.quotes_checked, results)


def _process_args(args) -> CaseChunk | _Failure:
    return _process(*args)


def worker_count(paths: Sequence[Path]) -> int:
    """Processes to read ``paths`` with: ``KG_BUILD_WORKERS``, else one per core for big inputs."""
    configured = os.environ.get("KG_BUILD_WORKERS")
    if configured:
        try:
            return max(1, int(configured))
        except ValueError as e:
            raise KGError(f"KG_BUILD_WORKERS must be a whole number, not {configured!r}") from e
    if len(paths) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    size = sum(f.stat().st_size for p in paths for f in Path(p).glob("*.yaml"))
    return min(os.cpu_count() or 1, 8) if size >= PARALLEL_BYTES else 1


def case_chunks(paths: Sequence[Path], *, documents=None, max_document_bytes: int | None = None, validate: bool = True,
                workers: int | None = None) -> Iterator[CaseChunk]:
    """Each case of ``paths`` read and checked, in order; raises the first case's error."""
    workers = worker_count(paths) if workers is None else workers
    from kg.loaders.documents import MAX_DOCUMENT_BYTES, document_folders

    folders = document_folders(documents)  # checked once, before any case is read
    jobs = [(Path(p), folders, max_document_bytes or MAX_DOCUMENT_BYTES, validate) for p in paths]
    if workers <= 1:
        for job in jobs:
            done = _process_args(job)
            if isinstance(done, _Failure):
                raise done.error()
            yield done
        return
    # fork: the workers start at once with kg already imported; they touch no store.
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        for done in pool.imap(_process_args, jobs, chunksize=1):
            if isinstance(done, _Failure):
                raise done.error()
            yield done
    finally:
        pool.terminate()
        pool.join()


Progress = Callable[[str], None]


def _ontology_chunk() -> tuple[bytes, int]:
    """The ontology's N-Triples, its blank nodes labelled canonically (the same in every build)."""
    from rdflib.compare import to_canonical_graph

    from kg.ontology import ontology_graph
    from kg.store import ntriple_lines

    lines = sorted(set(ntriple_lines(to_canonical_graph(ontology_graph()))))
    return "".join(lines).encode("utf-8"), len(lines)


def build_streaming(
    case_dirs,
    *,
    where,
    out,
    documents,
    validate: bool,
    max_document_bytes: int | None = None,
    exporters: Iterable,
    progress: Progress | None,
):
    """:func:`kg.build.build` for the embedded and remote stores; see the module docstring."""
    from kg.build import BuildResult, find_cases
    from kg.export import turtle
    from kg.shape_checks import report
    from kg.store import load_ntriples, open_graph

    timings: dict[str, float] = {}
    started = time.perf_counter()
    paths = find_cases(case_dirs)
    seen: dict[str, Path] = {}
    slugs: list[str] = []
    failed: list = []
    counts = {"triples": 0, "quotes": 0}
    step = getattr(progress, "step", None)

    def chunks() -> Iterator[bytes]:
        ontology, count = _ontology_chunk()
        counts["triples"] += count
        yield ontology
        for number, chunk in enumerate(case_chunks(paths, documents=documents, max_document_bytes=max_document_bytes, validate=validate), 1):
            if chunk.slug in seen:
                raise LoadError(chunk.path / "case.yaml", 1, f"case id {chunk.slug!r} is also used by {seen[chunk.slug]}")
            seen[chunk.slug] = chunk.path
            slugs.append(chunk.slug)
            counts["triples"] += chunk.triples
            counts["quotes"] += chunk.quotes_checked
            failed.extend(chunk.results)
            if step:
                step(number, len(paths), f"reading {chunk.path}")
            elif progress:
                progress(f"reading {chunk.path}")
            yield chunk.ntriples
        timings["read"] = time.perf_counter() - started
        if failed:
            found = report(failed)
            if not found.conforms:
                raise ValidationError(f"the graph does not conform to the shapes ({found.violations} violations)", found.text)

    if progress:
        progress(f"reading {len(paths)} cases into {where}")
    location = load_ntriples(chunks(), where)
    timings["store"] = time.perf_counter() - started
    graph = open_graph(location)
    written: list[Path] = []
    if out is not None:
        out_dir = Path(out)
        for name, write in [("kg.ttl", turtle.write), *(exporters or [])]:
            if progress:
                progress(f"writing {out_dir / name}")
            began = time.perf_counter()
            write(graph, out_dir / name)
            timings[f"export {name}"] = time.perf_counter() - began
            written.append(out_dir / name)
    timings["total"] = time.perf_counter() - started
    return BuildResult(
        graph=graph,
        store=location,
        cases=slugs,
        triples=counts["triples"],
        quotes_checked=counts["quotes"],
        exports=written,
        timings=timings,
    )
