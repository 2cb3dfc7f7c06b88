"""Content negotiation: pick the result format from the Accept header.

SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE
in Turtle, JSON-LD, N-Triples or RDF/XML. With no Accept header (or ``*/*``)
the first format listed for the query form is used.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ResultFormat", "NotAcceptable", "RESULT_FORMATS", "GRAPH_FORMATS", "choose_format", "formats_for", "remote_context"]


@dataclass(frozen=True)
class ResultFormat:
    name: str  # json, xml, csv, tsv, turtle, jsonld, ntriples, rdfxml
    media_type: str  # what the response says it is
    accepts: tuple[str, ...]  # media types in an Accept header that select it
    w3c: str  # its name in http://www.w3.org/ns/formats/ (the service description lists it)


RESULT_FORMATS = (
    ResultFormat("json", "application/sparql-results+json", ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript"), "SPARQL_Results_JSON"),
    ResultFormat("xml", "application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml"), "SPARQL_Results_XML"),
    ResultFormat("csv", "text/csv", ("text/csv",), "SPARQL_Results_CSV"),
    ResultFormat("tsv", "text/tab-separated-values", ("text/tab-separated-values",), "SPARQL_Results_TSV"),
)

GRAPH_FORMATS = (
    ResultFormat("turtle", "text/turtle", ("text/turtle", "application/turtle", "application/x-turtle"), "Turtle"),
    ResultFormat("jsonld", "application/ld+json", ("application/ld+json", "application/x-json+ld", "application/json"), "JSON-LD"),
    ResultFormat("ntriples", "application/n-triples", ("application/n-triples", "text/plain"), "N-Triples"),
    ResultFormat("rdfxml", "application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml"), "RDF_XML"),
)


class NotAcceptable(Exception):
    """No format the client accepts fits the query form (HTTP 406)."""


def formats_for(form: str) -> tuple[ResultFormat, ...]:
    return GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS


def _ranges(accept: str) -> list[tuple[float, int, int, str]]:
    """(quality, specificity, position, media range) for each entry of an Accept header."""
    out = []
    for position, entry in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in entry.split(";"))
        if "/" not in media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        kind, _, sub = media.lower().partition("/")
        specificity = 0 if kind == "*" else 1 if sub == "*" else 2
        out.append((quality, specificity, position, media.lower()))
    return out


def _matches(media_range: str, media_type: str) -> bool:
    kind, _, sub = media_range.partition("/")
    want_kind, _, want_sub = media_type.partition("/")
    return kind == "*" or (kind == want_kind and (sub == "*" or sub == want_sub))


def choose_format(form: str, accept: str | None) -> ResultFormat:
    """The best format for ``form`` given an Accept header.

    >>> choose_format("SELECT", None).name
    'json'
    >>> choose_format("SELECT", "text/csv;q=0.5, application/sparql-results+xml").name
    'xml'
    >>> choose_format("CONSTRUCT", "application/ld+json").name
    'jsonld'
    >>> choose_format("CONSTRUCT", "text/*").name
    'turtle'
    >>> choose_format("ASK", "text/turtle")
    Traceback (most recent call last):
    ...
    kg.server.negotiation.NotAcceptable: no acceptable format for a ASK query; available: application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values
    """
    offered = formats_for(form)
    if not accept or not accept.strip():
        return offered[0]
    ranked = sorted(_ranges(accept), key=lambda entry: (-entry[0], -entry[1], entry[2]))
    for quality, specificity, _, media_range in ranked:
        if quality <= 0:
            continue
        for candidate in offered:
            if specificity == 2:
                if media_range in candidate.accepts:
                    return candidate
            elif _matches(media_range, candidate.media_type):
                return candidate
    available = ", ".join(candidate.media_type for candidate in offered)
    raise NotAcceptable(f"no acceptable format for a {form} query; available: {available}")


_JSONLD_PROFILES = "http://www.w3.org/ns/json-ld#"  # expanded, compacted, flattened...: names, not documents


def remote_context(accept: str | None) -> str | None:
    """A context URL a client asks JSON-LD to be compacted with, if any; kg never fetches one.

    >>> remote_context('application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"') is None
    True
    >>> remote_context('application/ld+json; profile="https://example.org/context.jsonld"')
    'https://example.org/context.jsonld'
    """
    for entry in (accept or "").split(","):
        media, *params = (part.strip() for part in entry.split(";"))
        if media.lower() != "application/ld+json":
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() != "profile":
                continue
            for uri in value.strip().strip('"').split():
                if not uri.startswith(_JSONLD_PROFILES):
                    return uri
    return None
