"""A remote SPARQL endpoint as the store, against real engines: Oxigraph server and Virtuoso."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.build import build
from kg.cli import cli
from kg.errors import ValidationError
from kg.remote import parse_remote
from kg.query import run_query
from kg.sparql import canned_queries
from kg.store import normalize_term, open_graph
from tests.conftest import REMOTE_KINDS
from tests.helpers import DOCUMENTS, MINI, copy_case, edit


@pytest.fixture(params=REMOTE_KINDS)
def server(request):
    """Each engine in turn: the session's Oxigraph server, then its Virtuoso."""
    return request.getfixturevalue("oxigraph_server" if request.param == "remote" else "virtuoso_server")


@pytest.fixture
def remote_store(server) -> str:
    return server.location()


def _normalized(graph):
    from rdflib import Graph

    copy = Graph()
    copy += ((s, p, normalize_term(o)) for s, p, o in graph)
    return copy


def test_build_then_read_through_every_command(server, remote_store, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(MINI), "--documents", str(DOCUMENTS), "--store", remote_store, "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    graph_iri = parse_remote(remote_store).graph
    built = int(result.output.split(" triples into ")[0].rsplit(" ", 1)[1])
    assert server.count(graph_iri) == built
    stats = CliRunner().invoke(cli, ["stats", "--store", remote_store])
    assert stats.exit_code == 0 and f"{built} triples" in stats.output
    validate = CliRunner().invoke(cli, ["validate", "--store", remote_store])
    assert validate.exit_code == 0 and "Conforms: True" in validate.output


def test_remote_holds_the_same_graph_as_the_embedded_store(remote_store, tmp_path):
    build([MINI], out=None, store=remote_store, documents=DOCUMENTS)
    build([MINI], out=None, store=tmp_path / "store", documents=DOCUMENTS)
    assert isomorphic(_normalized(open_graph(remote_store)), _normalized(open_graph(tmp_path / "store")))


def test_canned_queries_answer_alike_remote_and_embedded(remote_store, tmp_path):
    build([MINI], out=None, store=remote_store)
    build([MINI], out=None, store=tmp_path / "store")
    remote, local = open_graph(remote_store), open_graph(tmp_path / "store")
    for name in canned_queries():
        answers = [sorted(tuple(str(v) for v in row) for row in run_query(g, name)) for g in (remote, local)]
        assert answers[0] == answers[1], name


def test_rebuild_replaces_and_leaves_no_staging_graph(server, remote_store, tmp_path):
    first = build([MINI], out=None, store=remote_store, documents=DOCUMENTS)
    second = build([MINI], out=None, store=remote_store)  # without documents: fewer triples
    graph_iri = parse_remote(remote_store).graph
    assert second.triples < first.triples
    assert server.count(graph_iri) == second.triples
    assert not [g for g in server.graphs() if "/staging/" in g]


def test_failed_build_leaves_the_previous_remote_graph(server, remote_store, tmp_path):
    good = build([MINI], out=None, store=remote_store)
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "    status: open", "    status: resolved")
    with pytest.raises(ValidationError, match=r"\(1 violations\)"):
        build([case], out=None, store=remote_store)
    graph_iri = parse_remote(remote_store).graph
    assert server.count(graph_iri) == good.triples
    assert not [g for g in server.graphs() if "/staging/" in g]


def test_default_graph_and_graph_store_protocol(oxigraph_server, tmp_path):
    # Oxigraph only: Virtuoso's default graph is the union of all its graphs.
    location = oxigraph_server.location("default", gsp=oxigraph_server.store_url)
    built = build([MINI], out=None, store=location)
    assert len(open_graph(location)) == built.triples
    answers = sorted(str(row.stance) for row in run_query(open_graph(location), "assertions-by-stance"))
    assert answers == ["asserts", "denies"]


def test_nothing_built_yet_is_a_clear_error(remote_store):
    result = CliRunner().invoke(cli, ["stats", "--store", remote_store])
    assert result.exit_code == 1
    graph_iri = parse_remote(remote_store).graph
    assert f"Error: no graph in <{graph_iri}> at http://" in result.output and "run `kg build --store sparql+http://" in result.output


def test_orphaned_staging_graphs_go_with_the_next_build(server, remote_store):
    """A build cut off mid-swap leaves its staging graph; the next build into the graph drops it at once."""
    from kg.remote import _staging_prefix, sparql_update

    endpoint = parse_remote(remote_store)
    other = parse_remote(server.location())
    just_now = f"{_staging_prefix(endpoint)}29990101T000000Z-deadbeef0000"  # however recent
    elsewhere = f"{_staging_prefix(other)}29990101T000000Z-deadbeef0001"  # another graph's build, maybe running
    old_style = "https://w3id.org/kg/graph/staging/20200101T000000Z-deadbeef0002"
    sparql_update(endpoint, "INSERT DATA { " + " ".join(f"GRAPH <{g}> {{ <urn:a> <urn:b> <urn:c> }}"
                                                         for g in (just_now, elsewhere, old_style)) + " }")
    built = build([MINI], out=None, store=remote_store)
    graphs = server.graphs()
    assert just_now not in graphs and old_style not in graphs and elsewhere in graphs
    assert server.count(endpoint.graph) == built.triples
    sparql_update(endpoint, f"DROP SILENT GRAPH <{elsewhere}>")  # SILENT: Virtuoso drops only graphs it was told to create
