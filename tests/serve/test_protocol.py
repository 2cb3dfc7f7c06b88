"""SPARQL 1.1 Protocol: GET, POST form, POST sparql-query, content negotiation, errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph

from kg.store import normalize_term, open_graph

COUNT_TYPES = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
ORGANIZATIONS = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?label WHERE { ?org a kg:Organization ; rdfs:label ?label } ORDER BY ?label"""
ORG_GRAPH = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?org a kg:Organization ; rdfs:label ?label } WHERE { ?org a kg:Organization ; rdfs:label ?label }"""
GLOBEX = "https://w3id.org/kg/id/mini/globex"
WIRE = "https://w3id.org/kg/id/mini/the-wire"


def expected_type_count(built) -> int:
    from rdflib.namespace import RDF

    return len(list(open_graph(built[0]).triples((None, RDF.type, None))))


def test_get_post_form_and_post_query_agree(endpoint, built):
    url = endpoint.sparql_url
    answers = [
        requests.get(url, params={"query": COUNT_TYPES}, timeout=10),
        requests.post(url, data={"query": COUNT_TYPES}, timeout=10),
        requests.post(url, data=COUNT_TYPES.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=10),
    ]
    counts = []
    for answer in answers:
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "application/sparql-results+json"
        counts.append(int(answer.json()["results"]["bindings"][0]["n"]["value"]))
    assert counts == [expected_type_count(built)] * 3


@pytest.mark.parametrize(
    "accept, media_type",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ],
)
def test_select_in_each_result_format(endpoint, accept, media_type):
    answer = requests.post(endpoint.sparql_url, data={"query": ORGANIZATIONS}, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == media_type
    assert answer.headers["Vary"] == "Accept"
    if accept == "text/csv":
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert [(r["org"], r["label"]) for r in rows] == [(GLOBEX, "Globex"), (WIRE, "The Wire")]
        return
    format_name = {"application/sparql-results+json": "JSON", "application/sparql-results+xml": "XML", "text/tab-separated-values": "TSV"}[accept]
    solutions = ox.parse_query_results(answer.content, format=getattr(ox.QueryResultsFormat, format_name))
    assert [(s["org"].value, s["label"].value) for s in solutions] == [(GLOBEX, "Globex"), (WIRE, "The Wire")]


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_ask_in_each_result_format(endpoint, accept):
    answer = requests.get(endpoint.sparql_url, params={"query": f"ASK {{ <{GLOBEX}> ?p ?o }}"}, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200, answer.text
    if accept.endswith("json"):
        assert answer.json()["boolean"] is True
    elif accept.endswith("xml"):
        assert ET.fromstring(answer.content).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
    else:
        assert "true" in answer.text


def reference_organizations(built) -> Graph:
    graph = Graph()
    for s, p, o in open_graph(built[0]).query(ORG_GRAPH):
        graph.add((s, p, normalize_term(o)))
    return graph


@pytest.mark.parametrize(
    "accept, media_type, rdflib_format",
    [
        ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_in_each_graph_format(endpoint, built, accept, media_type, rdflib_format):
    from rdflib.compare import isomorphic

    answer = requests.post(endpoint.sparql_url, data={"query": ORG_GRAPH}, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == media_type
    graph = Graph()
    graph.parse(data=answer.text, format=rdflib_format)
    plain = Graph()
    plain += ((s, p, normalize_term(o)) for s, p, o in graph)
    assert len(plain) == 4
    assert isomorphic(plain, reference_organizations(built))


def test_jsonld_answer_embeds_the_shipped_context(endpoint):
    from kg.export.jsonld import context

    answer = requests.post(endpoint.sparql_url, data={"query": ORG_GRAPH}, headers={"Accept": "application/ld+json"}, timeout=10)
    document = answer.json()
    assert document["@context"] == context()
    assert sorted(node["@id"] for node in document["@graph"]) == [GLOBEX, WIRE]


def test_turtle_answer_uses_kg_prefixes(endpoint):
    answer = requests.post(endpoint.sparql_url, data={"query": ORG_GRAPH}, headers={"Accept": "text/turtle"}, timeout=10)
    assert "@prefix kg: <https://w3id.org/kg/ontology#> ." in answer.text
    assert "a kg:Organization" in answer.text


def test_describe_answers_a_graph(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": f"DESCRIBE <{GLOBEX}>"}, headers={"Accept": "application/n-triples"}, timeout=10)
    assert answer.status_code == 200
    assert f'<{GLOBEX}> <http://www.w3.org/2000/01/rdf-schema#label> "Globex" .' in answer.text.splitlines()


def test_accept_quality_values_are_honoured(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": ORGANIZATIONS}, headers={"Accept": "application/sparql-results+json;q=0.2, text/csv;q=0.9"}, timeout=10)
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_no_accept_header_gives_json_for_select_and_turtle_for_construct(endpoint):
    select = requests.get(endpoint.sparql_url, params={"query": ORGANIZATIONS}, headers={"Accept": ""}, timeout=10)
    construct = requests.get(endpoint.sparql_url, params={"query": ORG_GRAPH}, headers={"Accept": ""}, timeout=10)
    assert select.headers["Content-Type"] == "application/sparql-results+json"
    assert construct.headers["Content-Type"] == "text/turtle; charset=utf-8"


def test_unacceptable_format_is_406(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": ORGANIZATIONS}, headers={"Accept": "text/turtle"}, timeout=10)
    assert answer.status_code == 406
    assert answer.text == (
        "no acceptable format for a SELECT query; available: application/sparql-results+json, "
        "application/sparql-results+xml, text/csv, text/tab-separated-values\n"
    )


def test_malformed_query_is_400_with_the_parsers_message(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": "SELECT * WHERE { ?s ?p }"}, timeout=10)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.text == "malformed query: Expected SelectQuery, found '?'  (at char 17), (line:1, col:18)\n"


def test_engine_level_error_is_400_with_oxigraphs_message(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": "SELECT ?x WHERE { ?x nope:p ?y }"}, timeout=10)
    assert answer.status_code == 400
    assert answer.text.startswith("malformed query: error at 1:28: expected one of Prefix not found")


def test_kg_prefixes_need_not_be_declared(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": "SELECT ?org WHERE { ?org a kg:Organization }"}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert {b["org"]["value"] for b in answer.json()["results"]["bindings"]} == {GLOBEX, WIRE}


def test_query_parameter_must_be_given_once(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": ["ASK {}", "ASK {}"]}, timeout=10)
    assert (answer.status_code, answer.text) == (400, "more than one query parameter\n")


def test_a_post_without_a_query_is_400(endpoint):
    """A GET without one is the service description (test_service_description.py); a POST must carry one."""
    answer = requests.post(endpoint.sparql_url, data={"default-graph-uri": "https://w3id.org/kg/id/g"}, timeout=10)
    assert (answer.status_code, answer.text) == (400, "missing query parameter: send ?query=...\n")


def test_unknown_content_type_is_415(endpoint):
    answer = requests.post(endpoint.sparql_url, data=b"ASK {}", headers={"Content-Type": "text/plain"}, timeout=10)
    assert answer.status_code == 415
    assert answer.text == "unsupported Content-Type 'text/plain'; send application/sparql-query or application/x-www-form-urlencoded\n"


def test_oversized_body_is_413(endpoint):
    body = "ASK {} #" + "x" * (1 << 20)
    answer = requests.post(endpoint.sparql_url, data=body.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert answer.status_code == 413
    assert answer.text == "the request body is larger than 1048576 bytes\n"


def test_default_graph_uri_selects_the_dataset(endpoint):
    named = requests.get(endpoint.sparql_url, params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "https://w3id.org/kg/id/no-such-graph"}, timeout=10)
    plain = requests.get(endpoint.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert (named.json()["boolean"], plain.json()["boolean"]) == (False, True)


def test_json_answer_is_valid_sparql_json(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": ORGANIZATIONS}, timeout=10)
    document = json.loads(answer.text)
    assert document["head"]["vars"] == ["org", "label"]
    assert document["results"]["bindings"][0] == {"org": {"type": "uri", "value": GLOBEX}, "label": {"type": "literal", "value": "Globex"}}
