"""Canonical Turtle: the same graph always gives the same bytes."""

from __future__ import annotations

import os

from rdflib import Graph

from kg.export import atomic_write
from kg.store import normalize_term

__all__ = ["write", "serialize", "PREFIXES"]

PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#",
    "kgr": "https://w3id.org/kg/id/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


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
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
