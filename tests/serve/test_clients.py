"""Real clients against the endpoint: SPARQLWrapper, rdflib's SPARQLStore, curl."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.query import run_query
from kg.sparql import canned_queries
from kg.store import open_graph

ORGANIZATIONS = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?org ?label WHERE { ?org a kg:Organization ; rdfs:label ?label } ORDER BY ?label"""
GLOBEX = "https://w3id.org/kg/id/mini/globex"
EXPECTED = [(GLOBEX, "Globex"), ("https://w3id.org/kg/id/mini/the-wire", "The Wire")]


# ------------------------------------------------------------------ SPARQLWrapper


def wrapper(endpoint, query: str, return_format: str):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint.sparql_url)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    return client


def test_sparqlwrapper_select_json(endpoint):
    from SPARQLWrapper import JSON

    rows = wrapper(endpoint, ORGANIZATIONS, JSON).queryAndConvert()["results"]["bindings"]
    assert [(r["org"]["value"], r["label"]["value"]) for r in rows] == EXPECTED


def test_sparqlwrapper_select_xml(endpoint):
    from SPARQLWrapper import XML

    document = wrapper(endpoint, ORGANIZATIONS, XML).queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == ["Globex", "The Wire"]


@pytest.mark.parametrize("return_format, delimiter", [("csv", ","), ("tsv", "\t")])
def test_sparqlwrapper_select_csv_and_tsv(endpoint, return_format, delimiter):
    text = wrapper(endpoint, ORGANIZATIONS, return_format).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0] == (["org", "label"] if return_format == "csv" else ["?org", "?label"])
    assert len(rows) == 3


def test_sparqlwrapper_ask(endpoint):
    from SPARQLWrapper import JSON

    assert wrapper(endpoint, f"ASK {{ <{GLOBEX}> ?p ?o }}", JSON).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("return_format", ["turtle", "json-ld", "xml"])
def test_sparqlwrapper_construct(endpoint, return_format):
    query = f"CONSTRUCT {{ <{GLOBEX}> ?p ?o }} WHERE {{ <{GLOBEX}> ?p ?o }}"
    result = wrapper(endpoint, query, return_format).queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format={"turtle": "turtle", "json-ld": "json-ld"}[return_format])
    assert (URIRef(GLOBEX), RDFS.label, Literal("Globex")) in graph


def test_sparqlwrapper_reports_a_malformed_query(endpoint):
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match=r"malformed query: Expected SelectQuery"):
        wrapper(endpoint, "SELECT * WHERE { ?s ?p }", JSON).query()


def test_sparqlwrapper_update_is_refused(endpoint):
    from urllib.error import HTTPError

    from SPARQLWrapper import POST

    client = wrapper(endpoint, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", "json")
    client.setMethod(POST)
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403


# ------------------------------------------------------------------ rdflib SPARQLStore


@pytest.fixture
def remote(endpoint) -> Graph:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return Graph(store=SPARQLStore(query_endpoint=endpoint.sparql_url))


def test_sparqlstore_select(remote):
    assert [(str(r.org), str(r.label)) for r in remote.query(ORGANIZATIONS)] == EXPECTED


def test_sparqlstore_triples_pattern(remote):
    assert list(remote.objects(URIRef(GLOBEX), RDFS.label)) == [Literal("Globex")]


def test_sparqlstore_construct(remote):
    result = remote.query(f"CONSTRUCT {{ <{GLOBEX}> ?p ?o }} WHERE {{ <{GLOBEX}> ?p ?o }}")
    assert (URIRef(GLOBEX), RDFS.label, Literal("Globex")) in result.graph


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_gives_the_same_rows_remotely(remote, built, name):
    """The endpoint and the library agree on every shipped query."""
    local = run_query(open_graph(built[0]), name)
    text = canned_queries()[name].text
    if local.type != "SELECT":
        pytest.skip(f"{name} is a {local.type} query")
    expected = sorted(tuple("" if v is None else str(v) for v in row) for row in local)
    got = sorted(tuple("" if v is None else str(v) for v in row) for row in remote.query(text))
    assert got == expected


# ------------------------------------------------------------------ curl


def curl(*args: str) -> subprocess.CompletedProcess:
    found = shutil.which("curl")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("curl is required in CI")
        pytest.skip("curl is not installed")
    return subprocess.run([found, "--silent", "--show-error", *args], capture_output=True, text=True, timeout=30)


def test_curl_get_csv(endpoint):
    run = curl("-G", "-H", "Accept: text/csv", "--data-urlencode", f"query={ORGANIZATIONS}", endpoint.sparql_url)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["org,label", f"{GLOBEX},Globex", "https://w3id.org/kg/id/mini/the-wire,The Wire"]


def test_curl_post_sparql_query_turtle(endpoint):
    query = f"CONSTRUCT {{ <{GLOBEX}> ?p ?o }} WHERE {{ <{GLOBEX}> ?p ?o }}"
    run = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: text/turtle", "--data-binary", query, endpoint.sparql_url)
    assert run.returncode == 0, run.stderr
    assert (URIRef(GLOBEX), RDFS.label, Literal("Globex")) in Graph().parse(data=run.stdout, format="turtle")


def test_curl_sees_the_status_codes(endpoint):
    run = curl("-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode", "update=CLEAR ALL", endpoint.sparql_url)
    assert run.stdout == "403"
    run = curl("-w", "\n%{http_code}", "--data-urlencode", "query=SELECT * WHERE { ?s ?p }", endpoint.sparql_url)
    assert run.stdout.splitlines()[-1] == "400"
    assert run.stdout.startswith("malformed query: ")
