"""Canonical Turtle: the same graph always gives the same bytes, whatever store holds it.

Turtle is always written by Oxigraph from an on-disk Oxigraph store
(``Store.dump``: a million triples in a few seconds, grouped by subject in
the store's index order). A graph held elsewhere (rdflib's memory, a remote
endpoint) is first copied into a temporary one, its blank nodes labelled
canonically as the build labels them, so its Turtle is byte-identical to the
embedded store's. (``serialize`` is rdflib's sorted ``longturtle``, for small
graphs in memory.)
"""

from __future__ import annotations

import os

from rdflib import Graph

from kg.atomic import atomic_write
from kg.errors import ExportError
from kg.store import normalize_term
from kg.vocab import PREFIXES

__all__ = ["write", "serialize", "PREFIXES"]


def canonical_copy(graph: Graph) -> Graph:
    """An in-memory copy with our prefixes and RDF 1.1 plain literals."""
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace, override=True)
    copy += ((s, p, normalize_term(o)) for s, p, o in graph)
    return copy


def serialize(graph: Graph) -> str:
    """Turtle with sorted subjects and predicates (rdflib ``longturtle``)."""
    return canonical_copy(graph).serialize(format="longturtle")


def _oxigraph_store(graph: Graph):
    """The pyoxigraph store behind ``graph``, when it is the whole of one."""
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if not isinstance(graph.store, OxigraphStore) or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    return getattr(graph.store, "_inner", None)


def _ntriples(graph: Graph) -> bytes:
    from kg.remote import construct_ntriples, endpoint_of
    from kg.store import ntriple_lines

    endpoint = endpoint_of(graph)
    if endpoint is not None:
        return construct_ntriples(endpoint)  # one request, N-Triples: no rdflib terms for a big graph
    return "".join(ntriple_lines(graph)).encode("utf-8")


def _copy_into(graph: Graph, store) -> None:
    """``graph``'s triples into an Oxigraph ``store``, blank nodes labelled canonically (as the build does)."""
    import pyoxigraph as ox
    from rdflib.compare import to_canonical_graph

    from kg.store import ntriple_lines

    plain, blank = [], []
    for line in _ntriples(graph).splitlines(keepends=True):
        (blank if b"_:" in line else plain).append(line)
    store.bulk_load(b"".join(plain), format=ox.RdfFormat.N_TRIPLES)
    if blank:
        # Loaders give blank nodes fresh labels: these are added one by one with their canonical ones.
        canonical = to_canonical_graph(Graph().parse(data=b"".join(blank).decode("utf-8"), format="nt"))
        held = "".join(sorted(set(ntriple_lines(canonical)))).encode("utf-8")
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(held, format=ox.RdfFormat.N_TRIPLES))
    store.flush()


def write(graph: Graph, path: str | os.PathLike) -> None:
    import pyoxigraph as ox

    oxigraph = _oxigraph_store(graph)
    if oxigraph is None:
        import tempfile

        try:
            with tempfile.TemporaryDirectory(prefix="kg-turtle-") as folder:
                copy = ox.Store(folder)
                _copy_into(graph, copy)
                write_store(copy, path)
                del copy
        except OSError as e:  # the scratch store's disk is full (RocksDB says so as an OSError)
            raise ExportError(f"cannot write {path}: {e.strerror or e}") from e
        return
    write_store(oxigraph, path)


def write_store(store, path: str | os.PathLike) -> None:
    """Turtle of a ``pyoxigraph.Store``'s default graph."""
    import pyoxigraph as ox

    with atomic_write(path, "wb") as out:
        store.dump(out, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
