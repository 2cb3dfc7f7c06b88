"""An entity's identifiers elsewhere: ``sameAs:`` in a case file (Wikidata ids, any http(s) IRI) → ``owl:sameAs``."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from kg.cli import cli
from kg.export.html_view import graph_view
from kg.store import open_graph
from tests.helpers import copy_case, edit, line_of

GLOBEX = URIRef("https://w3id.org/kg/id/mini/globex")
WIKIDATA = URIRef("http://www.wikidata.org/entity/Q123456")
ELSEWHERE = URIRef("https://example.org/org/globex")


def _with_ids(tmp_path, ids: str):
    case = copy_case(tmp_path)
    edit(case / "entities.yaml", "    label: Globex\n", f"    label: Globex\n    sameAs: {ids}\n")
    return case


def test_a_wikidata_id_and_an_iri_round_trip_to_owl_same_as(tmp_path):
    case = _with_ids(tmp_path, "[Q123456, 'https://example.org/org/globex']")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(case), "--store", str(store), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    graph = open_graph(str(store))
    assert set(graph.objects(GLOBEX, OWL.sameAs)) == {WIKIDATA, ELSEWHERE}
    turtle = tmp_path / "kg.ttl"
    assert CliRunner().invoke(cli, ["export", "--format", "turtle", "-o", str(turtle), "--store", str(store)]).exit_code == 0
    back = Graph().parse(turtle)
    assert set(back.objects(GLOBEX, OWL.sameAs)) == {WIKIDATA, ELSEWHERE}
    # The page lists them as links; they are no nodes of their own, and no analysis meets them.
    view = graph_view(graph)
    globex = next(node for node in view["nodes"] if node["id"] == str(GLOBEX))
    assert globex["links"] == [str(WIKIDATA), str(ELSEWHERE)]
    assert not any(node["id"] in (str(WIKIDATA), str(ELSEWHERE)) for node in view["nodes"])


def test_an_id_that_is_neither_is_refused_with_file_and_line(tmp_path):
    case = _with_ids(tmp_path, "[globex-corp]")
    result = CliRunner().invoke(cli, ["build", str(case), "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out")])
    line = line_of(case / "entities.yaml", "sameAs:")
    assert result.exit_code == 1
    assert f"entities.yaml:{line}" in result.output
    assert "'sameAs' must be a Wikidata id such as Q42, or an absolute http(s) IRI, not 'globex-corp'" in result.output
    assert not (tmp_path / "out").exists()


def test_an_iri_the_store_would_refuse_is_refused_with_file_and_line(tmp_path):
    # A control character and a bad host pass the loose pattern; the store's loader refused them at a line of the
    # build's N-Quads, with no case file named.
    for number, bad in enumerate(('"https://example.org/a\\x01b"', "'http://[bad/x'")):
        case = _with_ids(tmp_path / str(number), f"[{bad}]")
        store = case.parent / "store"
        result = CliRunner().invoke(cli, ["build", str(case), "--store", str(store), "--out", str(case.parent / "out")])
        line = line_of(case / "entities.yaml", "sameAs:")
        assert result.exit_code == 1, result.output
        assert f"entities.yaml:{line}" in result.output
        assert "'sameAs' must be a Wikidata id such as Q42, or an absolute http(s) IRI" in result.output
        assert not store.exists() and not (case.parent / "out").exists()
