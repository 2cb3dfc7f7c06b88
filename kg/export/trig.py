"""TriG: Turtle with named graphs.

A plain graph is written as the default graph; a :class:`rdflib.Dataset`
keeps its named graphs. Statements are added in sorted order with the
prefixes of the shipped JSON-LD context, and rdflib's serializer sorts
subjects and predicates, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import os
import warnings

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.atomic import atomic_write
from kg.export.jsonld import prefixes
from kg.export.nquads import statements

__all__ = ["write", "serialize"]


def serialize(graph: Graph) -> str:
    """TriG text.

    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/kg/id/a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("A")))
    >>> print(serialize(g).strip().splitlines()[-2].strip())
    kgr:a rdfs:label "A" .
    """
    dataset = Dataset()
    for prefix, namespace in prefixes().items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, name in statements(graph):
        dataset.add((s, p, o, DATASET_DEFAULT_GRAPH_ID if name is None else name))
    with warnings.catch_warnings():  # rdflib's TriG serializer calls its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        return dataset.serialize(format="trig")


def write(graph: Graph, path: str | os.PathLike) -> None:
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
