"""Denials nobody affirms: a proposition someone denies or narrows, and no voice affirms, is in the report.

The stance board shows such a row ("nobody for"); the report lists it in unresolved.md, .html and .json,
and in `kg unresolved`.
"""

from __future__ import annotations

import json

import pytest

from kg.analysis.contested import find_denied
from kg.analysis.nxgraph import project
from kg.store import open_graph
from tests.analysis.conftest import build_into, run
from tests.helpers import copy_case

DENIED = """
  - id: data-leaked
    text: Customer data leaked during the outage.
    about: [monday-outage]
    assertions:
      - party: globex
        source: wire-article
        via: globex-statement
        stance: denies
        quote: no customer data was exposed
  - id: all-regions-down
    text: Every region was down for the whole day.
    about: [monday-outage]
    assertions:
      - party: globex
        source: wire-article
        via: globex-statement
        stance: narrows
        quote: only two regions were affected
      - party: the-wire
        source: wire-article
        stance: hedges
        quote: it was not clear how widely the outage spread
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("denied")
    case = copy_case(root)
    claims = case / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("questions:", DENIED.lstrip("\n") + "questions:", 1), encoding="utf-8")
    location = str(root / "store")
    build_into(location, case)
    return location


def test_a_proposition_only_opposed_is_found_and_a_contested_one_is_not(store):
    found = find_denied(project(open_graph(store)))
    assert [(c.label, [(a.party.label, a.stance) for a in c.opposing], [a.stance for a in c.neither]) for c in found] == [
        ("Customer data leaked during the outage.", [("Globex", "denies")], []),
        ("Every region was down for the whole day.", [("Globex", "narrows")], ["hedges"]),
    ]


def test_the_report_files_list_them(store, tmp_path):
    result = run("unresolved", "--store", store, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "unresolved.md").read_text(encoding="utf-8")
    section = markdown.split("## Denials nobody affirms\n", 1)[1].split("\n## ", 1)[0]
    graph = "[Open it in the graph](graph.html#item=https://w3id.org/kg/id/mini/"
    assert section.splitlines()[3:5] == [
        "- Customer data leaked during the outage. Globex — denies: “no customer data was exposed” (in Globex statement) "
        f"{graph}data-leaked)",
        "- Every region was down for the whole day. Globex — narrows: “only two regions were affected” (in Globex statement); "
        f"The Wire — hedges: “it was not clear how widely the outage spread” {graph}all-regions-down)",
    ]
    page = (tmp_path / "unresolved.html").read_text(encoding="utf-8")
    assert '<h2 id="denials-nobody-affirms">Denials nobody affirms</h2>' in page
    assert "<li>Customer data leaked during the outage. Globex — denies: “no customer data was exposed”" in page
    assert '<a href="graph.html#item=https://w3id.org/kg/id/mini/data-leaked">Open it in the graph</a></li>' in page
    document = json.loads((tmp_path / "unresolved.json").read_text(encoding="utf-8"))
    assert document["counts"]["denied"] == 2
    assert [(d["proposition"]["label"], d["opposing_voices"], [a["stance"] for a in d["opposing"]]) for d in document["denied"]] == [
        ("Customer data leaked during the outage.", 1, ["denies"]),
        ("Every region was down for the whole day.", 1, ["narrows"]),
    ]
    assert "Reviews were skipped" not in section  # contested, listed there instead


def test_kg_unresolved_prints_them(store):
    result = run("unresolved", "--store", store)
    assert result.exit_code == 0, result.output
    printed = result.output.split("DENIALS NOBODY AFFIRMS\n", 1)[1]
    items = [" ".join(item.split()) for item in printed.split("\n  - ")[1:]]
    assert items == [
        "Customer data leaked during the outage. Globex — denies: “no customer data was exposed” (in Globex statement)",
        "Every region was down for the whole day. Globex — narrows: “only two regions were affected” (in Globex statement); "
        "The Wire — hedges: “it was not clear how widely the outage spread”",
    ]
