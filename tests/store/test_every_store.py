"""One build, the same answers: every canned query and the unresolved report, on every kind of store."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from kg.query import run_query
from kg.sparql import canned_queries
from kg.store import open_graph
from tests.helpers import DOCUMENTS, MINI


def _answers(location: str) -> dict[str, list]:
    graph = open_graph(location)
    return {name: sorted(tuple(str(v) for v in row) for row in run_query(graph, name)) for name in canned_queries()}


def _unresolved(location: str) -> str:
    from kg.analysis.report import unresolved
    from kg.export.report_text import text

    return text(unresolved(open_graph(location)))


def test_build_query_and_unresolved_agree_with_the_memory_store(any_store, tmp_path):
    reference = f"memory:{tmp_path / 'reference.nt'}"
    for location in (reference, any_store):
        result = CliRunner().invoke(cli, ["build", str(MINI), "--documents", str(DOCUMENTS), "--store", location,
                                          "--out", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
    assert _answers(any_store) == _answers(reference)
    assert _unresolved(any_store) == _unresolved(reference)
    stats = CliRunner().invoke(cli, ["stats", "--store", any_store])
    assert stats.exit_code == 0 and stats.output == CliRunner().invoke(cli, ["stats", "--store", reference]).output
