"""No query reaches the network: SERVICE hidden from one parser is still refused, on every road.

Each test sends a query that names a real listener on 127.0.0.1 and asserts
that the listener received no connection. The queries are the bypasses a
probe found: a comment that rdflib runs past a carriage return while Oxigraph
ends it there, and a ``\\'`` that a regex took for the start of a string.
"""

from __future__ import annotations

import pytest
import requests
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query import run_query
from kg.store import open_graph

REFUSED = "SERVICE is refused: kg never fetches remote data"
SEEN_BY_OXIGRAPH = REFUSED + " (Oxigraph, which runs the query, reads a SERVICE clause in it)"

BYPASSES = {
    # rdflib: a comment up to the line feed; Oxigraph: a comment up to the carriage return.
    "comment-ended-by-cr": ("SELECT * WHERE {{ # \r SERVICE <{url}> {{ ?a ?b ?c }} \n }}", SEEN_BY_OXIGRAPH),
    "ask-comment-ended-by-cr": ("ASK {{ # \r SERVICE <{url}> {{ ?a ?b ?c }} \n }}", SEEN_BY_OXIGRAPH),
    "construct-comment-ended-by-cr": ("CONSTRUCT {{ ?a ?b ?c }} WHERE {{ # \r SERVICE SILENT <{url}> {{ ?a ?b ?c }} \n }}", SEEN_BY_OXIGRAPH),
    "lower-case-after-cr": ("SELECT * WHERE {{ #\rservice <{url}> {{ ?a ?b ?c }}\n }}", SEEN_BY_OXIGRAPH),
    # A regex took the escaped quote in kg:a\' for the start of a string running to the final #'.
    "escaped-quote-in-a-name": ("SELECT * WHERE {{ VALUES ?z {{ kg:a\\' }} SERVICE <{url}> {{ ?a ?b ?c }} }} #'", REFUSED),
}


@pytest.mark.parametrize("name", BYPASSES)
def test_kg_query_refuses_and_connects_nowhere(built, listener, name):
    template, message = BYPASSES[name]
    result = CliRunner().invoke(cli, ["query", template.format(url=listener.url), "--store", built[0]])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    assert listener.connections == []


@pytest.mark.parametrize("name", BYPASSES)
def test_run_query_refuses_and_connects_nowhere(built, listener, name):
    template, message = BYPASSES[name]
    graph = open_graph(built[0])
    with pytest.raises(QueryError) as refused:
        run_query(graph, template.format(url=listener.url))
    assert str(refused.value) == message
    assert listener.connections == []


@pytest.mark.parametrize("name", [n for n in BYPASSES if "escaped-quote" not in n])
@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
def test_kg_serve_refuses_and_connects_nowhere(endpoint, listener, name, how):
    template, _ = BYPASSES[name]
    query = template.format(url=listener.url)
    if how == "get":
        answer = requests.get(endpoint.sparql_url, params={"query": query}, timeout=30)
    elif how == "form":
        answer = requests.post(endpoint.sparql_url, data={"query": query}, timeout=30)
    else:
        answer = requests.post(endpoint.sparql_url, data=query.encode("utf-8"), headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert answer.status_code == 403
    assert answer.text == SEEN_BY_OXIGRAPH + "\n"
    assert listener.connections == []


def test_kg_serve_refuses_the_escaped_quote_bypass(endpoint, listener):
    template, _ = BYPASSES["escaped-quote-in-a-name"]
    answer = requests.post(endpoint.sparql_url, data={"query": template.format(url=listener.url)}, timeout=30)
    assert (answer.status_code, answer.text) == (403, REFUSED + "\n")
    assert listener.connections == []


def test_a_cross_origin_form_post_is_refused_before_the_query_is_read(endpoint, listener):
    """A page on another site can post a form to 127.0.0.1; the Origin check stops it."""
    template, _ = BYPASSES["comment-ended-by-cr"]
    answer = requests.post(
        endpoint.sparql_url,
        data={"query": template.format(url=listener.url)},
        headers={"Origin": "http://evil.example"},
        timeout=30,
    )
    assert answer.status_code == 403
    assert answer.text == "a request from origin 'http://evil.example' is not allowed; only pages served by this endpoint may post to it\n"
    assert listener.connections == []


def test_the_word_service_elsewhere_still_runs(built):
    """Names, strings and comments that hold the word are not refused."""
    graph = open_graph(built[0])
    query = 'SELECT ?service WHERE { BIND("service <x>" AS ?service) } # no SERVICE here\r\n'
    assert [str(row.service) for row in run_query(graph, query)] == ["service <x>"]
