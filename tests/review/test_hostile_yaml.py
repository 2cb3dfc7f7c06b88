"""``kg review`` reads case files and edits with the hardened reader's limits: one-line errors, no traceback."""

from __future__ import annotations

import shutil
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import LoadError
from kg.review.casefiles import ReviewError
from kg.review.session import ReviewSession
from tests.helpers import FIXTURES

DEEP = "entities:\n  - id: x\n    type: Organization\n    label: " + "[" * 20000 + "]" * 20000 + "\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(7))


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "drafted"
    shutil.copytree(FIXTURES / "cases" / "drafted", target)
    return target


@pytest.mark.parametrize("text", [DEEP, BOMB], ids=["deep", "alias bomb"])
def test_a_hostile_case_file_is_one_line(case, text):
    (case / "zz.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", str(case), "--list"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {case / 'zz.yaml'}:")
    assert "Traceback" not in result.output and len(result.output.splitlines()) == 1


@pytest.mark.parametrize("text", [DEEP, BOMB], ids=["deep", "alias bomb"])
def test_an_edit_in_hostile_yaml_is_refused_and_nothing_changes(case, text):
    session = ReviewSession.open(case)
    before = {p: p.read_bytes() for p in case.iterdir()}
    with pytest.raises(LoadError):
        session.edit("ravi-patel", text)
    assert {p: p.read_bytes() for p in case.iterdir()} == before


def test_an_editor_that_deletes_the_file_changes_nothing(tmp_path, monkeypatch):
    from kg.commands.review import _edit

    editor = tmp_path / "editor.py"
    editor.write_text("import os, sys\nos.remove(sys.argv[1])\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    with pytest.raises(ReviewError, match=r"^the editor removed the file it was editing; nothing changed$"):
        _edit("id: ravi-patel\n")
