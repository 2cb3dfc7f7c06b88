"""Building: case folders → N-Triples chunks → the store → checks → exports.

There is one route, whatever the store. Every reference in a case resolves
inside that case or to the ontology, so each case is read, turned into
triples and written as N-Triples on its own, in worker processes on every
core for big inputs. The main process streams the chunks, in case order,
into the store's loader (:mod:`kg.backends`: Oxigraph's bulk loader,
rdflib's N-Triples parser for the memory store, batches for a remote
endpoint) while the workers read ahead. The shapes are checked by SPARQL
aggregates (:mod:`kg.shape_checks`) in the workers, over each batch of cases
in the small in-memory store the batch is loaded into with the ontology: a
case's triples are about its own items, so each check finds there what it
would find in the whole graph (:func:`kg.shape_checks.case_local`); shapes
for which that does not hold are checked in the engine that holds the new
graph once it is stored (:func:`kg.validate.check_graph`). A failed check
names the case file and line of the entry that made the node.

All or nothing: the new graph replaces the previous one only when every case
was read, the whole graph conforms and every export is written. Exports are
written from the new graph before it is swapped in, into a hidden folder
beside them, and renamed into place after the swap, so a failed build, even
one whose exports cannot be written (``--out /dev/null``), leaves the store
and the exports as they were.

pyshacl is the fallback for shapes that :mod:`kg.shape_checks` cannot
compile, and the reference the tests hold the compiled checks to.
"""

from __future__ import annotations


import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from kg import errors
from kg.atomic import StagedFiles
from kg.errors import KGError, LoadError, ValidationError
from kg.loaders.documents import MAX_DOCUMENT_BYTES, document_folders, read_documents
from kg.progress import Progress, counted, stage

if TYPE_CHECKING:  # rdflib, YAML and the store are imported on first use, so `import kg` stays light
    from rdflib import Graph

    from kg.case import Case
    from kg.loaders.case import LoadStats
    from kg.store import StoreLocation

__all__ = [
    "DEFAULT_SEEDS",
    "find_cases",
    "load_cases",
    "build",
    "BuildResult",
    "CaseChunk",
    "case_chunks",
    "worker_count",
]

DEFAULT_SEEDS = "seeds"

#: Below this many bytes of YAML, reading in one process is faster than starting workers.
PARALLEL_BYTES = 2 << 20
#: Cases read by a worker in one go, their summaries made in one small store (:func:`kg.summaries.cases_summaries`).
SUMMARY_BATCH = 8
#: Batches read ahead of the store per worker: enough to keep the workers busy, few enough to bound the memory they hold.
READ_AHEAD = 3

Exporter = Callable[["Graph", Path], None]


@dataclass
class BuildResult:
    graph: Graph
    store: StoreLocation | None
    cases: list[str]
    triples: int
    quotes_checked: int = 0
    exports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase, for benchmarks


def find_cases(paths: Sequence[str | os.PathLike] | None = None) -> list[Path]:
    """Case folders named by ``paths``: each is a case, or a folder of cases.

    With no paths, every case under ``seeds/``.
    """
    roots = [Path(p) for p in (paths or [DEFAULT_SEEDS])]
    found: list[Path] = []
    for root in roots:
        if not root.exists():
            raise LoadError(root, None, "case folder not found")
        if (root / "case.yaml").is_file():
            found.append(root)
            continue
        children = sorted(p for p in root.iterdir() if (p / "case.yaml").is_file()) if root.is_dir() else []
        if not children:
            raise LoadError(root, None, "no case here: expected case.yaml, or folders that hold one")
        found.extend(children)
    return found


def load_cases(
    case_dirs: Sequence[str | os.PathLike] | None = None,
    *,
    documents=None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    progress: Progress | None = None,
) -> tuple[Graph, list[Case], LoadStats]:
    """Read cases into one in-memory rdflib graph that includes the ontology (no store, no checks).

    For notebooks and tests; :func:`build` is the route that stores and exports.
    """
    from rdflib import Graph

    from kg.case import read_case
    from kg.loaders.case import LoadStats, case_triples
    from kg.ontology import ontology_graph

    graph = Graph()
    graph += ontology_graph()
    cases: list[Case] = []
    total = LoadStats()
    seen: dict[str, Path] = {}
    folders = document_folders(documents)
    for path in counted(progress, "reading cases", find_cases(case_dirs)):
        case = read_case(path)
        _check_unique(seen, case.slug, path)
        triples, stats = case_triples(case, read_documents(case, folders, max_bytes=max_document_bytes))
        graph += triples
        total.quotes_checked += stats.quotes_checked
        cases.append(case)
    return graph, cases, total


def _check_unique(seen: dict[str, Path], slug: str, path: Path) -> None:
    if slug in seen:
        raise LoadError(path / "case.yaml", 1, f"case id {slug!r} is also used by {seen[slug]}")
    seen[slug] = path


# ---------------------------------------------------------------- cases → checked chunks


@dataclass
class CaseChunk:
    """One case, read and checked: its N-Triples (sorted, no repeats) and what was found.

    With ``summaries``, ``ntriples`` ends with the case's materialised summaries as N-Quads
    (:mod:`kg.summaries`); ``triples`` counts the graph's triples only. ``places`` maps each
    node the case made (its IRI as text) to the "FILE:LINE" of its entry, for the shapes' report.

    With ``turtle``, ``turtle`` is the case's canonical Turtle (:mod:`kg.turtle`: the triples whose subject is its
    item, in the order of their N-Triples lines as the engine writes them) and ``other`` the N-Triples lines of other
    subjects that the case made and the ontology does not hold; ``turtle`` is None when its lines cannot be told
    apart from other cases'.

    ``failures``: with ``checks``, what broke the shapes in the batch of cases this one was read with, on the batch's
    first case (:func:`kg.shape_checks.failed_checks`: each a check's index and its row), and ``checking`` the CPU
    seconds the checks took.
    """

    slug: str
    path: Path
    ntriples: bytes
    triples: int
    quotes_checked: int
    places: dict = field(default_factory=dict)
    turtle: bytes | None = None
    other: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    checking: float = 0.0


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


def _process(path: Path, folders: list[Path], max_document_bytes: int, validate: bool) -> CaseChunk | _Failure:
    from kg.case import read_case
    from kg.loaders.case import case_ntriples

    try:
        case = read_case(path)
        lines, stats = case_ntriples(case, read_documents(case, folders, max_bytes=max_document_bytes))
        lines = sorted(set(lines))
    except KGError as e:
        return _Failure(type(e).__name__, _error_args(e))
    places = stats.locations if validate else {}
    return CaseChunk(case.slug, path, "".join(lines).encode("utf-8"), len(lines), stats.quotes_checked, places)


def _process_batch(args) -> list[CaseChunk | _Failure]:
    """Cases read in turn, up to the first that fails, then loaded together with the ontology into one small store
    (:func:`kg.summaries.batch_store`) for what is asked of them: with ``checks``, the shapes checked there
    (:class:`CaseChunk` ``failures``); with ``summaries``, their summaries (:func:`kg.summaries.cases_summaries`), put
    after each case's N-Triples; with ``turtle`` too, each case's lines of canonical Turtle
    (:func:`kg.turtle.turtle_lines`)."""
    paths, folders, max_document_bytes, validate, summaries, turtle, checks = args
    done: list[CaseChunk | _Failure] = []
    for path in paths:
        done.append(_process(path, folders, max_document_bytes, validate))
        if isinstance(done[-1], _Failure):
            break
    read = [chunk for chunk in done if isinstance(chunk, CaseChunk)]
    if (summaries or checks) and read:
        from kg.summaries import batch_store

        cases = [(chunk.slug, chunk.ntriples) for chunk in read]
        store = batch_store(cases)
        if checks:
            from kg.shape_checks import failed_checks

            began = time.process_time()
            read[0].failures = failed_checks(store, threads=1)  # the other workers have the other cores
            read[0].checking = time.process_time() - began
        if summaries:
            from kg.summaries import cases_summaries
            from kg.turtle import turtle_lines

            if turtle:
                turtle_lines(store, read, _ontology_chunk()[0])
            for chunk, quads in zip(read, cases_summaries(cases, store)):
                chunk.ntriples += quads
    return done


def worker_count(paths: Sequence[Path]) -> int:
    """Processes to read ``paths`` with: ``KG_BUILD_WORKERS``, else one per core for big inputs."""
    configured = os.environ.get("KG_BUILD_WORKERS")
    if configured:
        try:
            return max(1, int(configured))
        except ValueError as e:
            raise KGError(f"KG_BUILD_WORKERS must be a whole number, not {configured!r}") from e
    import multiprocessing

    if len(paths) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    size = sum(f.stat().st_size for p in paths for f in Path(p).glob("*.yaml"))
    return min(os.cpu_count() or 1, 8) if size >= PARALLEL_BYTES else 1


def _read_ahead(pool, jobs: list, window: int) -> Iterator:
    """Each job's result, in order, with at most ``window`` jobs given to the pool and not yet taken.

    ``Pool.imap`` hands out every job at once and keeps each result until it is
    taken: when the workers read faster than the store loads, every case read
    waits in this process. At 10M triples (3.6 GB of N-Triples and summaries)
    that was most of the build's peak memory.
    """
    from collections import deque

    pending: deque = deque()
    for job in jobs:
        if len(pending) >= window:
            yield pending.popleft().get()
        pending.append(pool.apply_async(_process_batch, (job,)))
    while pending:
        yield pending.popleft().get()


def case_chunks(
    paths: Sequence[Path],
    *,
    documents=None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    validate: bool = True,
    workers: int | None = None,
    summaries: bool = False,
    turtle: bool = False,
    checks: bool = False,
) -> Iterator[CaseChunk]:
    """Each case of ``paths`` read, in order (with its nodes' places when ``validate``); raises the first case's error.

    ``summaries``: with each case's materialised summaries (:mod:`kg.summaries`); ``turtle`` (with ``summaries``):
    and its lines of canonical Turtle; ``checks``: and the shapes checked over it and the cases read with it
    (:class:`CaseChunk`)."""
    workers = worker_count(paths) if workers is None else workers
    folders = document_folders(documents)  # checked once, before any case is read
    if summaries:
        from kg.summaries import prepare_summaries

        prepare_summaries()  # before the workers fork, so that they inherit it
        if turtle:
            from kg.turtle import ontology_lines

            ontology_lines(_ontology_chunk()[0])
    if checks:
        from kg.shape_checks import compile_shapes

        compile_shapes()  # the same: compiled once
        _ontology_chunk()
    paths = [Path(p) for p in paths]
    jobs = [(paths[i : i + SUMMARY_BATCH], folders, max_document_bytes, validate, summaries, turtle, checks)
            for i in range(0, len(paths), SUMMARY_BATCH)]
    if workers <= 1:
        batches = map(_process_batch, jobs)
    else:
        # fork: the workers start at once with kg already imported; they touch no store.
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(workers)
        batches = _read_ahead(pool, jobs, READ_AHEAD * workers)
    try:
        for batch in batches:
            for done in batch:
                if isinstance(done, _Failure):
                    raise done.error()
                yield done
    finally:
        if workers > 1:
            pool.terminate()
            pool.join()


def _ontology_chunk() -> tuple[bytes, int]:
    """The ontology's N-Triples and their count (:func:`kg.ontology.ontology_ntriples`)."""
    from kg.ontology import ontology_ntriples

    return ontology_ntriples()


def _shapes_compile(validate: bool) -> bool:
    """Do the shapes compile (:mod:`kg.shape_checks`)? Else pyshacl checks the new graph."""
    if not validate:
        return True
    from kg.shape_checks import Unsupported, compile_shapes

    try:
        compile_shapes()
    except Unsupported:
        return False
    return True


def _checked_by_case(validate: bool, compiled: bool) -> bool:
    """Are the shapes checked over each batch of cases as it is read (:func:`kg.shape_checks.case_local`), rather
    than over the whole new graph once it is stored?"""
    if not (validate and compiled):
        return False
    from kg.shape_checks import case_local, compile_shapes

    return case_local(compile_shapes())


class _Beside:
    """``work()`` run in a thread beside this one; :meth:`result` waits for it and gives its seconds."""

    def __init__(self, work: Callable[[], None]):
        import threading

        self._error: BaseException | None = None
        self._seconds = 0.0
        self._thread = threading.Thread(target=self._run, args=(work,), name="kg-beside", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        began = time.perf_counter()
        try:
            work()
        except BaseException as e:  # handed to the caller by result()
            self._error = e
        self._seconds = time.perf_counter() - began

    def wait(self) -> None:
        """Wait for the work to end, whatever it raised (the caller has an error of its own to give)."""
        self._thread.join()

    def result(self) -> float:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._seconds


def _case_report(failures: list, places: dict):
    """The report of the shapes checked batch by batch (:func:`_checked_by_case`): the failures of every batch, each
    once (an ontology term that broke a shape would fail in every batch), as the whole graph's check gives them."""
    from kg.shape_checks import compile_shapes, report

    checks = compile_shapes()
    return report([(checks[index], row) for index, row in dict.fromkeys(failures)], places)


def _nonconforming(report) -> ValidationError:
    return ValidationError(
        f"the graph does not conform to the shapes ({report.violations} violations)", report.text
    )


# ---------------------------------------------------------------- the build


def build(
    case_dirs: Sequence[str | os.PathLike] | None = None,
    *,
    out: str | os.PathLike | None = "exports",
    documents=None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
    store: str | os.PathLike | None = None,
    validate: bool = True,
    exporters: Iterable[tuple[str, Exporter]] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the cases into ``store`` and write ``kg.ttl`` (and ``exporters``) into ``out``.

    ``documents`` is a folder, or a list of folders searched in order, holding
    the sources' documents. Raises :class:`LoadError` for bad case files,
    :class:`ValidationError` when the graph breaks the SHACL shapes and
    :class:`ExportError` when an export cannot be written; in every case the
    store and the exports are left as they were.
    """
    from kg.backends import backend
    from kg.store import open_graph, parse_location

    where = parse_location(store)
    store_backend = backend(where)
    compiled = _shapes_compile(validate)
    by_case = _checked_by_case(validate, compiled)
    failures: list = []
    timings: dict[str, float] = {}
    started = time.perf_counter()
    paths = find_cases(case_dirs)
    folders = document_folders(documents)
    seen: dict[str, Path] = {}
    slugs: list[str] = []
    places: dict = {}
    counts = {"triples": 0, "quotes": 0}
    staged = StagedFiles(out, "exports") if out is not None else None
    # kg.ttl from the cases' own lines (kg.turtle), made beside their summaries, in the embedded store's build
    parts = None
    if staged is not None and where.kind == "oxigraph":
        from kg.turtle import TurtleParts

        parts = TurtleParts(staged.stage)

    def chunks() -> Iterator[bytes]:
        ontology, count = _ontology_chunk()
        counts["triples"] += count
        yield ontology
        cases = case_chunks(
            paths,
            documents=folders,
            max_document_bytes=max_document_bytes,
            validate=validate,
            summaries=where.kind == "oxigraph",  # named graphs: the embedded store's (kg.summaries)
            turtle=parts is not None,
            checks=by_case,
        )
        for number, chunk in enumerate(cases, 1):
            _check_unique(seen, chunk.slug, chunk.path)
            slugs.append(chunk.slug)
            counts["triples"] += chunk.triples
            counts["quotes"] += chunk.quotes_checked
            places.update(chunk.places)
            failures.extend(chunk.failures)
            if by_case:
                timings["checks in the workers, CPU"] = timings.get("checks in the workers, CPU", 0.0) + chunk.checking
            if parts is not None:
                parts.add(chunk)
            if progress:
                progress("reading cases", number, len(paths))
            yield chunk.ntriples
        timings["read"] = time.perf_counter() - started
        stage(progress, "loading into the store")

    def before_swap(graph: Graph) -> None:
        """The new graph, complete but not yet in place: the shapes, then the exports.

        In the embedded store, ``kg.ttl`` is written from the cases' own lines (:class:`kg.turtle.TurtleParts`), or,
        where those cannot be put in order, dumped from the store while the shapes are checked (both run in the
        engine, outside Python's lock); it is staged, so it goes if a check fails.
        """
        timings["store"] = time.perf_counter() - started
        if staged is None:
            writers = []
        else:
            writers = [("kg.ttl", store_backend.dump_turtle), *(exporters or [])]
        from_parts = parts is not None and parts.ready()  # parts only where there is a staged kg.ttl
        if from_parts:
            writers[0] = ("kg.ttl", lambda graph, path: parts.write(path, _ontology_chunk()[0]) or store_backend.dump_turtle(graph, path))
        dumping = None
        if validate and staged is not None and not from_parts and compiled and not by_case and where.kind == "oxigraph":
            ttl = staged.path("kg.ttl")
            dumping = _Beside(lambda: store_backend.dump_turtle(graph, ttl))
        if validate:
            from kg.validate import check_graph, pyshacl_report

            stage(progress, "checking the shapes" if compiled else "validating with pyshacl")
            try:
                if by_case:  # checked already, batch by batch in the workers
                    found = _case_report(failures, places)
                else:
                    found = check_graph(graph, places) if compiled else pyshacl_report(graph)
            except BaseException:
                if dumping is not None:
                    dumping.wait()
                raise
            timings["validate"] = time.perf_counter() - started - timings["store"]
            if not found.conforms:
                if dumping is not None:
                    dumping.wait()
                raise _nonconforming(found)
        if dumping is not None:
            if progress:
                progress("writing exports", 0, len(writers))
            timings["export kg.ttl"] = dumping.result()  # raises what the dump raised
        for number, (name, write) in enumerate(writers):
            if dumping is not None and number == 0:
                continue  # kg.ttl, written beside the checks
            if progress:
                progress("writing exports", number, len(writers))
            began = time.perf_counter()
            write(graph, staged.path(name))
            timings[f"export {name}"] = time.perf_counter() - began
        if staged is not None:  # for `kg export` of this graph (kg.backends)
            store_backend.keep_turtle(graph, staged.path("kg.ttl"))

    if progress:
        progress("reading cases", 0, len(paths))
    try:
        store_backend.load(chunks(), check=before_swap, own=True)
    except BaseException:
        if staged is not None:
            staged.discard()
        raise
    finally:
        if parts is not None:
            parts.close()
    written = staged.commit() if staged is not None else []
    timings["total"] = time.perf_counter() - started
    return BuildResult(
        graph=open_graph(where),
        store=where,
        cases=slugs,
        triples=counts["triples"],
        quotes_checked=counts["quotes"],
        exports=written,
        timings=timings,
    )
