"""Faults a hostile or careless user found through the CLI: each a one-line error, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, MINI, copy_case, edit, line_of


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
