"""The command line as a user meets it: help everywhere, documented everywhere."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import ROOT

#: The commands a user meets, written here rather than read off ``cli.commands``, so a command
#: that goes missing (or appears unannounced) fails this test.
COMMANDS = [
    "build", "diff", "export", "html", "ingest", "path", "query",
    "review", "serve", "stats", "synth", "unresolved", "validate",
]


def test_top_level_help_lists_exactly_the_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("\nCommands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed if line.startswith("  ") and line.split()] == COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {name}" in result.output or f"Usage: kg {name}" in result.output
    assert len(result.output.splitlines()) > 4


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented(name):
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## `kg {name}`" in reference, f"docs/cli.md has no section for `kg {name}`: run python scripts/docs.py"


def test_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in quick.splitlines() if line.startswith("    ") and line.strip()]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.output == f"Error: no graph in store {tmp_path / 'nowhere'}: run `kg build` first\n"
