"""The endpoint's SPARQL 1.1 Service Description: what ``GET /sparql`` without a query answers.

A client (YASGUI, a crawler, a notebook) learns from it where the endpoint is,
that it speaks SPARQL 1.1 Query and no Update, and which result formats it
returns. The formats are read from :mod:`kg.server.negotiation`, the list the
endpoint negotiates with, so the description cannot promise one it lacks.
"""

from __future__ import annotations

from functools import lru_cache

from kg.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format

__all__ = ["SD", "FORMATS", "service_description", "describe"]

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
_RDFLIB_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}


def service_description(endpoint_url: str):
    """The description as an rdflib graph.

    >>> graph = service_description("http://127.0.0.1:7878/sparql")
    >>> from rdflib import URIRef
    >>> sorted(o.split("#")[1] for o in graph.objects(None, URIRef(SD + "supportedLanguage")))
    ['SPARQL11Query']
    >>> len(list(graph.objects(None, URIRef(SD + "resultFormat"))))
    8
    """
    from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

    sd, formats = Namespace(SD), Namespace(FORMATS)
    graph = Graph()
    graph.bind("sd", sd)
    graph.bind("formats", formats)
    service = BNode("service")
    graph.add((service, RDF.type, sd.Service))
    graph.add((service, sd.endpoint, URIRef(endpoint_url)))
    graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    for result_format in RESULT_FORMATS + GRAPH_FORMATS:
        graph.add((service, sd.resultFormat, formats[result_format.w3c]))
    graph.add((service, RDFS.comment, Literal(
        "kg's read-only SPARQL endpoint: SPARQL Update, SERVICE and LOAD are refused, and nothing is fetched from the network.",
        lang="en")))
    dataset, default_graph = BNode("dataset"), BNode("defaultGraph")
    graph.add((service, sd.defaultDataset, dataset))
    graph.add((dataset, RDF.type, sd.Dataset))
    graph.add((dataset, sd.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, sd.Graph))
    return graph


@lru_cache(maxsize=64)
def describe(endpoint_url: str, accept: str | None) -> tuple[str, bytes]:
    """(media type, body) of the description in the format ``accept`` asks for; Turtle by default.

    Raises :class:`kg.server.negotiation.NotAcceptable` when no graph format fits.

    >>> describe("http://127.0.0.1:7878/sparql", None)[0]
    'text/turtle'
    >>> describe("http://127.0.0.1:7878/sparql", "application/ld+json")[0]
    'application/ld+json'
    """
    chosen = choose_format("DESCRIBE", accept)
    body = service_description(endpoint_url).serialize(format=_RDFLIB_FORMATS[chosen.name], encoding="utf-8")
    return chosen.media_type, body
