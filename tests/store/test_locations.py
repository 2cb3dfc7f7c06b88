"""Reading ``--store`` locations: folders, memory, and remote SPARQL endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.remote import DEFAULT_GRAPH
from kg.store import parse_location


def test_folder_and_memory_locations_are_unchanged(monkeypatch):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert parse_location(None).kind == "oxigraph" and parse_location(None).path == Path(".kg/store")
    assert parse_location("oxigraph:/tmp/s").path == Path("/tmp/s")
    assert parse_location("memory").kind == "memory" and parse_location("memory").path is None
    assert parse_location("memory:g.nt").path == Path("g.nt")


def test_oxigraph_server_and_fuseki_get_their_update_url():
    oxigraph = parse_location("sparql+http://localhost:7878/query").remote
    assert (oxigraph.query_url, oxigraph.update_url, oxigraph.graph) == (
        "http://localhost:7878/query", "http://localhost:7878/update", DEFAULT_GRAPH)
    fuseki = parse_location("sparql+http://localhost:3030/ds/query").remote
    assert fuseki.update_url == "http://localhost:3030/ds/update"


def test_one_url_for_both_when_the_path_is_not_query():
    virtuoso = parse_location("http://localhost:8890/sparql").remote
    assert virtuoso.query_url == virtuoso.update_url == "http://localhost:8890/sparql"


def test_explicit_update_graph_and_gsp_and_foreign_parameters_kept():
    where = parse_location(
        "sparql+https://db.example/repositories/kg?infer=false&update=https://db.example/repositories/kg/statements"
        "&graph=https://example.org/g&gsp=https://db.example/rdf-graphs/service")
    remote = where.remote
    assert remote.query_url == "https://db.example/repositories/kg?infer=false"
    assert remote.update_url == "https://db.example/repositories/kg/statements"
    assert remote.graph == "https://example.org/g"
    assert remote.gsp_url == "https://db.example/rdf-graphs/service"
    assert parse_location(str(where)).remote == remote  # printed locations read back


def test_graph_default_means_the_endpoints_default_graph():
    assert parse_location("sparql+http://h/query?graph=default").remote.graph is None


def test_bad_remote_locations_are_clear_errors():
    with pytest.raises(StoreError, match=r"graph='not an iri' in .* is not an absolute IRI"):
        parse_location("sparql+http://h/query?graph=not an iri")
    with pytest.raises(StoreError, match=r"update='ftp://x' in .* is not an http\(s\) URL"):
        parse_location("sparql+http://h/query?update=ftp://x")
    with pytest.raises(StoreError, match="a remote endpoint is written sparql\\+http://HOST:PORT/query"):
        parse_location("sparql:http://h/query")


def test_kg_store_variable_is_read(monkeypatch):
    monkeypatch.setenv("KG_STORE", "sparql+http://h:1/query")
    assert parse_location(None).kind == "remote"
