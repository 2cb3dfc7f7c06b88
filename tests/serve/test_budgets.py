"""Every budget has a cap: the query's size and depth, its parse time, and the answer's bytes."""

from __future__ import annotations

import threading

import pytest
import requests
from click.testing import CliRunner

from kg.cli import cli
from kg.sparql_safety import MAX_QUERY_TERMS
from kg.server import Endpoint, Limits
from kg.store import parse_location

ASK = {"query": "ASK { ?s ?p ?o }"}


def in_list(terms: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(str(i) for i in range(terms)) + ")) }"


def post_in_background(url: str, query: str) -> tuple[threading.Thread, list]:
    answers: list = []

    def send():
        body = query.encode("utf-8")
        answers.append(requests.post(url, data=body, headers={"Content-Type": "application/sparql-query"}, timeout=120))

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread, answers


def test_a_huge_query_is_refused_at_once_and_others_are_answered(endpoint):
    """The probe's 140,000-term IN list (under the 1 MiB body cap) parsed for minutes."""
    huge = in_list(140_000)
    assert len(huge.encode()) < 1 << 20
    thread, answers = post_in_background(endpoint.sparql_url, huge)
    ask = requests.get(endpoint.sparql_url, params=ASK, timeout=30)
    thread.join(60)
    assert (ask.status_code, ask.json()["boolean"]) == (200, True)
    assert [(a.status_code, a.text) for a in answers] == [
        (413, "the query is longer than 100000 characters, the endpoint's cap; split it into smaller queries\n")
    ]


def test_a_query_with_too_many_terms_is_413(endpoint):
    answer = requests.post(endpoint.sparql_url, data={"query": in_list(MAX_QUERY_TERMS + 1)}, timeout=30)
    assert answer.status_code == 413
    assert answer.text == f"the query has more than {MAX_QUERY_TERMS} terms, the endpoint's cap; split it into smaller queries\n"


def test_a_query_over_the_length_cap_is_413(endpoint):
    query = "ASK { ?s ?p " + '"' + "x" * 100_001 + '" }'
    answer = requests.post(endpoint.sparql_url, data={"query": query}, timeout=30)
    assert answer.status_code == 413
    assert answer.text == "the query is longer than 100000 characters, the endpoint's cap; split it into smaller queries\n"


def test_a_query_slow_to_parse_holds_up_one_worker_not_every_client(endpoint):
    """Parsing happens in a worker: while one parses a long IN list, another answers an ASK.

    The long query is refused the moment its parse ends (it holds a SERVICE). Five
    ASKs, one after the other, are all answered before that; had the first one
    waited for the parse, the refusal would come before the other four.
    """
    slow = in_list(MAX_QUERY_TERMS - 100).replace(")) }", ")) SERVICE <urn:x:nowhere> { ?a ?b ?c } }")
    thread, answers = post_in_background(endpoint.sparql_url, slow)
    thread.join(0.5)  # a head start, so that the long query is being parsed
    asks = [requests.get(endpoint.sparql_url, params={"query": f"ASK {{ ?s ?p ?o . FILTER({n} > 0) }}"}, timeout=60) for n in range(1, 6)]
    still_parsing = thread.is_alive()
    thread.join(120)
    assert [(ask.status_code, ask.json()["boolean"]) for ask in asks] == [(200, True)] * 5
    assert [a.status_code for a in answers] in ([403], [503])  # refused after its parse, or stopped by the timeout
    assert still_parsing, "the ASK was answered only after the long query's parse had ended"


def test_parsing_counts_against_the_timeout(built):
    """A query that takes longer to parse than --timeout is stopped like one that takes long to run."""
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=0.2), workers=1) as running:
        # Slow to parse, instant to run: 1 is the second item of the list.
        quick_to_run = "ASK { FILTER(1 IN (" + ",".join(str(i) for i in range(MAX_QUERY_TERMS - 100)) + ")) }"
        answer = requests.post(running.sparql_url, data={"query": quick_to_run}, timeout=120)
        after = requests.get(running.sparql_url, params=ASK, timeout=60)
    assert (answer.status_code, answer.text) == (503, "query timed out after 0.2 s, the endpoint's limit; narrow the query or add LIMIT\n")
    assert after.status_code in (200, 503)  # the killed worker is being replaced


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }",
        "SELECT * WHERE " + "{ " * 300 + "?s ?p ?o" + " }" * 300,
    ],
    ids=["parentheses", "groups"],
)
def test_deep_nesting_is_a_400_not_a_500(endpoint, query):
    answer = requests.get(endpoint.sparql_url, params={"query": query}, timeout=30)
    assert (answer.status_code, answer.text) == (400, "malformed query: the query is nested too deeply to parse\n")


def test_deep_nesting_in_kg_query_is_an_error(built):
    query = "SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }"
    result = CliRunner().invoke(cli, ["query", query, "--store", built[0]])
    assert (result.exit_code, result.output) == (1, "Error: cannot parse query: it is nested too deeply\n")


@pytest.fixture(scope="module")
def byte_capped(built):
    """An endpoint whose answers may be at most 100 kB, with a generous row cap."""
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=30, max_rows=1_000_000, max_bytes=100_000), workers=1) as running:
        yield running


#: One row, one value: every label of the store, concatenated once for every triple; far over 100 kB.
ONE_HUGE_ROW = "SELECT (GROUP_CONCAT(?label) AS ?all) WHERE { ?s rdfs:label ?label . ?a ?b ?c }"
TOO_LARGE = "the result is larger than 100000 bytes, the endpoint's cap; select fewer or shorter values, or add LIMIT\n"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"])
def test_one_huge_row_is_refused_by_the_byte_cap(byte_capped, accept):
    answer = requests.get(byte_capped.sparql_url, params={"query": ONE_HUGE_ROW}, headers={"Accept": accept}, timeout=60)
    assert (answer.status_code, answer.text) == (422, TOO_LARGE)


def test_a_large_graph_answer_is_refused_by_the_byte_cap(byte_capped):
    query = "CONSTRUCT { ?s <urn:x:p> ?all } WHERE { { SELECT ?s (GROUP_CONCAT(?label) AS ?all) WHERE { ?s rdfs:label ?label . ?a ?b ?c } GROUP BY ?s } }"
    answer = requests.get(byte_capped.sparql_url, params={"query": query}, timeout=60)
    assert (answer.status_code, answer.text) == (422, TOO_LARGE)


def test_an_answer_under_the_byte_cap_is_whole(byte_capped):
    query = "SELECT (STRLEN(GROUP_CONCAT(?label)) AS ?n) WHERE { ?s rdfs:label ?label . ?a ?b ?c }"
    answer = requests.get(byte_capped.sparql_url, params={"query": query}, timeout=60)
    assert answer.status_code == 200
    assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 100_000  # the row above is over the cap


def test_serve_has_a_byte_cap_option():
    options = {param.name: param.default for param in cli.commands["serve"].params}
    assert options["max_bytes"] == 16 << 20


@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
@pytest.mark.parametrize("query", ["", "   \n"], ids=["empty", "blank"])
def test_an_empty_query_is_a_400(endpoint, how, query):
    if how == "get":
        answer = requests.get(endpoint.sparql_url, params={"query": query}, timeout=30)
    elif how == "form":
        answer = requests.post(endpoint.sparql_url, data={"query": query}, timeout=30)
    else:
        answer = requests.post(endpoint.sparql_url, data=query.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert (answer.status_code, answer.text) == (400, "empty query parameter: send ?query=SELECT ...\n")


@pytest.mark.parametrize("path", ["/sparql", "/"])
def test_options_is_a_clear_405_with_no_cors_origin(endpoint, path):
    answer = requests.options(
        endpoint.url.rstrip("/") + path,
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, HEAD, POST"
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert answer.text == "OPTIONS is not allowed: the endpoint answers no cross-origin requests; use GET, HEAD or POST from this origin\n"
