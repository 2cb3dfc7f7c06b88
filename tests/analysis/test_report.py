"""``kg unresolved``: the report as text, JSON and Markdown, and written to a folder."""

from __future__ import annotations

import json
import sys

import pytest

from tests.analysis.conftest import ACME, UNRELATED, run, shared_build
from tests.helpers import MINI

HEADLINE = "1 identity candidate (7 more below the threshold), 1 contested proposition, 2 single-source claims, 2 open questions"


def test_json_report_has_the_documented_shape(acme):
    result = run("unresolved", "--store", acme, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["kind"], report["version"], report["threshold"]) == ("kg-unresolved", 2, 0.5)
    assert report["counts"] == {"candidates": 1, "judged_unsure": 0, "below_threshold": 7, "contested": 1, "single_source": 2,
                                "denied": 0, "questions": 2, "changed": 0}
    assert report["denied"] == []  # tests/analysis/test_denied.py lists some
    [candidate] = report["candidates"]
    assert set(candidate) == {"id", "class", "left", "right", "pair", "probability", "verdict", "match_weight", "prior_weight", "waterfall",
                              "across_cases", "judgement", "judged", "raised", "shared", "against", "assertions", "context"}
    assert candidate["pair"] == ["outage-a", "outage-b"]
    assert set(candidate["left"]) == {"iri", "label", "cls", "draft", "case"}
    assert set(candidate["waterfall"][0]) == {"comparison", "level", "weight", "detail", "via"}
    assert round(candidate["prior_weight"] + sum(r["weight"] for r in candidate["waterfall"]), 3) == candidate["match_weight"]
    assert set(candidate["shared"][0]) == {"iri", "label", "cls"}
    assertion = report["contested"][0]["opposing"][0]
    assert set(assertion) == {"iri", "proposition", "party", "stance", "polarity", "source", "via", "quote", "confidence", "voice", "date", "superseded"}
    assert set(assertion["source"]) == {"iri", "label", "title", "date", "url"}
    assert set(report["single_source"][0]) == {"id", "proposition", "about", "party", "voices", "statements", "score", "assertions"}
    assert set(report["questions"][0]) == {"id", "asks", "resolvable_by", "raised_in", "about", "score", "links"}
    assert set(report["questions"][0]["links"][0]) == {"kind", "id", "label", "direct", "shared"}


def test_text_report_starts_with_the_counts(acme):
    result = run("unresolved", "--store", acme)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"What the record leaves unresolved: {HEADLINE}."
    assert " 1. Checkout outage ~ Assistant-linked disruption may be one incident: likely the same." in lines
    assert "     -2.10  mechanism: different (Checkout deployment vs AI-assisted change)" in lines
    assert "    total:  match weight +7.50 (prior -0.89), probability 0.99" in lines
    settle = lines.index("TO SETTLE AN IDENTITY CANDIDATE: add its judgement to a case file (or use kg review)")
    assert settle > lines.index(" 1. Checkout outage ~ Assistant-linked disruption may be one incident: likely the same.")
    assert lines[settle + 1] == "  - Checkout outage ~ Assistant-linked disruption: judgements: [{pair: [outage-a,"


def test_out_writes_markdown_and_json_and_prints_the_counts(acme, tmp_path):
    out = tmp_path / "exports"
    result = run("unresolved", "--store", acme, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out / 'unresolved.md'}\nwrote {out / 'unresolved.json'}\n"
                             f"wrote {out / 'unresolved.html'}\n{HEADLINE}.\n")
    assert sorted(p.name for p in out.iterdir()) == ["unresolved.html", "unresolved.json", "unresolved.md"]
    assert (out / "unresolved.json").read_text(encoding="utf-8") == run("unresolved", "--store", acme, "--format", "json").output
    markdown = (out / "unresolved.md").read_text(encoding="utf-8")
    assert markdown == run("unresolved", "--store", acme, "--format", "markdown").output
    assert markdown.startswith("# What the record leaves unresolved\n\n**The whole record rests on one document: ")
    assert f"\n\n{HEADLINE}.\n" in markdown
    assert "### Checkout outage ~ Assistant\\-linked disruption" not in markdown  # '-' is not escaped
    assert "### Checkout outage ~ Assistant-linked disruption" in markdown
    assert "| -2.10 | mechanism: different (Checkout deployment vs AI\\-assisted change) |" not in markdown
    assert "| -2.10 | mechanism: different (Checkout deployment vs AI-assisted change) |" in markdown
    assert "| **+7.50** | **match weight**, probability 0.99 |" in markdown


def test_the_report_is_the_same_every_time(acme):
    first = run("unresolved", "--store", acme, "--format", "json").output
    assert run("unresolved", "--store", acme, "--format", "json").output == first


def _several_cases(store, built_cases) -> str:
    return shared_build(built_cases, store, ACME, UNRELATED, MINI)


def test_the_report_is_the_same_whatever_the_number_of_processes(store, built_cases, monkeypatch):
    """Cases are analysed by forked processes where cores are free; the bytes do not change."""
    several = _several_cases(store, built_cases)
    monkeypatch.setenv("KG_UNRESOLVED_WORKERS", "1")
    alone = run("unresolved", "--store", several, "--format", "json").output
    monkeypatch.setenv("KG_UNRESOLVED_WORKERS", "3")
    shared = run("unresolved", "--store", several, "--format", "json").output
    monkeypatch.delenv("KG_UNRESOLVED_WORKERS")
    asked = run("unresolved", "--store", several, "--format", "json", "--workers", "2").output
    assert json.loads(alone)["counts"]["contested"] == 2 and shared == alone and asked == alone


def test_the_cases_are_counted_as_they_are_analysed(store, built_cases):
    """Progress knows how many cases there are, so a terminal shows the time left."""
    from kg.analysis.report import unresolved
    from kg.store import open_graph

    seen = []
    unresolved(open_graph(_several_cases(store, built_cases)), progress=lambda *call: seen.append(call))
    assert [call for call in seen if call[0] == "analysing case by case"] == [
        ("analysing case by case", done, 3) for done in range(4)]


def test_each_case_is_analysed_on_its_own(store, built_cases):
    """A store of several cases reports what each case's own store reports, put together in the report's order."""
    several = json.loads(run("unresolved", "--store", _several_cases(store, built_cases), "--format", "json").output)
    alone = [json.loads(run("unresolved", "--store", shared_build(built_cases, store, case), "--format", "json").output)
             for case in (ACME, UNRELATED, MINI)]
    assert several["counts"] == {name: sum(one["counts"][name] for one in alone) for name in several["counts"]}
    orders = {
        "candidates": lambda c: (-c["match_weight"], c["left"]["label"], c["right"]["label"], c["id"]),
        "contested": lambda c: (-c["score"], c["proposition"]["label"], c["id"]),
        "single_source": lambda c: (c["party"]["label"], c["proposition"]["label"], c["id"]),
        "questions": lambda q: (-q["score"], q["asks"], q["id"]),
        "documents": lambda d: (d["label"], d["iri"]),
    }
    for name, order in orders.items():
        assert several[name] == sorted((x for one in alone for x in one[name]), key=order), name
    # Short names are told apart across the whole report, as in one graph: only the colliding ones change.
    names = {k: v for one in alone for k, v in one["short_names"].items()}
    colliding = {k for k, v in names.items() if [w.lower() for w in names.values()].count(v.lower()) > 1}
    assert colliding and set(several["short_names"]) == set(names)
    changed = {k for k, v in names.items() if several["short_names"][k] != v}
    assert changed and changed <= colliding
    assert ("acme", ["outage-a", "outage-b"]) in [(c["left"]["case"], c["pair"]) for c in several["candidates"]]
    assert all(c["left"]["case"] == c["right"]["case"] for c in several["candidates"])


def test_a_case_alone_is_reported_as_the_whole_graph_is(acme):
    """Analysed case by case or all at once, one case gives the same bytes."""
    assert run("unresolved", "--store", acme, "--format", "json", "--across-cases").output == \
        run("unresolved", "--store", acme, "--format", "json").output


def test_a_bad_worker_count_is_refused(acme, monkeypatch):
    monkeypatch.setenv("KG_UNRESOLVED_WORKERS", "two")
    result = run("unresolved", "--store", acme)
    assert result.exit_code != 0
    assert "KG_UNRESOLVED_WORKERS must be a whole number, not 'two'" in result.output


def test_a_case_with_nothing_unresolved(store, built_cases):
    store = shared_build(built_cases, store, UNRELATED)
    result = run("unresolved", "--store", store)
    assert result.output == (
        "What the record leaves unresolved: 0 identity candidates (2 more below the threshold), 0 contested propositions, 0 single-source claims,"
        " 0 open questions.\n\nIDENTITY CANDIDATES: may be one and the same; no judgement settles them\n\n"
        "  2 more pairs scored below the threshold (`--threshold 0.5`), not listed; `kg unresolved --threshold 0` lists them.\n"
    )


def test_markdown_escapes_text_from_documents():
    from kg.export.report_text import _md

    assert _md("*bold* <script> [link](x) a|b") == "\\*bold\\* \\<script\\> \\[link\\](x) a\\|b"


#: Where the first worker to run :func:`_interrupted` leaves its mark (set by the test; the workers fork after).
_ONCE: str = ""


def _interrupted(part, **options):
    """A case's analysis stopped by Ctrl-C, which a terminal sends to every process of the command: once to
    each, so only the first worker to get here sends the command its one (a second, late SIGINT of the test's
    own making would land while the command is already leaving)."""
    import os
    import signal
    import time

    os.kill(os.getpid(), signal.SIGINT)  # this worker's share
    try:
        os.close(os.open(_ONCE, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        pass
    else:
        os.kill(os.getppid(), signal.SIGINT)  # the command's
    time.sleep(60)


def test_an_interrupted_report_says_so_and_its_workers_stop_quietly(store, built_cases, monkeypatch, capfd,
                                                                   tmp_path):
    """Ctrl-C during the analysis: 'interrupted', exit code 130, and no worker prints a traceback."""
    from kg.analysis import report

    several = _several_cases(store, built_cases)
    capfd.readouterr()
    monkeypatch.setattr(report, "_analysed", _interrupted)
    monkeypatch.setattr(sys.modules[__name__], "_ONCE", str(tmp_path / "interrupted-once"))
    result = run("unresolved", "--store", several, "--workers", "2")
    assert (result.exit_code, result.stderr) == (130, "interrupted\n")
    assert capfd.readouterr().err == ""
