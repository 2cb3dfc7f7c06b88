"""`kg html` end to end on a built fixture case."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export.html import unshare_strings
from tests.helpers import DOCUMENTS, MINI


@pytest.fixture(scope="module")
def store(built_cases):
    """The mini case, built once per process (tests/conftest.py): these tests only read it."""
    return built_cases.location("oxigraph", MINI, documents=DOCUMENTS)


def _view(page: str) -> dict:
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "page carries its data as JSON"
    return unshare_strings(json.loads(match.group(1)))


def test_whole_graph_page(store, tmp_path):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["html", "--store", str(store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Globex payment outage (fixture)" in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    view = _view(page)
    labels = {n["label"] for n in view["nodes"]}
    assert {"Globex", "Monday payments outage", "Thursday payments failure"} <= labels
    assert f"wrote {out}: {len(view['nodes'])} nodes" in result.output


def test_focus_draws_a_neighbourhood(store, tmp_path):
    out = tmp_path / "focus.html"
    result = CliRunner().invoke(cli, ["html", "--store", str(store), "--out", str(out), "--focus", "Deploy bot", "--depth", "1"])
    assert result.exit_code == 0, result.output
    labels = {n["label"] for n in _view(out.read_text(encoding="utf-8"))["nodes"]}
    assert labels == {"Deploy bot", "Globex"}


def test_node_cap_refuses_with_a_hint(store, tmp_path):
    out = tmp_path / "capped.html"
    result = CliRunner().invoke(cli, ["html", "--store", str(store), "--out", str(out), "--max-nodes", "3"])
    assert result.exit_code == 1
    assert "above the cap of 3; draw a neighbourhood with --focus ENTITY --depth N" in result.output
    assert not out.exists()


def test_unknown_focus_is_a_clear_error(store, tmp_path):
    result = CliRunner().invoke(cli, ["html", "--store", str(store), "--out", str(tmp_path / "x.html"), "--focus", "Initech"])
    assert result.exit_code == 1
    assert result.output == "Error: no item is called 'Initech' (by label, alias or id)\n"
