"""The sample sessions of README.md and docs/*.md match a real run, line for line up to any cut.

Each indented block that starts with ``$ kg ...`` is run in a scratch folder that holds
``seeds/`` and, when it is beside the project, ``../shared/seeds``; every output line the
page shows must be what the command prints. A line ``...`` or ``…`` cuts the sample: what
follows is not compared. A sample whose first line is ``Error: ...`` must fail with exit
code 1; any other must succeed.
"""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import ARTICLES, ROOT, SEEDS

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CUTS = ("...", "…")
#: A duration ("in 1.8 s", "12 ms") differs from run to run and machine to machine: both sides show it as "<t> s".
DURATION = re.compile(r"\b\d+(?:\.\d+)? (s|ms)\b")
#: The width `kg --help` has on an ordinary terminal; docs/cli.md shows help at this width.
TERMINAL_WIDTH = 80


def samples(page: Path) -> list[tuple[str, list[str]]]:
    """Every ``$ kg ...`` command on ``page``, with the output lines shown under it."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        if not line.startswith("    $ kg "):
            continue
        shown = []
        for after in lines[number + 1 :]:
            if after.strip() and not after.startswith("    ") or after.startswith("    $ "):
                break
            shown.append(after[4:])
        while shown and not shown[-1]:
            shown.pop()
        found.append((line[len("    $ ") :], shown))
    return found


ALL = [
    (page.relative_to(ROOT).as_posix(), command, shown) for page in PAGES for command, shown in samples(page)
]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A folder laid out as the pages assume, with the seeds built into its default store."""
    root = tmp_path_factory.mktemp("readme")
    work = root / "kg"
    work.mkdir()
    (work / "seeds").symlink_to(SEEDS)
    if ARTICLES.is_dir():
        (root / "shared").mkdir()
        (root / "shared" / "seeds").symlink_to(ARTICLES)
    return work


def _run(work, command: str, monkeypatch):
    monkeypatch.chdir(work)
    monkeypatch.delenv("KG_STORE", raising=False)
    return CliRunner().invoke(cli, shlex.split(command)[1:], prog_name="kg", terminal_width=TERMINAL_WIDTH)


def test_the_readme_tours_build_unresolved_and_html():
    commands = [command.split()[1] for command, _ in samples(ROOT / "README.md")]
    assert commands == ["build", "unresolved", "html"]


def test_the_sample_reader_stops_at_the_next_prompt_and_at_prose(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("    $ kg stats\n    one\n\n    two\n    $ kg path A B\n    three\nProse.\n    four\n")
    assert samples(page) == [("kg stats", ["one", "", "two"]), ("kg path A B", ["three"])]


@pytest.mark.parametrize("page, command, shown", ALL, ids=[f"{page}: {command}" for page, command, _ in ALL])
def test_sample_output_matches_a_real_run(session, monkeypatch, page, command, shown):
    if "--documents ../shared/seeds" in command and not ARTICLES.is_dir():
        pytest.skip("../shared/seeds (the seed article) is not beside the project")
    if not (session / ".kg" / "store").exists():
        documents = ["--documents", "../shared/seeds"] if ARTICLES.is_dir() else []
        built = _run(session, shlex.join(["kg", "build", "seeds", *documents]), monkeypatch)
        assert built.exit_code == 0, built.output
    result = _run(session, command, monkeypatch)
    failing = bool(shown) and shown[0].startswith("Error: ")
    assert result.exit_code == (1 if failing else 0), result.output
    # Markdown keeps no trailing spaces, so neither side is held to them.
    printed = [DURATION.sub(r"<t> \1", line.rstrip()) for line in result.output.splitlines()]
    shown = [DURATION.sub(r"<t> \1", line.rstrip()) for line in shown]
    cut = [number for number, line in enumerate(shown) if line.strip() in CUTS]
    expected = shown[: cut[0]] if cut else shown
    assert printed[: len(expected)] == expected, f"{page}: sample `{command}` is stale"
    if not cut:
        assert len(printed) == len(expected), (
            f"{page}: sample `{command}` shows part of the output without a cut"
        )


def sparql_samples(page: Path) -> list[tuple[str, list[str]]]:
    """Every fenced SELECT on ``page`` followed by ``Output:`` and its rows as CSV."""
    found = []
    text = page.read_text(encoding="utf-8")
    pattern = r"```sparql\n(?P<query>.*?)```\s*\nOutput:\n\n(?P<rows>(?:    [^\n]*\n)+)"
    for match in re.finditer(pattern, text, re.DOTALL):
        query = match.group("query").strip()
        if query.upper().startswith("SELECT"):
            found.append((query, [line[4:] for line in match.group("rows").splitlines()]))
    return found


SPARQL = [
    (page.relative_to(ROOT).as_posix(), query, rows) for page in PAGES for query, rows in sparql_samples(page)
]


@pytest.mark.parametrize(
    "page, query, rows", SPARQL, ids=[f"{page}: SPARQL {n}" for n, (page, _, _) in enumerate(SPARQL)]
)
def test_sparql_sample_answers_match_a_real_run(session, monkeypatch, page, query, rows):
    """The worked SPARQL examples print what `kg query --format csv` prints, row for row up to any cut."""
    if not ARTICLES.is_dir():
        pytest.skip("the samples' offsets need ../shared/seeds (the seed article) beside the project")
    if not (session / ".kg" / "store").exists():
        built = _run(session, "kg build seeds --documents ../shared/seeds", monkeypatch)
        assert built.exit_code == 0, built.output
    monkeypatch.chdir(session)
    result = CliRunner().invoke(cli, ["query", query, "--format", "csv"])
    assert result.exit_code == 0, result.output
    printed = list(csv.reader(result.output.splitlines()))
    cut = [number for number, line in enumerate(rows) if line.strip() in CUTS]
    expected = list(csv.reader(rows[: cut[0]] if cut else rows))  # as CSV: a cell may be quoted or not
    assert printed[: len(expected)] == expected, f"{page}: a SPARQL sample's answer is stale"
    assert cut or len(printed) == len(expected), (
        f"{page}: a SPARQL sample shows part of its answer without a cut"
    )


def test_the_serve_page_has_sparql_samples():
    assert len(sparql_samples(ROOT / "docs" / "serve.md")) >= 4
