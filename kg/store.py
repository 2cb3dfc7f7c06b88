"""Opening the graph: every command goes through :func:`open_graph`.

A store location is one of:

* a folder path, or ``oxigraph:PATH`` — the embedded on-disk Oxigraph store
  (the default, ``.kg/store``). Queries run in Oxigraph's own SPARQL engine
  through ``oxrdflib``.
* ``memory`` — rdflib's in-memory store, for one process (notebooks, tests).
* ``memory:FILE.nt`` — rdflib's in-memory store, saved to and reloaded from an
  N-Triples file so that separate commands see the same graph.

The location comes from ``--store``, else the ``KG_STORE`` environment
variable, else ``.kg/store``.

An Oxigraph location is a folder holding generations of the store and a
``current`` symlink. A build writes a new generation beside the old one and
swaps the link atomically, so a reader never sees a half-built graph and a
build killed half way leaves the previous graph readable. A lock file stops
two builds from writing at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from kg.errors import StoreError

__all__ = ["DEFAULT_STORE", "StoreLocation", "parse_location", "open_graph", "replace_graph", "store_lock", "normalize_term"]

DEFAULT_STORE = ".kg/store"
_CURRENT = "current"
_LOCK = ".lock"


@dataclass(frozen=True)
class StoreLocation:
    kind: str  # "oxigraph" | "memory"
    path: Path | None = None

    def __str__(self) -> str:
        if self.kind == "memory":
            return f"memory:{self.path}" if self.path else "memory"
        return str(self.path)


def parse_location(location: str | os.PathLike | None = None) -> StoreLocation:
    """Read a store location from an argument, ``KG_STORE``, or the default.

    >>> parse_location("memory")
    StoreLocation(kind='memory', path=None)
    >>> parse_location("oxigraph:/tmp/s").path
    PosixPath('/tmp/s')
    """
    text = str(location) if location is not None else os.environ.get("KG_STORE") or DEFAULT_STORE
    if text == "memory":
        return StoreLocation("memory")
    if text.startswith("memory:"):
        return StoreLocation("memory", Path(text[len("memory:"):]))
    if text.startswith(("http://", "https://", "sparql:")):
        raise StoreError(f"remote SPARQL stores are not supported by this version: {text}")
    if text.startswith("oxigraph:"):
        text = text[len("oxigraph:"):]
    return StoreLocation("oxigraph", Path(text))


def normalize_term(term):
    """RDF 1.1 says ``"x"`` and ``"x"^^xsd:string`` are one term; rdflib does not.

    Oxigraph hands back the typed form, so terms are normalised to the plain
    form wherever graphs from different stores meet.
    """
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term), lang=None)
    return term


_memory_graphs: dict[str, Graph] = {}


def _open_oxigraph(path: Path) -> Graph:
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    current = path / _CURRENT
    if not current.exists():
        raise StoreError(f"no graph in store {path}: run `kg build` first")
    try:
        store = ox.Store.read_only(str(current.resolve()))
    except OSError as e:
        raise StoreError(f"cannot open store {path}: {e}") from e
    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def open_graph(location: str | os.PathLike | None = None) -> Graph:
    """Open the built graph for reading.

    Raises :class:`StoreError` when there is nothing built at the location.
    """
    where = parse_location(location)
    if where.kind == "memory":
        if where.path is None:
            return _memory_graphs.setdefault("memory", Graph())
        if not where.path.exists():
            raise StoreError(f"no graph at {where.path}: run `kg build --store {where}` first")
        graph = Graph()
        graph.parse(where.path, format="nt")
        return graph
    return _open_oxigraph(where.path)


@contextmanager
def store_lock(path: Path) -> Iterator[None]:
    """Hold the store's write lock, or fail at once if another build holds it."""
    path.mkdir(parents=True, exist_ok=True)
    lock_path = path / _LOCK
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(f"store {path} is being written by {holder}; wait for that build to finish and try again") from e
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg build (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ntriples(triples: Iterable) -> Iterator[str]:
    from rdflib.plugins.serializers.nt import (
        _nt_row,  # escapes line breaks, unlike Node.n3()
    )

    for s, p, o in triples:
        yield _nt_row((s, p, normalize_term(o)))


def _replace_oxigraph(path: Path, triples: Iterable) -> None:
    import pyoxigraph as ox

    with store_lock(path):
        generation = path / f"data-{uuid.uuid4().hex[:12]}"
        try:
            store = ox.Store(str(generation))
            store.bulk_load("".join(_ntriples(triples)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            store.flush()
            del store
        except Exception as e:
            shutil.rmtree(generation, ignore_errors=True)
            raise StoreError(f"cannot write store {path}: {e}") from e
        current = path / _CURRENT
        previous = current.resolve() if current.exists() else None
        link = path / f".{_CURRENT}-{uuid.uuid4().hex[:8]}"
        os.symlink(generation.name, link)
        os.replace(link, current)  # the atomic switch
        # Keep the previous generation for readers that still have it open.
        for old in path.glob("data-*"):
            if old != generation and old != previous:
                shutil.rmtree(old, ignore_errors=True)


def replace_graph(triples: Iterable, location: str | os.PathLike | None = None) -> StoreLocation:
    """Replace the graph at ``location`` with ``triples``, all or nothing."""
    where = parse_location(location)
    if where.kind == "oxigraph":
        _replace_oxigraph(where.path, triples)
    elif where.path is None:
        graph = Graph()
        graph += ((s, p, normalize_term(o)) for s, p, o in triples)
        _memory_graphs["memory"] = graph
    else:
        where.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where.path.parent, prefix=f".{where.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.writelines(sorted(_ntriples(triples)))
            os.replace(tmp, where.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return where
