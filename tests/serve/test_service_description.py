"""GET /sparql without a query: a SPARQL 1.1 Service Description, parsed back with rdflib."""

from __future__ import annotations

import pytest
import requests
from rdflib import RDF, Graph, Namespace, URIRef

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
EVERY_FORMAT = {FORMATS[name] for name in (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "JSON-LD", "N-Triples", "RDF_XML")}


def described(answer) -> tuple[Graph, URIRef]:
    formats = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt", "application/rdf+xml": "xml"}
    graph = Graph().parse(data=answer.content, format=formats[answer.headers["Content-Type"]])
    (service,) = graph.subjects(RDF.type, SD.Service)
    return graph, service


def test_get_without_a_query_describes_the_service(endpoint):
    answer = requests.get(endpoint.sparql_url, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/turtle"
    graph, service = described(answer)
    assert set(graph.objects(service, SD.endpoint)) == {URIRef(endpoint.sparql_url)}
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(graph.objects(service, SD.resultFormat)) == EVERY_FORMAT
    (dataset,) = graph.objects(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph


@pytest.mark.parametrize("accept", ["application/ld+json", "application/n-triples", "application/rdf+xml", "text/turtle;q=0.5, application/rdf+xml"])
def test_the_description_is_negotiated(endpoint, accept):
    answer = requests.get(endpoint.sparql_url, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == accept.split(",")[-1].strip()
    graph, service = described(answer)
    assert set(graph.objects(service, SD.resultFormat)) == EVERY_FORMAT


def test_the_description_names_the_address_the_client_used(endpoint):
    answer = requests.get(endpoint.sparql_url, headers={"Host": f"localhost:{endpoint.port}"}, timeout=10)
    graph, service = described(answer)
    assert set(graph.objects(service, SD.endpoint)) == {URIRef(f"http://localhost:{endpoint.port}/sparql")}


def test_every_format_it_lists_is_one_the_endpoint_returns(endpoint):
    """The description promises no format the endpoint cannot negotiate."""
    media = {FORMATS.SPARQL_Results_JSON: "application/sparql-results+json", FORMATS.SPARQL_Results_XML: "application/sparql-results+xml",
             FORMATS.SPARQL_Results_CSV: "text/csv", FORMATS.SPARQL_Results_TSV: "text/tab-separated-values"}
    graph, service = described(requests.get(endpoint.sparql_url, timeout=10))
    for result_format, media_type in media.items():
        assert result_format in set(graph.objects(service, SD.resultFormat))
        answer = requests.get(endpoint.sparql_url, params={"query": "ASK {}"}, headers={"Accept": media_type}, timeout=10)
        assert answer.headers["Content-Type"].split(";")[0] == media_type


def test_a_format_the_description_lacks_is_406(endpoint):
    answer = requests.get(endpoint.sparql_url, headers={"Accept": "text/csv"}, timeout=10)
    assert answer.status_code == 406
    assert answer.text == ("no acceptable format for the service description; available: text/turtle, application/ld+json, "
                           "application/n-triples, application/rdf+xml\n")
