"""Building: case folders → one validated graph → the store → ``kg.ttl``.

All or nothing: every case is read and checked, and the whole graph is
validated, before anything is written. The store is swapped atomically and
exports are written to temporary files and renamed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rdflib import Graph

from kg.case import Case, read_case
from kg.errors import LoadError, ValidationError
from kg.loaders.case import LoadStats, case_triples
from kg.loaders.documents import MAX_DOCUMENT_BYTES, read_documents
from kg.ontology import ontology_graph
from kg.store import StoreLocation, replace_graph

__all__ = ["DEFAULT_SEEDS", "find_cases", "load_cases", "build", "BuildResult"]

DEFAULT_SEEDS = "seeds"

Progress = Callable[[str], None]


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
    """Read cases into one in-memory graph that includes the ontology."""
    graph = Graph()
    graph += ontology_graph()
    cases: list[Case] = []
    total = LoadStats()
    seen: dict[str, Path] = {}
    for path in find_cases(case_dirs):
        if progress:
            progress(f"reading {path}")
        case = read_case(path)
        if case.slug in seen:
            raise LoadError(path / "case.yaml", 1, f"case id {case.slug!r} is also used by {seen[case.slug]}")
        seen[case.slug] = path
        triples, stats = case_triples(case, read_documents(case, documents, max_bytes=max_document_bytes))
        graph += triples
        total.quotes_checked += stats.quotes_checked
        cases.append(case)
    return graph, cases, total


Exporter = Callable[[Graph, Path], None]


def _shapes_compile(validate: bool) -> bool:
    """Can the shapes be checked case by case (:mod:`kg.shape_checks`)? Else pyshacl."""
    if not validate:
        return True
    from kg.shape_checks import Unsupported, compile_shapes

    try:
        compile_shapes()
    except Unsupported:
        return False
    return True


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
    """Build the cases into ``store`` and write ``kg.ttl`` into ``out``.

    Raises :class:`LoadError` for bad case files and :class:`ValidationError`
    when the graph breaks the SHACL shapes; nothing is written in either case.

    The embedded and remote stores take the fast path of :mod:`kg.pipeline`
    (cases read in parallel, checked one by one, streamed into the store);
    rdflib's memory store reads the cases into one rdflib graph and checks it
    with pyshacl.
    """
    from kg.export import turtle
    from kg.store import parse_location

    where = parse_location(store)
    if where.kind != "memory" and _shapes_compile(validate):
        from kg.pipeline import build_streaming

        return build_streaming(case_dirs, where=where, out=out, documents=documents, max_document_bytes=max_document_bytes, validate=validate,
                               exporters=exporters, progress=progress)
    graph, cases, stats = load_cases(case_dirs, documents=documents, max_document_bytes=max_document_bytes, progress=progress)
    if validate:
        from kg.validate import validate_graph

        if progress:
            progress("validating")
        report = validate_graph(graph)
        if not report.conforms:
            raise ValidationError(f"the graph does not conform to the shapes ({report.violations} violations)", report.text)
    if progress:
        progress("writing the store")
    location = replace_graph(graph, store)
    written: list[Path] = []
    if out is not None:
        out_dir = Path(out)
        for name, write in [("kg.ttl", turtle.write), *(exporters or [])]:
            if progress:
                progress(f"writing {out_dir / name}")
            write(graph, out_dir / name)
            written.append(out_dir / name)
    return BuildResult(
        graph=graph,
        store=location,
        cases=[c.slug for c in cases],
        triples=len(graph),
        quotes_checked=stats.quotes_checked,
        exports=written,
    )
