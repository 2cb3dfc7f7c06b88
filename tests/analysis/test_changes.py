"""Independent voices and accounts that change, on the ``revisions`` fixture case.

The fixture has a spokesperson and a lawyer who speak for a company, an
article corrected the next day, a company rebuttal, a quote withdrawn from an
updated story, a provider whose summary narrows its day-of status update, and
an undated self-contradiction.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.analysis.conftest import BASE, build_into, run, shared_build
from tests.helpers import FIXTURES, copy_case, edit

REVISIONS = FIXTURES / "cases" / "revisions"
R = BASE + "revisions/"


def _report(store, case=REVISIONS) -> dict:
    build_into(store, case)
    result = run("unresolved", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _by_id(entries) -> dict:
    return {e["id"].removeprefix(R): e for e in entries}


@pytest.fixture
def revisions(store, built_cases) -> str:
    """The revisions case built once per kind of store: the tests that take it only read it."""
    return shared_build(built_cases, store, REVISIONS)


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    """The JSON report of each shared store, as text: each test reads a fresh copy."""
    return {}


@pytest.fixture
def report(revisions, reports) -> dict:
    """The report of the revisions case, built once per kind of store (an edited copy builds into ``store``)."""
    location = revisions
    if location not in reports:
        result = run("unresolved", "--store", location, "--format", "json")
        assert result.exit_code == 0, result.output
        reports[location] = result.output
    return json.loads(reports[location])


def test_a_spokesperson_a_lawyer_and_their_company_are_one_voice(report):
    claims = _by_id(report["single_source"])
    restored = claims["data-restored"]
    assert restored["party"]["label"] == "Nimbus Cloud"
    assert (restored["voices"], restored["statements"]) == (1, 3)
    assert sorted(a["party"]["label"] for a in restored["assertions"]) == [
        "Dana Reyes",
        "Hale & Ward LLP",
        "Nimbus Cloud",
    ]
    assert {a["voice"]["label"] for a in restored["assertions"]} == {"Nimbus Cloud"}


def test_the_report_counts_voices_and_statements(revisions):
    store = revisions
    text = run("unresolved", "--store", store).output
    assert "Nimbus restored all customer data by 8 April." in text
    assert re.search(r"affirmed by 1 voice\s+\(3 statements\)", text), text
    assert "affirmed by 1 voice (1 statement); opposed by 1 voice (2 statements)" in text
    assert "Dana Reyes (for Nimbus Cloud) — denies: “we had no warning”" in text
    assert "Sentinel Monitoring says so; Nimbus Cloud (through Dana Reyes and Hale & Ward LLP) denies it." in \
        " ".join(text.split())
    markdown = run("unresolved", "--store", store, "--format", "markdown").output
    assert "(affirmed by 1 voice (3 statements))" in markdown


def test_without_speaks_for_the_counts_change(store, tmp_path):
    """The same case with the two ``speaksFor`` lines removed: three voices, and no longer single-source."""
    case = copy_case(tmp_path, REVISIONS, "no-voices")
    edit(
        case / "entities.yaml",
        "    speaksFor: nimbus          # a spokesperson: her statements are Nimbus's voice\n",
        "",
    )
    edit(case / "entities.yaml", "    speaksFor: nimbus          # a lawyer for a client\n", "")
    report = _report(store, case)
    assert "data-restored" not in _by_id(report["single_source"])
    contested = _by_id(report["contested"])
    # A spokesperson and the company's lawyer on opposite sides look independent without speaksFor.
    assert "backups-tested" in contested
    assert contested["warned-beforehand"]["opposing_voices"] == 2


def test_contested_needs_independent_opposing_voices(report):
    contested = _by_id(report["contested"])
    assert sorted(contested) == ["warned-beforehand"]
    warned = contested["warned-beforehand"]
    assert (warned["affirming_voices"], warned["opposing_voices"]) == (1, 1)
    assert "backups-tested" not in contested  # Nimbus's spokesperson and its lawyer: one voice


def test_a_superseded_assertion_does_not_make_a_proposition_contested(report, store, tmp_path):
    assert "forty-thousand" not in _by_id(report["contested"])
    [change] = [
        c
        for c in report["changed"]["stances"]
        if c["proposition"]["label"] == "The outage affected 40,000 customers."
    ]
    assert change["explicit"] is True
    assert [(s["date"], s["stance"], s["superseded"]) for s in change["steps"]] == [
        ("2026-04-08", "asserts", True),
        ("2026-04-09", "narrows", False),
    ]
    # Without the supersededBy line, the Ledger's first figure against Nimbus's rebuttal is contested.
    case = copy_case(tmp_path, REVISIONS, "unsuperseded")
    edit(case / "claims.yaml", "        supersededBy: ledger-four-thousand\n", "")
    assert "forty-thousand" in _by_id(_report(store, case)["contested"])


def test_a_retracted_quote_is_history_not_a_single_source_claim(report):
    assert "kite-lost-sales" not in _by_id(report["single_source"])
    [retraction] = [c for c in report["changed"]["sources"] if c["kind"] == "retracts"]
    assert retraction["source"]["label"] == "The Ledger, 10 April (updated 11 April)"
    assert retraction["date"] == "2026-04-11"
    assert retraction["assertion"]["quote"] == "a full day of sales"
    assert retraction["assertion"]["superseded"] is True
    assert retraction["target"]["label"] == "The Ledger, 10 April"


def test_corrections_rebuttals_and_updates_are_listed_with_dates_and_passages(report):
    rows = [
        (c["date"], c["source"]["label"], c["kind"], c["target"]["label"], c["passages"])
        for c in report["changed"]["sources"]
        if c["assertion"] is None
    ]
    assert rows == [
        (
            "2026-04-09",
            'Nimbus, "Correcting The Ledger"',
            "corrects",
            "The Ledger, 8 April",
            ["affected some 40,000 customers"],
        ),
        (
            "2026-04-09",
            "The Ledger, 8 April (corrected 9 April)",
            "corrects",
            "The Ledger, 8 April",
            ["affected some 40,000 customers"],
        ),
        (
            "2026-04-09",
            "The Ledger, 8 April (corrected 9 April)",
            "updates",
            "The Ledger, 8 April",
            ["affected some 40,000 customers"],
        ),
        (
            "2026-04-11",
            "The Ledger, 10 April (updated 11 April)",
            "updates",
            "The Ledger, 10 April",
            ["a full day of sales"],
        ),
    ]


def test_one_voice_narrowing_its_own_account_is_a_change_not_a_contest(report):
    stances = {c["proposition"]["label"]: c for c in report["changed"]["stances"]}
    dns = stances["The DNS change caused the storage outage."]
    assert dns["voice"]["label"] == "Nimbus Cloud" and dns["explicit"] is False
    assert [(s["date"], s["stance"], s["source"]["label"]) for s in dns["steps"]] == [
        ("2026-04-07", "asserts", "Nimbus status page, 7 April"),
        ("2026-04-12", "narrows", "Nimbus incident summary"),
    ]
    assert "dns-caused-outage" not in _by_id(report["contested"]) and "dns-caused-outage" not in _by_id(
        report["single_source"]
    )
    # The company's lawyer and spokesperson on both sides, on different days, are one voice changing its stance.
    assert stances["Nimbus tested its backups weekly."]["voice"]["label"] == "Nimbus Cloud"


def test_undated_opposing_stances_are_self_contradicting(report, store, tmp_path):
    [contradiction] = report["changed"]["self_contradicting"]
    assert contradiction["proposition"]["label"] == "Nimbus's service terms cover regional outages."
    assert [(s["date"], s["stance"]) for s in contradiction["steps"]] == [("", "asserts"), ("", "denies")]
    # Dated, the same two statements become a change of stance.
    case = copy_case(tmp_path, REVISIONS, "dated")
    edit(
        case / "sources.yaml",
        "    publisher: nimbus\n    # undated\n",
        "    publisher: nimbus\n    date: 2026-01-01\n",
    )
    edit(
        case / "sources.yaml",
        "    publisher: nimbus\n    # undated\n",
        "    publisher: nimbus\n    date: 2026-05-01\n",
    )
    changed = _report(store, case)["changed"]
    assert changed["self_contradicting"] == []
    assert "Nimbus's service terms cover regional outages." in {
        c["proposition"]["label"] for c in changed["stances"]
    }


def test_accounts_that_changed_in_text_and_markdown(revisions):
    store = revisions
    text = run("unresolved", "--store", store).output
    assert text.splitlines()[0].endswith(", 9 accounts that changed.")
    section = text[text.index("ACCOUNTS THAT CHANGED") :]
    assert (
        "2026-04-08: The Ledger asserts “affected some 40,000 customers” — read in The\n     Ledger, 8 April [superseded]"
        in section
    )
    assert "Self-contradicting: one voice on both sides, with no dates to order them" in section
    assert (
        '2026-04-09: Nimbus, "Correcting The Ledger" corrects The Ledger, 8 April (passage\n    “affected some 40,000 customers”)'
        in section
    )
    markdown = run("unresolved", "--store", store, "--format", "markdown").output
    section = markdown[markdown.index("## Accounts that changed") :]
    assert "### The DNS change caused the storage outage. — Nimbus Cloud" in section
    assert (
        "- 2026-04-11: The Ledger, 10 April (updated 11 April) retracts Kite Retail asserts “a full day of sales”, read in The Ledger, 10 April"
        in section
    )
    assert "### Self-contradicting" in section


def test_a_case_without_changes_has_no_such_section(store, built_cases):
    store = shared_build(built_cases, store, FIXTURES / "cases" / "mini")
    text = run("unresolved", "--store", store).output
    assert "ACCOUNTS THAT CHANGED" not in text and "accounts that changed" not in text
    assert json.loads(run("unresolved", "--store", store, "--format", "json").output)["changed"] == {
        "stances": [],
        "self_contradicting": [],
        "sources": [],
    }


def test_stance_history_query(revisions):
    store = revisions
    result = run(
        "query",
        "stance-history",
        "--store",
        store,
        "--bind",
        "proposition=forty-thousand",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = [
        {k: v["value"] for k, v in row.items()} for row in json.loads(result.output)["results"]["bindings"]
    ]
    assert [(r["date"], r["partyLabel"], r["stance"], r["change"]) for r in rows] == [
        (
            "2026-04-08",
            "The Ledger",
            "asserts",
            "superseded by the assertion read in The Ledger, 8 April (corrected 9 April)",
        ),
        ("2026-04-09", "Nimbus Cloud", "disputes", ""),
        ("2026-04-09", "The Ledger", "narrows", ""),
    ]
    result = run(
        "query",
        "stance-history",
        "--store",
        store,
        "--bind",
        "proposition=backups-tested",
        "--format",
        "json",
    )
    rows = [
        {k: v["value"] for k, v in row.items()} for row in json.loads(result.output)["results"]["bindings"]
    ]
    assert [(r["date"], r["partyLabel"], r["voiceLabel"]) for r in rows] == [
        ("2026-04-10", "Hale & Ward LLP", "Nimbus Cloud"),
        ("2026-04-12", "Dana Reyes", "Nimbus Cloud"),
    ]
    retracted = run(
        "query",
        "stance-history",
        "--store",
        store,
        "--bind",
        "proposition=kite-lost-sales",
        "--format",
        "csv",
    ).output
    assert "retracted in The Ledger, 10 April (updated 11 April)" in retracted
    undated = run(
        "query",
        "stance-history",
        "--store",
        store,
        "--bind",
        "proposition=regional-covered",
        "--format",
        "json",
    ).output
    assert [row.get("date") for row in json.loads(undated)["results"]["bindings"]] == [None, None]


def test_the_view_marks_superseded_assertions(revisions):
    from kg.export.html_view import graph_view
    from kg.store import open_graph

    store = revisions
    view = graph_view(open_graph(store))
    by_label = {n["label"]: n for n in view["nodes"] if n["cls"] == "assertion"}
    assert by_label["“affected some 40,000 customers”"]["superseded"] is True
    assert by_label["“a full day of sales”"]["superseded"] is True
    assert by_label["“affected about 4,000 customers”"]["superseded"] is False
    [entry] = by_label["“we had no warning”"]["assertions"]
    assert (entry["voice"], entry["date"], entry["superseded"]) == ("Nimbus Cloud", "2026-04-10", False)


@pytest.mark.parametrize("name", ["contested", "single-source"])
def test_the_canned_queries_agree_with_the_analyses(revisions, report, name):
    """`kg query contested` and `single-source` count voices and live stances as the report does."""
    store = revisions
    result = run("query", name, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    found = {row["proposition"]["value"] for row in json.loads(result.output)["results"]["bindings"]}
    assert found == {c["id"] for c in report["contested" if name == "contested" else "single_source"]}
    assert found  # the fixture has at least one of each


def test_the_page_data_carries_corrections_and_retractions(revisions):
    """The sources that correct, retract and update are dated marks on the page's timeline, and the
    relations are edges of the graph view. (How the page draws them is the page scripts' business.)"""
    from kg.export.html_view import graph_view
    from kg.export.html_checks import checked
    from kg.export.page_views import timeline
    from kg.store import open_graph

    store = revisions
    nodes, edges, _ = checked(graph_view(open_graph(store)))
    marks = {m["id"].removeprefix(R): m for m in timeline(nodes, edges)["marks"]}
    assert (
        marks["ledger-0409"]["start"]
        == marks["nimbus-rebuttal"]["start"]
        == marks["ledger-0408"]["start"] + 1
    )
    assert marks["ledger-0411"]["start"] == marks["ledger-0410"]["start"] + 1
    relations = {
        (e["source"].removeprefix(R), e["label"], e["target"].removeprefix(R))
        for e in edges
        if e["kind"] == "relation"
    }
    assert {
        ("ledger-0409", "corrects", "ledger-0408"),
        ("ledger-0409", "updates", "ledger-0408"),
        ("nimbus-rebuttal", "corrects", "ledger-0408"),
        ("ledger-0411", "updates", "ledger-0410"),
        ("dana-reyes", "speaks for", "nimbus"),
    } <= relations
    assert any(
        s == "ledger-0411" and label == "retracts" and t.startswith("assertion/") for s, label, t in relations
    )
    assert any(label == "superseded by" for _, label, _ in relations)
