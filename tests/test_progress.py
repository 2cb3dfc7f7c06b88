"""Progress: what build, ingest, unresolved, html and synth report, and how a terminal draws it.

The library reports ``progress(task, done, total)``; the commands draw it with rich on a terminal
(elapsed time, and time left once a total is known) and print nothing of it into a pipe.
"""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.progress import TerminalProgress
from kg.synth import synthesize
from tests.analysis.conftest import ACME, build_into
from tests.helpers import SEEDS


class Recorder:
    """A progress callback that keeps every call."""

    def __init__(self):
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, task, done, total):
        self.calls.append((task, done, total))

    def tasks(self) -> list[str]:
        seen: list[str] = []
        for task, _, _ in self.calls:
            if not seen or seen[-1] != task:
                seen.append(task)
        return seen


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("seed") / "store")
    build_into(location, SEEDS / "amazon-2026-outages")
    return location


def test_a_terminal_shows_each_task_with_its_count_elapsed_time_and_time_left():
    stream = io.StringIO()
    with TerminalProgress(stream, force=True, width=120) as progress:
        progress("reading cases", 0, 2)
        progress("reading cases", 2, 2)
        progress("loading into the store", 0, None)
    drawn = stream.getvalue()
    assert "reading cases" in drawn and "2/2" in drawn
    assert "loading into the store" in drawn
    assert "elapsed" in drawn and "left" in drawn
    assert [name for name, _ in progress.finished] == ["reading cases", "loading into the store"]


def test_a_count_past_its_estimate_never_reads_more_than_its_total():
    stream = io.StringIO()
    with TerminalProgress(stream, force=True, width=120) as progress:
        progress("writing cases", 100, 95)
    assert "100/100" in stream.getvalue() and "100/95" not in stream.getvalue()


def test_nothing_is_drawn_when_standard_error_is_not_a_terminal():
    stream = io.StringIO()  # not a tty
    with TerminalProgress(stream) as progress:
        progress("reading cases", 1, 2)
    assert stream.getvalue() == ""


def test_build_reports_the_cases_read_the_store_load_the_shapes_and_the_exports(tmp_path):
    record = Recorder()
    kg.build([ACME], out=tmp_path / "exports", store=str(tmp_path / "store"), progress=record)
    assert record.tasks() == ["reading cases", "loading into the store", "checking the shapes", "writing exports"]
    reading = [(done, total) for task, done, total in record.calls if task == "reading cases"]
    assert reading[0] == (0, 1) and reading[-1] == (1, 1)


def test_synth_counts_in_what_its_target_is_measured_in_and_never_passes_it(tmp_path):
    record = Recorder()
    synthesize(tmp_path / "corpus", triples=20000, seed=1, progress=record)
    assert record.calls, "synth reported nothing"
    assert all(total == 20000 and 0 <= done <= total for _, done, total in record.calls)
    assert record.calls[-1][1] > record.calls[0][1]


def test_unresolved_reports_each_stage_before_it_runs(seed_store):
    record = Recorder()
    kg.unresolved(kg.open_graph(seed_store), progress=record)
    assert record.tasks() == ["projecting the graph", "analysing case by case"]
    from kg.analysis.record import case_titles

    cases = len(case_titles(kg.open_graph(seed_store)))
    assert [done for task, done, _ in record.calls if task == "analysing case by case"] == list(range(cases + 1))


def test_an_oversized_page_is_refused_before_the_graph_is_projected(seed_store, tmp_path, monkeypatch):
    import kg.analysis.nxgraph

    def never(*args, **kwargs):
        raise AssertionError("projected a graph that was then refused")

    monkeypatch.setattr(kg.analysis.nxgraph, "project", never)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["html", "--store", seed_store, "--out", str(out), "--max-nodes", "10"])
    assert result.exit_code == 1
    assert "graph has 126 nodes, above the cap of 10" in result.output
    assert not out.exists()


def test_the_page_counts_what_it_draws_as_the_early_refusal_does(seed_store, tmp_path):
    from kg.export.html import page_size

    result = CliRunner().invoke(cli, ["html", "--store", seed_store, "--out", str(tmp_path / "page.html")])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'page.html'}: {page_size(kg.open_graph(seed_store))} nodes" in result.output


def test_build_ends_with_a_short_summary_not_every_open_question(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SEEDS / "amazon-2026-outages"), "--out", str(tmp_path / "exports"),
                                      "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("built amazon-2026-outages: ") and lines[0].endswith(" s")
    assert "open questions: 7. `kg stats` lists them" in result.output
    assert len(lines) <= 8, result.output
