"""Faults a hostile or careless user found through the CLI: each a one-line error, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, MINI, copy_case

KG = str(Path(sys.executable).parent / "kg")


def _fails_with(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output == message, result.output


@pytest.fixture(scope="module")
def memory_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("memory")
    store = f"memory:{root / 'kg.nt'}"
    result = CliRunner().invoke(cli, ["build", str(MINI), "--out", str(root / "out"), "--store", store,
                                      "--documents", str(DOCUMENTS)])
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("escape", ["\\uD800", "\\uDfFf", "\\U0000DC00"])
def test_a_lone_surrogate_escape_with_the_memory_store_is_one_line(memory_file, escape):
    result = CliRunner().invoke(cli, ["query", "--store", memory_file, f'SELECT ("{escape}" AS ?x) {{}}'])
    _fails_with(result, f"Error: cannot parse query: {escape} is half of a surrogate pair, not a character\n")


def _case_with(tmp_path, name: str, make):
    case = copy_case(tmp_path)
    make(case / name)
    return case


def _fifo(path):
    import os

    os.mkfifo(path)


def _zero(path):
    path.symlink_to("/dev/zero")


def _outside(path):
    secret = path.parent.parent / "secret.yaml"
    secret.write_text("entities:\n  - id: stolen\n    type: Organization\n    label: Read from outside\n", encoding="utf-8")
    path.symlink_to(secret)


_NOT_REGULAR = {
    "a FIFO": (_fifo, "not a regular file (a FIFO); kg reads only regular files"),
    "a link to /dev/zero": (_zero, "links outside the case folder; kg reads only case files inside it"),
    "a link outside the case folder": (_outside, "links outside the case folder; kg reads only case files inside it"),
}


@pytest.mark.parametrize("kind", sorted(_NOT_REGULAR))
@pytest.mark.parametrize("command", ["build", "review"])
def test_a_case_file_that_is_not_a_regular_file_inside_the_folder_is_refused(tmp_path, kind, command):
    make, message = _NOT_REGULAR[kind]
    case = _case_with(tmp_path, "extra.yaml", make)
    args = (["build", str(case), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
            if command == "build" else ["review", str(case), "--list"])
    result = CliRunner().invoke(cli, args)
    _fails_with(result, f"Error: {case / 'extra.yaml'}: {message}\n")
    assert not (tmp_path / "out").exists()


def test_a_dates_file_that_is_a_fifo_is_refused(tmp_path):
    import os

    article = tmp_path / "a.txt"
    article.write_text("Globex said on Monday that the outage was short.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "dates.csv")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case"),
                                      "--dates", str(tmp_path / "dates.csv")])
    _fails_with(result, f"Error: {tmp_path / 'dates.csv'}: not a regular file (a FIFO); kg reads only regular files\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_a_full_disk_under_the_output_is_one_line(memory_file):
    """``kg query ... > file`` on a full disk: the shell's redirection to /dev/full stands for it."""
    with open("/dev/full", "w") as full:
        run = subprocess.run([KG, "query", "--store", memory_file, "SELECT * WHERE { ?s ?p ?o }"], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert (run.returncode, run.stderr) == (1, "Error: cannot write the output: No space left on device\n")


def _file_size_limit():  # pragma: no cover - runs in the child before exec
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


@pytest.mark.parametrize("command", [
    ["export", "--format", "turtle", "-o", "{out}/kg.ttl"],
    ["export", "--format", "csv", "-o", "{out}/csv"],
    ["html", "--out", "{out}/graph.html"],
    ["unresolved", "--out", "{out}/report"],
], ids=["export", "export csv", "html", "unresolved --out"])
def test_a_disk_that_fills_while_writing_is_one_line_and_leaves_nothing(memory_file, tmp_path, command):
    out = tmp_path / "out"
    args = [part.format(out=out) for part in command] + ["--store", memory_file]
    run = subprocess.run([KG, *args], capture_output=True, text=True, timeout=120, preexec_fn=_file_size_limit)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("Error: cannot write ") and run.stderr.endswith(": File too large\n"), run.stderr
    assert "Traceback" not in run.stderr
    assert [p for p in out.rglob("*") if p.is_file()] == []
