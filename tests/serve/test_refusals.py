"""Read-only and offline: updates, SERVICE and LOAD are refused before anything runs."""

from __future__ import annotations

import pytest
import requests

from kg.store import open_graph

READ_ONLY = "SPARQL Update is refused: this endpoint is read-only\n"


def triple_count(endpoint) -> int:
    answer = requests.get(endpoint.sparql_url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, timeout=10)
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}},
        {"data": b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", "headers": {"Content-Type": "application/sparql-update"}},
        {"data": {"query": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}},
        {"data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
        {"data": {"query": "CLEAR ALL"}},
        {"data": {"query": "DROP DEFAULT"}},
    ],
    ids=["update-param", "sparql-update-body", "insert-as-query", "delete-as-query", "clear", "drop"],
)
def test_updates_are_refused_and_change_nothing(endpoint, built, request_kwargs):
    before = triple_count(endpoint)
    answer = requests.post(endpoint.sparql_url, timeout=10, **request_kwargs)
    assert answer.status_code == 403
    assert answer.text == READ_ONLY
    assert triple_count(endpoint) == before == len(open_graph(built[0]))


def test_put_is_refused(endpoint):
    answer = requests.put(endpoint.sparql_url, data=b"<urn:x:a> <urn:x:b> <urn:x:c> .", timeout=10)
    assert answer.status_code == 405
    assert answer.text == "PUT is not allowed: this endpoint is read-only\n"


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    ],
    ids=["service", "service-silent", "service-in-exists", "service-in-subquery"],
)
def test_service_is_refused_before_any_connection(endpoint, listener, template):
    url = listener.url
    answer = requests.post(endpoint.sparql_url, data={"query": template.format(url=url)}, timeout=10)
    assert answer.status_code == 403
    assert answer.text == "SERVICE is refused: kg never fetches remote data\n"
    assert listener.connections == []


def test_service_without_the_guard_would_connect(listener):
    """The guard matters: the engine itself does open the connection."""
    import pyoxigraph as ox

    url = listener.url
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    assert len(listener.connections) == 1


@pytest.mark.parametrize("as_param", ["query", "update"])
def test_load_is_refused_before_any_connection(endpoint, listener, as_param):
    url = listener.url
    answer = requests.post(endpoint.sparql_url, data={as_param: f"LOAD <{url}>"}, timeout=10)
    assert answer.status_code == 403
    assert answer.text == ("LOAD is refused: kg never fetches remote data\n" if as_param == "query" else READ_ONLY)
    assert listener.connections == []


def test_remote_jsonld_contexts_are_refused(endpoint, listener):
    url = listener.url
    query = "CONSTRUCT WHERE { ?s a ?o } LIMIT 1"
    answer = requests.get(endpoint.sparql_url, params={"query": query}, headers={"Accept": f'application/ld+json; profile="{url}"'}, timeout=10)
    assert answer.status_code == 403
    assert answer.text == f"remote JSON-LD contexts are refused: kg never fetches remote data: {url}; answers embed kg's own context\n"
    assert listener.connections == []
    standard = requests.get(endpoint.sparql_url, params={"query": query}, headers={"Accept": 'application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"'}, timeout=10)
    assert standard.status_code == 200
    assert isinstance(standard.json()["@context"], dict)


def test_from_names_a_graph_and_fetches_nothing(endpoint, listener):
    url = listener.url
    answer = requests.get(endpoint.sparql_url, params={"query": f"ASK FROM <{url}> {{ ?s ?p ?o }}"}, timeout=10)
    assert answer.status_code == 200
    assert answer.json()["boolean"] is False  # no such graph in the store; nothing was downloaded
    assert listener.connections == []


def test_a_word_service_in_a_string_or_iri_is_fine(endpoint):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> LOAD" AS ?x) FILTER(?x != <http://example.org/SERVICE>) }'
    answer = requests.get(endpoint.sparql_url, params={"query": query}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "SERVICE <http://example.org/> LOAD"


def test_other_host_names_are_refused_on_loopback(endpoint):
    """A page on another site that rebinds its name to 127.0.0.1 cannot read the endpoint."""
    answer = requests.get(endpoint.sparql_url, params={"query": "ASK {}"}, headers={"Host": "evil.example:80"}, timeout=10)
    assert answer.status_code == 403
    assert answer.text == "host 'evil.example:80' is not allowed; use http://127.0.0.1, or start kg serve with --allow-host NAME\n"
    local = requests.get(endpoint.sparql_url.replace("127.0.0.1", "localhost"), params={"query": "ASK {}"}, timeout=10)
    assert local.status_code == 200
