"""One backend per kind of store: how a graph is loaded into it, opened from it, and dumped as Turtle.

:func:`backend` gives the backend of a store location, :func:`backend_of`
the backend behind a graph that is already open. The build, the commands and
the exporters ask the backend and never branch on the kind of store:

* :class:`OxigraphBackend` — the embedded on-disk store: Oxigraph's bulk
  loader into a new generation swapped in atomically, a read-only handle,
  and Turtle dumped by Oxigraph from the store, or kept beside it by the build
  that wrote it;
* :class:`MemoryBackend` — rdflib's in-memory store (``memory``, ``memory:FILE.nt``);
* :class:`RemoteBackend` — a SPARQL 1.1 endpoint (:mod:`kg.remote`).

Turtle is always in the order of the triples' N-Triples lines as Oxigraph writes them, sorted
(:mod:`kg.turtle`), so it is the same bytes from every store: a graph held elsewhere is first
copied into a temporary on-disk Oxigraph store, its blank nodes labelled canonically as a build
labels them.

>>> backend("memory").kind, backend("oxigraph:/tmp/s").kind
('memory', 'oxigraph')
"""

from __future__ import annotations

import io
import os
import shutil
import uuid
from pathlib import Path
from typing import Iterable

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import ExportError, StoreError
from kg.locations import MEMORY_ELSEWHERE, Check, StoreLocation, damaged_store, ntriple_lines, parse_location, store_lock

__all__ = ["Backend", "OxigraphBackend", "MemoryBackend", "RemoteBackend", "backend", "backend_of"]

_CURRENT = "current"
#: Beside a generation of the embedded store (``data-ID``), the canonical Turtle its build wrote (``data-ID.ttl``).
_TURTLE = ".ttl"
#: Bytes of N-Quads given to one call of Oxigraph's bulk loader. The loader keeps what it is given in memory, up to
#: about 2 GB a thread, before it writes it out: a 1M-triple build held 1.3 GB at the end of its one call, and
#: 580 MB with pieces of 128 MB. The 1M build's N-Triples loaded alone in pieces of 128, 64 and 32 MB: the loader's
#: peak about 640, 330 and 180 MB, its CPU 9.4, 9.0 and 10.2 s (a loaded machine).
LOAD_PIECE = 32 << 20


class Backend:
    """A kind of store at one location (``where``; None for a graph opened by other means)."""

    kind = ""

    def __init__(self, where: StoreLocation | None = None):
        self.where = where

    def load(self, chunks: Iterable[bytes], check: Check | None = None, *, own: bool = False) -> None:
        """Replace the graph with the N-Triples (N-Quads for the embedded store) in ``chunks``, all or nothing.

        ``check`` is called with the new graph, complete but not yet in place; raising abandons it. ``own``: the
        lines are a build's own (every IRI a slug's, the ontology's or one checked as the case was read,
        :func:`kg.loaders.values.external_iri`), so the embedded store's loader checks no IRI again (Oxigraph's
        ``lenient``); the other stores read them as any.
        """
        raise NotImplementedError

    def open(self) -> Graph:
        """The built graph, for reading."""
        raise NotImplementedError

    def ntriples(self, graph: Graph) -> bytes:
        """``graph``'s triples as N-Triples."""
        return "".join(ntriple_lines(graph)).encode("utf-8")

    def keep_turtle(self, graph: Graph, turtle: Path) -> None:
        """Keep ``turtle``, the canonical Turtle of the new ``graph`` (not yet in place), with it for :meth:`dump_turtle`.

        Only the embedded store keeps it; other stores can change without a build.
        """

    def dump_turtle(self, graph: Graph, path: str | os.PathLike) -> None:
        """Canonical Turtle of ``graph`` into ``path``, atomically: copied into a scratch Oxigraph store first."""
        import tempfile

        import pyoxigraph as ox

        try:
            with tempfile.TemporaryDirectory(prefix="kg-turtle-") as folder:
                copy = ox.Store(folder)
                self._copy_into(graph, copy)
                OxigraphBackend(store=copy).dump_turtle(graph, path)
                del copy
        except OSError as e:  # the scratch store's disk is full (RocksDB says so as an OSError)
            raise ExportError(f"cannot write {path}: {e.strerror or e}") from e

    def _copy_into(self, graph: Graph, store) -> None:
        """``graph``'s triples into an Oxigraph ``store``, blank nodes labelled canonically (as the build does)."""
        import pyoxigraph as ox
        from rdflib.compare import to_canonical_graph

        plain, blank = [], []
        for line in self.ntriples(graph).splitlines(keepends=True):
            (blank if b"_:" in line else plain).append(line)
        store.bulk_load(b"".join(plain), format=ox.RdfFormat.N_TRIPLES)
        if blank:
            # Loaders give blank nodes fresh labels: these are added one by one with their canonical ones.
            canonical = to_canonical_graph(Graph().parse(data=b"".join(blank).decode("utf-8"), format="nt"))
            held = "".join(sorted(set(ntriple_lines(canonical)))).encode("utf-8")
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(held, format=ox.RdfFormat.N_TRIPLES))
        store.flush()


# ---------------------------------------------------------------- the embedded store


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte chunks, for Oxigraph's streaming loader.

    Oxigraph's loaders give blank nodes fresh random labels, which would make
    the store, and the Turtle dumped from it, differ from build to build.
    Chunks that may hold blank nodes (the ontology's lists and restrictions)
    are set aside in ``held`` and added with their own labels.
    """

    def __init__(self, chunks: Iterable[bytes], piece: int | None = None):
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")
        self.held: list[bytes] = []
        self._piece, self._given = piece, 0
        self.done = False

    def readable(self) -> bool:
        return True

    def next_piece(self) -> None:
        """Read on: the end of the last piece (``piece`` bytes or more, whole chunks) was given as the end of the file."""
        self._given = 0

    def readinto(self, buffer) -> int:
        while not self._pending:
            if self._piece is not None and self._given >= self._piece:
                return 0  # this piece's end; the next starts at the next chunk
            try:
                chunk = next(self._chunks)
            except StopIteration:
                self.done = True
                return 0
            if b"_:" in chunk:
                self.held.append(chunk)
            else:
                self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self._given += size
        return size


def _graph_over(store, generation: Path) -> Graph:
    """A graph over the pyoxigraph ``store`` of ``generation``, which it remembers (:func:`_generation_of`)."""
    from oxrdflib import OxigraphStore

    held = OxigraphStore(store=store)
    held.kg_generation = generation
    return Graph(store=held, identifier=DATASET_DEFAULT_GRAPH_ID)


def _generation_of(graph: Graph) -> Path | None:
    """The folder of the generation of the embedded store ``graph`` was opened on or built into, if it was."""
    return getattr(graph.store, "kg_generation", None)


def oxigraph_of(graph: Graph):
    """The pyoxigraph ``Store`` behind ``graph`` when ``graph`` is the whole of one (its default graph), else None."""
    from oxrdflib import OxigraphStore

    if not isinstance(graph.store, OxigraphStore) or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    return getattr(graph.store, "_inner", None)


class OxigraphBackend(Backend):
    """The embedded on-disk Oxigraph store; ``store`` is the open pyoxigraph ``Store`` behind a graph.

    The location is a folder holding generations of the store and a
    ``current`` symlink: a load writes a new generation beside the old one and
    swaps the link atomically.
    """

    kind = "oxigraph"

    def __init__(self, where: StoreLocation | None = None, store=None):
        super().__init__(where)
        self.store = store

    def open(self) -> Graph:
        import pyoxigraph as ox

        path = self.where.path
        current = path / _CURRENT
        if not current.exists():
            raise StoreError(f"no graph in store {path}: run `kg build` first")
        generation = current.resolve()
        try:
            store = ox.Store.read_only(str(generation))
        except OSError as e:
            raise StoreError(f"cannot open store {path}: {e}") from e
        except RuntimeError as e:  # RocksDB's "Corruption: ..." and the like
            raise damaged_store(path, e) from e
        return _graph_over(store, generation)

    def load(self, chunks: Iterable[bytes], check: Check | None = None, *, own: bool = False) -> None:
        path = self.where.path
        created = not path.exists()
        try:
            with store_lock(path):
                generation = self._generation(path, chunks, check, own)
                self._swap(path, generation)
        except BaseException:
            if created:  # a failed first build leaves no empty store folder behind
                shutil.rmtree(path, ignore_errors=True)
            raise

    @staticmethod
    def _generation(path: Path, chunks: Iterable[bytes], check: Check | None, own: bool = False) -> Path:
        """A new generation of the store beside the current one, loaded and checked."""
        import pyoxigraph as ox

        generation = path / f"data-{uuid.uuid4().hex[:12]}"
        try:
            store = ox.Store(str(generation))
            # Streamed: the chunks are produced (cases read) while Oxigraph loads, in pieces (LOAD_PIECE).
            reader = _ChunkReader(chunks, LOAD_PIECE)
            buffered = io.BufferedReader(reader, 1 << 20)  # one for every piece: dropped, it would close the reader
            while not reader.done:
                reader.next_piece()
                # N-Quads: N-Triples, and the summaries' rows in their named graphs (kg.summaries).
                store.bulk_load(buffered, format=ox.RdfFormat.N_QUADS, lenient=own)
            if reader.held:
                store.extend(ox.parse(b"".join(reader.held), format=ox.RdfFormat.N_QUADS))
            store.flush()
            # The bulk loads leave many small files (43 at 1M); merged, every later reader of the store reads half
            # as many: `kg validate` at 1M 6.2 -> 3.0 s for 1.8 s here. A check over the whole graph used to give the
            # engine that time in the background; the checks now run in the build's workers (kg.build).
            store.optimize()
            if check is not None:
                check(_graph_over(store, generation))  # raises to abandon the generation
            del store
        except BaseException as e:
            shutil.rmtree(generation, ignore_errors=True)
            _kept_turtle(generation).unlink(missing_ok=True)
            if isinstance(e, (OSError, ValueError, SyntaxError)):
                raise StoreError(f"cannot write store {path}: {e}") from e
            raise
        return generation

    @staticmethod
    def _swap(path: Path, generation: Path) -> None:
        current = path / _CURRENT
        previous = current.resolve() if current.exists() else None
        link = path / f".{_CURRENT}-{uuid.uuid4().hex[:8]}"
        os.symlink(generation.name, link)
        os.replace(link, current)  # the atomic switch
        # Keep the previous generation for readers that still have it open;
        # older ones, and any a killed build left half written, go, with their Turtle.
        for old in path.glob("data-*"):
            if old.name.split(".", 1)[0] in (generation.name, previous and previous.name):
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
        for stale in (*path.glob(f".{_CURRENT}-*"), *path.glob(".data-*.tmp")):  # and a killed build's copy of its Turtle
            stale.unlink(missing_ok=True)

    def keep_turtle(self, graph: Graph, turtle: Path) -> None:
        """A copy of ``turtle`` beside the generation ``graph`` was built into (``data-ID.ttl``), made before it is
        swapped in: generations are never written again, so it stays the Turtle of that generation's graph."""
        generation = _generation_of(graph)
        if generation is None or self.store is not None:
            return
        kept = _kept_turtle(generation)
        partial = kept.with_name(f".{kept.name}.tmp")
        try:
            shutil.copyfile(turtle, partial)
            os.replace(partial, kept)
        except OSError as e:  # the store's disk is full: the build fails, the store as it was
            partial.unlink(missing_ok=True)
            raise StoreError(f"cannot write store {generation.parent}: {e.strerror or e}") from e

    def dump_turtle(self, graph: Graph, path: str | os.PathLike) -> None:
        """Canonical Turtle of the store's default graph (``graph``'s own store, unless one was given): the Turtle its
        build kept beside it (:meth:`keep_turtle`), else the triples in the order of their N-Triples lines as Oxigraph
        writes them, sorted (:mod:`kg.turtle`)."""
        import tempfile

        import pyoxigraph as ox

        from kg.atomic import atomic_write
        from kg.turtle import write_sorted

        store = self.store if self.store is not None else oxigraph_of(graph)
        if store is None:  # not a graph over an embedded store after all
            return super().dump_turtle(graph, path)
        generation = _generation_of(graph) if self.store is None else None
        if generation is not None and _kept_turtle(generation).is_file():
            with atomic_write(path, "wb") as out, open(_kept_turtle(generation), "rb") as kept:
                shutil.copyfileobj(kept, out, 1 << 20)
            return
        # an error of the dump's is the export's (ExportError), the file as it was
        with atomic_write(path, "wb") as out, tempfile.TemporaryFile(prefix="kg-triples-") as dumped:
            store.dump(dumped, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            dumped.seek(0)
            write_sorted(out, dumped)


def _kept_turtle(generation: Path) -> Path:
    return generation.with_name(generation.name + _TURTLE)


# ---------------------------------------------------------------- rdflib's memory, a remote endpoint

#: The graph of the ``memory`` store, for the life of this process.
_memory_graphs: dict[str, Graph] = {}


class MemoryBackend(Backend):
    """rdflib's in-memory store: in this process only, or saved to an N-Triples file."""

    kind = "memory"

    def load(self, chunks: Iterable[bytes], check: Check | None = None, *, own: bool = False) -> None:
        graph = Graph()
        for data in chunks:
            if data:
                graph.parse(data=data.decode("utf-8"), format="nt")
        if check is not None:
            check(graph)
        self.replace(graph)

    def replace(self, graph: Graph) -> None:
        """``graph`` becomes the store's graph (the file is written atomically, its lines sorted)."""
        if self.where.path is None:
            _memory_graphs["memory"] = graph
            return
        from kg.atomic import atomic_write

        with atomic_write(self.where.path) as out:
            out.writelines(sorted(ntriple_lines(graph)))

    def open(self) -> Graph:
        where = self.where
        if where.path is None:
            if "memory" not in _memory_graphs:
                raise StoreError(MEMORY_ELSEWHERE)
            return _memory_graphs["memory"]
        if not where.path.exists():
            raise StoreError(f"no graph at {where.path}: run `kg build --store {where}` first")
        graph = Graph()
        graph.parse(where.path, format="nt")
        return graph


class RemoteBackend(Backend):
    """A SPARQL 1.1 endpoint (:mod:`kg.remote`)."""

    kind = "remote"

    def load(self, chunks: Iterable[bytes], check: Check | None = None, *, own: bool = False) -> None:
        from kg.remote import replace_remote

        replace_remote(self.where.remote, chunks, check=check)

    def open(self) -> Graph:
        from kg.remote import open_remote

        return open_remote(self.where.remote)

    def ntriples(self, graph: Graph) -> bytes:
        from kg.remote import construct_ntriples, endpoint_of

        endpoint = endpoint_of(graph)
        if endpoint is None:
            return super().ntriples(graph)
        return construct_ntriples(endpoint)  # one request, N-Triples: no rdflib terms for a big graph


_KINDS = {kind.kind: kind for kind in (OxigraphBackend, MemoryBackend, RemoteBackend)}


def backend(location: str | os.PathLike | StoreLocation | None = None) -> Backend:
    """The backend of a store location (an argument, ``KG_STORE``, or the default)."""
    where = location if isinstance(location, StoreLocation) else parse_location(location)
    return _KINDS[where.kind](where)


def backend_of(graph: Graph) -> Backend:
    """The backend behind an open ``graph``: the embedded store it is the whole of, an endpoint, or memory."""
    from kg.remote import endpoint_of

    if oxigraph_of(graph) is not None:
        return OxigraphBackend()
    if endpoint_of(graph) is not None:
        return RemoteBackend()
    return MemoryBackend()
