"""N-Quads: one statement a line, lines sorted, so the same graph gives the same bytes.

A plain graph goes to the default graph (no fourth term); a
:class:`rdflib.Dataset` keeps its named graphs. Written by pyoxigraph's
serializer, which escapes every literal onto one line.
"""

from __future__ import annotations

import os
from typing import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.term import Node

from kg.atomic import atomic_write
from kg.store import normalize_term

__all__ = ["write", "serialize", "statements", "to_oxigraph"]

#: subject, predicate, object, and the named graph or None for the default graph
Statement = tuple[Node, Node, Node, Node | None]


def _raw(graph: Graph) -> Iterator[Statement]:
    if isinstance(graph, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        for s, p, o, context in graph.quads((None, None, None, None)):
            name = context.identifier if isinstance(context, Graph) else context
            yield s, p, normalize_term(o), None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name
    else:
        for s, p, o in graph:
            yield s, p, normalize_term(o), None


def _relabel_blank_nodes(found: list[Statement]) -> list[Statement]:
    from rdflib.compare import to_canonical_graph

    by_graph: dict[Node | None, Graph] = {}
    for s, p, o, name in found:
        by_graph.setdefault(name, Graph()).add((s, p, o))
    return [(s, p, o, name) for name, triples in by_graph.items() for s, p, o in to_canonical_graph(triples)]


def _sort_key(statement: Statement) -> tuple[str, ...]:
    s, p, o, name = statement
    return ("" if name is None else name.n3(), s.n3(), p.n3(), o.n3())


def statements(graph: Graph) -> list[Statement]:
    """The graph's statements with RDF 1.1 plain literals, sorted by graph, subject, predicate, object.

    Blank nodes, if any, are relabelled from the graph's content (rdflib's
    canonical labelling), so they too are the same from run to run.

    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://example.org/b"), URIRef("https://example.org/p"), Literal("x")))
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("y")))
    >>> [str(s) for s, p, o, name in statements(g)]
    ['https://example.org/a', 'https://example.org/b']
    """
    found = list(_raw(graph))
    if any(isinstance(term, BNode) for statement in found for term in statement):
        found = _relabel_blank_nodes(found)
    return sorted(set(found), key=_sort_key)


def _ox(term):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(found: list[Statement]) -> list:
    """The statements as pyoxigraph quads, for its serializers."""
    import pyoxigraph as ox

    return [ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph() if name is None else _ox(name)) for s, p, o, name in found]


def serialize(graph: Graph) -> str:
    """N-Quads text, sorted; literals are escaped onto one line.

    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("two\\nlines")))
    >>> print(serialize(g), end="")
    <https://example.org/a> <https://example.org/p> "two\\nlines" .
    """
    import pyoxigraph as ox

    return ox.serialize(to_oxigraph(statements(graph)), format=ox.RdfFormat.N_QUADS).decode("utf-8")


def write(graph: Graph, path: str | os.PathLike) -> None:
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
