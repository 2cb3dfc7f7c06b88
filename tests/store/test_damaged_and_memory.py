"""Two stores that cannot answer, and say why: a damaged one, and ``memory`` read from a new process."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.store import open_graph
from tests.helpers import DOCUMENTS, MINI

KG = str(Path(sys.executable).parent / "kg")
MEMORY_ELSEWHERE = (
    "the memory store lives only inside one process, and nothing was built into it in this one; "
    "build into a folder (--store .kg/store, the default) or a file (--store memory:FILE.nt) "
    "to read the graph from another command"
)


def damage(store: Path) -> None:
    """Cut the largest table file of the current generation short, as a full disk or a bad copy would."""
    largest = max((store / "current").resolve().glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(largest, "r+b") as handle:
        handle.truncate(100)


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    """The mini case built once for this file; :func:`damaged` breaks a copy of it."""
    store = tmp_path_factory.mktemp("good") / "store"
    build([MINI], out=None, documents=DOCUMENTS, store=str(store), validate=False)
    return store


@pytest.fixture
def damaged(good_store, tmp_path) -> Path:
    """A copy of :func:`good_store` (its ``current`` link is relative), damaged: each test's own."""
    store = tmp_path / "store"
    shutil.copytree(good_store, store, symlinks=True)
    damage(store)
    return store


@pytest.mark.parametrize("command", [["stats"], ["query", "ASK { ?s ?p ?o }"], ["unresolved"], ["validate"]], ids=lambda c: c[0])
def test_a_damaged_store_is_an_error_that_says_how_to_rebuild(damaged, command):
    result = CliRunner().invoke(cli, [*command, "--store", str(damaged)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.fullmatch(
        rf"Error: the store {re.escape(str(damaged))} is damaged \(Corruption: [^\n]+\); rebuild it: kg build CASE_DIR\.\.\. --store {re.escape(str(damaged))}\n",
        result.output,
    ), result.output


def test_a_damaged_store_is_rebuilt_by_kg_build(damaged, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(MINI), "--documents", str(DOCUMENTS), "--store", str(damaged), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert len(open_graph(damaged)) > 0


def test_kg_serve_on_a_damaged_store_is_the_same_error(damaged):
    result = CliRunner().invoke(cli, ["serve", "--store", str(damaged), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: the store {damaged} is damaged (Corruption: ")


READERS = [
    ["stats"],
    ["query", "ASK { ?s ?p ?o }"],
    ["unresolved"],
    ["path", "globex", "initech"],
    ["html", "--out", "{tmp}/graph.html"],
    ["export", "--format", "turtle", "--output", "{tmp}/kg.ttl"],
    ["validate"],
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_the_memory_store_in_a_new_process_is_an_error(tmp_path, command):
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    done = subprocess.run([KG, *args, "--store", "memory"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"Error: {MEMORY_ELSEWHERE}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


def test_the_memory_store_works_inside_one_process():
    build([MINI], out=None, documents=DOCUMENTS, store="memory", validate=False)
    assert len(open_graph("memory")) > 0
