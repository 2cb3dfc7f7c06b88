"""Opening the graph: every command goes through :func:`open_graph`.

A store location is one of:

* a folder path, or ``oxigraph:PATH`` — the embedded on-disk Oxigraph store
  (the default, ``.kg/store``). Queries run in Oxigraph's own SPARQL engine
  through ``oxrdflib``.
* ``memory`` — rdflib's in-memory store, for one process (notebooks, tests).
* ``memory:FILE.nt`` — rdflib's in-memory store, saved to and reloaded from an
  N-Triples file so that separate commands see the same graph.
* ``sparql+http://HOST:PORT/query[?update=URL][&graph=IRI|default][&gsp=URL]``
  — a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB,
  Virtuoso, Neptune); queries run in its engine. See :mod:`kg.remote`.

The location comes from ``--store``, else the ``KG_STORE`` environment
variable, else ``.kg/store``.

An Oxigraph location is a folder holding generations of the store and a
``current`` symlink. A build writes a new generation beside the old one and
swaps the link atomically, so a reader never sees a half-built graph and a
build killed half way leaves the previous graph readable. A lock file stops
two builds from writing at once: the second fails at once and names the first.
"""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.remote import RemoteEndpoint, is_remote, open_remote, parse_remote, replace_remote

__all__ = [
    "DEFAULT_STORE",
    "StoreLocation",
    "parse_location",
    "open_graph",
    "replace_graph",
    "load_ntriples",
    "ntriple_lines",
    "store_lock",
    "normalize_term",
    "damaged_store",
    "MEMORY_ELSEWHERE",
]

DEFAULT_STORE = ".kg/store"
_CURRENT = "current"
_LOCK = ".lock"


@dataclass(frozen=True)
class StoreLocation:
    kind: str  # "oxigraph" | "memory" | "remote"
    path: Path | None = None
    remote: RemoteEndpoint | None = None

    def __str__(self) -> str:
        if self.kind == "memory":
            return f"memory:{self.path}" if self.path else "memory"
        if self.kind == "remote":
            return self.remote.location
        return str(self.path)


def parse_location(location: str | os.PathLike | None = None) -> StoreLocation:
    """Read a store location from an argument, ``KG_STORE``, or the default.

    >>> parse_location("memory")
    StoreLocation(kind='memory', path=None, remote=None)
    >>> parse_location("oxigraph:/tmp/s").path
    PosixPath('/tmp/s')
    >>> parse_location("sparql+http://localhost:3030/ds/query").remote.update_url
    'http://localhost:3030/ds/update'
    """
    text = str(location) if location is not None else os.environ.get("KG_STORE") or DEFAULT_STORE
    if text == "memory":
        return StoreLocation("memory")
    if text.startswith("memory:"):
        return StoreLocation("memory", Path(text[len("memory:"):]))
    if is_remote(text):
        return StoreLocation("remote", remote=parse_remote(text))
    if text.startswith("sparql:"):
        raise StoreError(f"unknown store location {text}: a remote endpoint is written sparql+http://HOST:PORT/query")
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


def _quoted(literal: Literal) -> str:
    text = '"%s"' % literal.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if literal.language:
        return f"{text}@{literal.language}"
    datatype = literal.datatype
    if datatype is None or datatype == XSD.string:  # RDF 1.1: the same term
        return text
    return f"{text}^^<{datatype}>"


def ntriple_lines(triples: Iterable) -> Iterator[str]:
    """N-Triples lines, ``"x"^^xsd:string`` written as ``"x"``.

    IRIs repeat a lot (predicates, classes, subjects), so each is checked and
    written once; this is the hot loop of a big build.

    >>> from rdflib import URIRef, Literal
    >>> list(ntriple_lines([(URIRef("urn:a"), URIRef("urn:b"), Literal("two\\nlines"))]))
    ['<urn:a> <urn:b> "two\\\\nlines" .\\n']
    """
    iris: dict = {}
    for s, p, o in triples:
        subject = iris.get(s)
        if subject is None:
            subject = iris[s] = s.n3()
        predicate = iris.get(p)
        if predicate is None:
            predicate = iris[p] = p.n3()
        kind = type(o)
        if kind is URIRef:
            obj = iris.get(o)
            if obj is None:
                obj = iris[o] = o.n3()
        elif kind is Literal:
            obj = _quoted(o)
        elif kind is BNode:
            obj = o.n3()
        else:
            obj = _quoted(o) if isinstance(o, Literal) else o.n3()
        yield f"{subject} {predicate} {obj} .\n"


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
    except RuntimeError as e:  # RocksDB's "Corruption: ..." and the like
        raise damaged_store(path, e) from e
    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def damaged_store(path: Path, error: BaseException) -> StoreError:
    """The error for a store whose files are damaged: what the engine said, and how to rebuild it.

    >>> print(damaged_store(Path(".kg/store"), RuntimeError("Corruption: Sst file size mismatch\\nmore")))
    the store .kg/store is damaged (Corruption: Sst file size mismatch); rebuild it: kg build CASE_DIR... --store .kg/store
    """
    said = (str(error).strip().splitlines() or ["unknown error"])[0]
    if len(said) > 200:
        said = said[:199] + "…"
    return StoreError(f"the store {path} is damaged ({said}); rebuild it: kg build CASE_DIR... --store {path}")


MEMORY_ELSEWHERE = (
    "the memory store lives only inside one process, and nothing was built into it in this one; "
    "build into a folder (--store .kg/store, the default) or a file (--store memory:FILE.nt) "
    "to read the graph from another command"
)


def open_graph(location: str | os.PathLike | None = None) -> Graph:
    """Open the built graph for reading, with kg's prefixes bound (``graph.query`` may use ``kg:``).

    Raises :class:`StoreError` when there is nothing built at the location,
    or a remote endpoint cannot be reached.
    """
    return _with_prefixes(_open(parse_location(location)))


def _with_prefixes(graph: Graph) -> Graph:
    from kg.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _open(where) -> Graph:
    if where.kind == "memory":
        if where.path is None:
            if "memory" not in _memory_graphs:
                raise StoreError(MEMORY_ELSEWHERE)
            return _memory_graphs["memory"]
        if not where.path.exists():
            raise StoreError(f"no graph at {where.path}: run `kg build --store {where}` first")
        graph = Graph()
        graph.parse(where.path, format="nt")
        return graph
    if where.kind == "remote":
        return open_remote(where.remote)
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


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte chunks, for Oxigraph's streaming loader.

    Oxigraph's loaders give blank nodes fresh random labels, which would make
    the store, and the Turtle dumped from it, differ from build to build.
    Chunks that may hold blank nodes (the ontology's lists and restrictions)
    are set aside in ``held`` and added with their own labels.
    """

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")
        self.held: list[bytes] = []

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            try:
                chunk = next(self._chunks)
            except StopIteration:
                return 0
            if b"_:" in chunk:
                self.held.append(chunk)
            else:
                self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


#: Called with the new graph, complete but not yet in place; raising abandons it.
Check = Callable[[Graph], None]


def _replace_oxigraph(path: Path, chunks: Iterable[bytes], check: Check | None = None) -> None:
    created = not path.exists()
    try:
        _replace_oxigraph_locked(path, chunks, check)
    except BaseException:
        if created:  # a failed first build leaves no empty store folder behind
            shutil.rmtree(path, ignore_errors=True)
        raise


def _replace_oxigraph_locked(path: Path, chunks: Iterable[bytes], check: Check | None) -> None:
    import pyoxigraph as ox

    with store_lock(path):
        generation = path / f"data-{uuid.uuid4().hex[:12]}"
        try:
            store = ox.Store(str(generation))
            # Streamed: the chunks are produced (cases read) while Oxigraph loads.
            reader = _ChunkReader(chunks)
            # N-Quads: N-Triples, and the summaries' rows in their named graphs (kg.summaries).
            store.bulk_load(io.BufferedReader(reader, 1 << 20), format=ox.RdfFormat.N_QUADS)
            if reader.held:
                store.extend(ox.parse(b"".join(reader.held), format=ox.RdfFormat.N_QUADS))
            store.flush()
            if check is not None:
                from oxrdflib import OxigraphStore

                # raises to abandon the generation
                check(Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID))
            del store
        except BaseException as e:
            shutil.rmtree(generation, ignore_errors=True)
            if isinstance(e, (OSError, ValueError, SyntaxError)):
                raise StoreError(f"cannot write store {path}: {e}") from e
            raise
        current = path / _CURRENT
        previous = current.resolve() if current.exists() else None
        link = path / f".{_CURRENT}-{uuid.uuid4().hex[:8]}"
        os.symlink(generation.name, link)
        os.replace(link, current)  # the atomic switch
        # Keep the previous generation for readers that still have it open;
        # older ones, and any a killed build left half written, go.
        for old in path.glob("data-*"):
            if old != generation and old != previous:
                shutil.rmtree(old, ignore_errors=True)
        for stale in path.glob(f".{_CURRENT}-*"):
            stale.unlink(missing_ok=True)


def load_ntriples(
    chunks: Iterable[bytes],
    location: str | os.PathLike | None = None,
    *,
    check: Check | None = None,
) -> StoreLocation:
    """Replace the graph at ``location`` with the N-Triples in ``chunks``, all or nothing.

    This is how every build reaches its store: the embedded store loads the
    bytes with Oxigraph's bulk loader, the memory store with rdflib's
    N-Triples parser, and a remote store receives them in batches. Each
    chunk holds whole lines. An exception raised while the chunks are
    produced, or by ``check`` (called with an rdflib ``Graph`` over the new
    graph before it replaces the old one), leaves the previous graph in place.
    """
    where = parse_location(location)
    if where.kind == "oxigraph":
        _replace_oxigraph(where.path, chunks, check)
    elif where.kind == "remote":
        replace_remote(where.remote, chunks, check=check)
    else:
        graph = Graph()
        for data in chunks:
            if data:
                graph.parse(data=data.decode("utf-8"), format="nt")
        if check is not None:
            check(graph)
        _replace_memory(where, graph)
    return where


def _replace_memory(where: StoreLocation, graph: Graph) -> None:
    if where.path is None:
        _memory_graphs["memory"] = graph
        return
    from kg.atomic import atomic_write

    with atomic_write(where.path) as out:
        out.writelines(sorted(ntriple_lines(graph)))


def replace_graph(triples: Iterable, location: str | os.PathLike | None = None) -> StoreLocation:
    """Replace the graph at ``location`` with ``triples``, all or nothing."""
    where = parse_location(location)
    if where.kind == "memory":
        graph = Graph()
        graph += ((s, p, normalize_term(o)) for s, p, o in triples)
        _replace_memory(where, graph)
        return where
    # Sorted and without repeats: deterministic, and a remote store can count them.
    lines = sorted(set(ntriple_lines(triples)))
    return load_ntriples((line.encode("utf-8") for line in lines), where)
