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

import os
from typing import Iterable

from rdflib import Graph

from kg.locations import (
    DEFAULT_STORE,
    MEMORY_ELSEWHERE,
    Check,
    StoreLocation,
    damaged_store,
    normalize_term,
    ntriple_lines,
    parse_location,
    store_lock,
)

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
    "Check",
]

def open_graph(location: str | os.PathLike | None = None) -> Graph:
    """Open the built graph for reading, with kg's prefixes bound (``graph.query`` may use ``kg:``).

    Raises :class:`StoreError` when there is nothing built at the location,
    or a remote endpoint cannot be reached.
    """
    from kg.backends import backend

    return _with_prefixes(backend(location).open())


def _with_prefixes(graph: Graph) -> Graph:
    from kg.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def load_ntriples(
    chunks: Iterable[bytes],
    location: str | os.PathLike | None = None,
    *,
    check: Check | None = None,
) -> StoreLocation:
    """Replace the graph at ``location`` with the N-Triples in ``chunks``, all or nothing.

    This is how every build reaches its store, through the store's backend
    (:mod:`kg.backends`): the embedded store loads the bytes with Oxigraph's
    bulk loader, the memory store with rdflib's N-Triples parser, and a
    remote store receives them in batches. Each
    chunk holds whole lines. An exception raised while the chunks are
    produced, or by ``check`` (called with an rdflib ``Graph`` over the new
    graph before it replaces the old one), leaves the previous graph in place.
    """
    from kg.backends import backend

    where = parse_location(location)
    backend(where).load(chunks, check)
    return where


def replace_graph(triples: Iterable, location: str | os.PathLike | None = None) -> StoreLocation:
    """Replace the graph at ``location`` with ``triples``, all or nothing."""
    from kg.backends import MemoryBackend

    where = parse_location(location)
    if where.kind == "memory":
        graph = Graph()
        graph += ((s, p, normalize_term(o)) for s, p, o in triples)
        MemoryBackend(where).replace(graph)
        return where
    # Sorted and without repeats: deterministic, and a remote store can count them.
    lines = sorted(set(ntriple_lines(triples)))
    return load_ntriples((line.encode("utf-8") for line in lines), where)
