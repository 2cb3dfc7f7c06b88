"""A remote SPARQL endpoint as the store, against a real Oxigraph server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.build import build
from kg.cli import cli
from kg.errors import ValidationError
from kg.sparql import canned_queries, run_query
from kg.store import normalize_term, open_graph
from tests.helpers import DOCUMENTS, MINI, copy_case, edit


def _normalized(graph):
    from rdflib import Graph

    copy = Graph()
    copy += ((s, p, normalize_term(o)) for s, p, o in graph)
    return copy


def test_build_then_read_through_every_command(oxigraph_server, remote_store, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(MINI), "--documents", str(DOCUMENTS), "--store", remote_store, "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    graph_iri = remote_store.split("graph=", 1)[1]
    built = int(result.output.split(" triples into ")[0].rsplit(" ", 1)[1])
    assert oxigraph_server.count(graph_iri) == built
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


def test_rebuild_replaces_and_leaves_no_staging_graph(oxigraph_server, remote_store, tmp_path):
    first = build([MINI], out=None, store=remote_store, documents=DOCUMENTS)
    second = build([MINI], out=None, store=remote_store)  # without documents: fewer triples
    graph_iri = remote_store.split("graph=", 1)[1]
    assert second.triples < first.triples
    assert oxigraph_server.count(graph_iri) == second.triples
    assert not [g for g in oxigraph_server.graphs() if "/staging/" in g]


def test_failed_build_leaves_the_previous_remote_graph(oxigraph_server, remote_store, tmp_path):
    good = build([MINI], out=None, store=remote_store)
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "    status: open", "    status: resolved")
    with pytest.raises(ValidationError, match=r"\(1 violations\)"):
        build([case], out=None, store=remote_store)
    graph_iri = remote_store.split("graph=", 1)[1]
    assert oxigraph_server.count(graph_iri) == good.triples
    assert not [g for g in oxigraph_server.graphs() if "/staging/" in g]


def test_default_graph_and_graph_store_protocol(oxigraph_server, tmp_path):
    location = oxigraph_server.location("default", gsp=oxigraph_server.store_url)
    built = build([MINI], out=None, store=location)
    assert len(open_graph(location)) == built.triples
    answers = sorted(str(row.stance) for row in run_query(open_graph(location), "assertions-by-stance"))
    assert answers == ["asserts", "denies"]


def test_nothing_built_yet_is_a_clear_error(remote_store):
    result = CliRunner().invoke(cli, ["stats", "--store", remote_store])
    assert result.exit_code == 1
    graph_iri = remote_store.split("graph=", 1)[1]
    assert f"Error: no graph in <{graph_iri}> at http://" in result.output and "run `kg build --store sparql+http://" in result.output
