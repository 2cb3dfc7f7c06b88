"""The summaries a build materialises (kg.summaries) give the rows the canned queries give."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.sparql import oxigraph_plain_rows, plain_rows
from kg.store import open_graph
from kg.summaries import MATERIALISED, has_summary
from tests.helpers import ARTICLES, DOCUMENTS, MINI, SEEDS


def _build(tmp_path, case, store):
    documents = DOCUMENTS if case == MINI else ARTICLES
    args = ["build", str(case), "--store", store, "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args + (["--documents", str(documents)] if documents.is_dir() else []))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", [MINI, SEEDS], ids=["mini", "seeds"])
def test_the_materialised_rows_are_the_canned_queries_rows(tmp_path, case):
    _build(tmp_path, case, str(tmp_path / "store"))
    graph = open_graph(tmp_path / "store")
    store = graph.store._inner
    assert has_summary(store)
    for name in MATERIALISED:
        names, rows = plain_rows(graph, name)  # from the summary
        reference_names, reference = oxigraph_plain_rows(store, name)  # the canned query over the whole graph
        rows, reference = list(rows), list(reference)
        assert names == reference_names
        assert rows and sorted(rows, key=repr) == sorted(set(reference), key=repr)


def test_the_projection_is_the_same_with_and_without_the_summary(tmp_path):
    from kg.analysis.nxgraph import project

    _build(tmp_path, SEEDS, str(tmp_path / "store"))
    _build(tmp_path, SEEDS, f"memory:{tmp_path / 'graph.nt'}")  # no named graphs: the canned queries
    projected = [project(open_graph(where)) for where in (tmp_path / "store", f"memory:{tmp_path / 'graph.nt'}")]
    assert sorted(projected[0].nodes(data=True)) == sorted(projected[1].nodes(data=True))
    assert sorted(projected[0].edges(keys=True)) == sorted(projected[1].edges(keys=True))


def test_the_summary_stays_out_of_the_graph_and_its_exports(tmp_path):
    _build(tmp_path, MINI, str(tmp_path / "store"))
    assert "kg/summary" not in (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--store", str(tmp_path / "store"), "--format", "nquads",
                                      "-o", str(tmp_path / "kg.nq")])
    assert result.exit_code == 0, result.output
    exported = (tmp_path / "kg.nq").read_text(encoding="utf-8")
    assert exported and "kg/summary" not in exported
    stats = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "store")])
    assert stats.exit_code == 0 and "summary" not in stats.output
