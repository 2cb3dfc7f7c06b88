"""Canonical Turtle: the same graph always gives the same bytes, whatever store holds it.

Turtle is kg's prefixes and the triples in the order of their lines as Oxigraph
writes them in N-Triples, sorted, a block a subject (:mod:`kg.turtle`), written by the backend of the store that
holds the graph (:mod:`kg.backends`): a graph held elsewhere than the embedded
store is first copied into a temporary one, so its Turtle is byte-identical to
the embedded store's, and to the ``kg.ttl`` a build writes from its cases' lines. (``serialize`` is rdflib's sorted ``longturtle``, for small graphs in
memory.)
"""

from __future__ import annotations

import os

from rdflib import Graph

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


def write(graph: Graph, path: str | os.PathLike) -> None:
    """Canonical Turtle of ``graph``, written by the backend of the store that holds it (:mod:`kg.backends`)."""
    from kg.backends import backend_of

    backend_of(graph).dump_turtle(graph, path)
