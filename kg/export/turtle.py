"""Canonical Turtle: the same graph always gives the same bytes.

A graph in the embedded Oxigraph store is written by Oxigraph itself
(``Store.dump``: a million triples in a few seconds, grouped by subject in
the store's index order); any other graph by rdflib's ``longturtle``, with
subjects and predicates sorted. Either way the same graph in the same kind
of store gives the same bytes.
"""

from __future__ import annotations

import os

from rdflib import Graph

from kg.export import atomic_write
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


def write(graph: Graph, path: str | os.PathLike) -> None:
    oxigraph = _oxigraph_store(graph)
    if oxigraph is not None:
        import pyoxigraph as ox

        with atomic_write(path, "wb") as out:
            oxigraph.dump(out, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        return
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
