"""``kg query`` and ``kg serve`` read FROM alike: it names graphs in the store, and kg's store has none."""

from __future__ import annotations

import json

import pytest
import requests
from click.testing import CliRunner

from kg.cli import cli

QUERIES = [
    "SELECT (COUNT(*) AS ?n) FROM <https://example.org/nothing> WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) FROM NAMED <https://example.org/nothing> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]


def _count_by_kg_query(store, query) -> int:
    result = CliRunner().invoke(cli, ["query", "--format", "json", "--store", store, query])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("{"), result.output
    return int(json.loads(result.output)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("query", QUERIES)
def test_kg_query_counts_what_the_endpoint_counts(endpoint, built, query):
    answer = requests.get(endpoint.sparql_url, params={"query": query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    served = int(answer.json()["results"]["bindings"][0]["n"]["value"])
    assert _count_by_kg_query(built[0], query) == served
    assert (served == 0) == ("FROM" in query)


@pytest.mark.parametrize("query", QUERIES)
def test_the_memory_store_reads_from_alike(built, tmp_path, query):
    store = f"memory:{tmp_path / 'kg.nt'}"
    from tests.helpers import DOCUMENTS, MINI

    made = CliRunner().invoke(cli, ["build", str(MINI), "--out", str(tmp_path / "out"), "--store", store,
                                    "--documents", str(DOCUMENTS)])
    assert made.exit_code == 0, made.output
    assert _count_by_kg_query(store, query) == _count_by_kg_query(built[0], query)
