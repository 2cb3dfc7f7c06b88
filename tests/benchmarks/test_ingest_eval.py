"""The ingest evaluation's scorer, run on one tiny incident in the real-reporting format.

``benchmarks/ingest_eval.py`` prints figures and is not a test; this keeps its
scoring from breaking silently: the totals come from the gold files, the
contested matching is checked on drafted sides written out by hand, and bad
gold stops with the file named.
"""

from __future__ import annotations

import doctest
import re
import importlib
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest-eval"


def test_scorer_doctests_hold(ev):
    result = doctest.testmod(importlib.import_module("ingest_scoring"), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_totals_come_from_the_gold_and_every_drafted_quote_is_checked(ev, capsys):
    incidents = ev.incidents_in(FIXTURE, real=True)
    assert [(i.name, [a.path.name for a in i.articles]) for i in incidents] == [
        ("harborline-signalling", ["daily.txt", "wire.txt"])
    ]
    figures = ev.run_set(incidents, ["rules"])["rules"]
    assert (figures.entities.gold, figures.attributions.gold, figures.questions.gold) == (6, 5, 1)
    assert (figures.settle.total, figures.dates.total, figures.article_pairs.total) == (1, 1, 1)
    assert (figures.case_pairs.total, figures.identity.total) == (2, 1)
    assert figures.per_incident["harborline-signalling"].total == 2
    assert "testing-complete" in [row for _, what, row in figures.errors if what == "contested proposition not recovered"]
    assert figures.quotes.total > 0 and figures.fragments.total > 0
    assert figures.quotes.right == figures.quotes.total
    ev.print_set("fixture", incidents, {"rules": figures}, {"spacy": "not here"}, show_errors=False)
    out = capsys.readouterr().out
    assert "== fixture: 2 articles" in out
    assert "contested per incident" in out and "(not here)" in out


def test_contested_pairs_match_each_side_in_its_own_article(ev):
    from ingest_scoring import case_pairs, pairs_recovered

    incident = ev.incidents_in(FIXTURE, real=True)[0]
    texts = {a.path.name: a.text for a in incident.articles}
    gold = case_pairs(incident.case_gold)
    rushed = ("the update had been rushed", "ra Lind, a union official, said ", ". Harborline Rail said")
    denied = ("the update had been rushed", "spokesperson denied that ", ".")
    watch = ("the update had been rushed", "Transit Watch said ", ". It is unclear")
    tally, missed = pairs_recovered([([rushed], [denied])], texts, gold)
    assert (tally.right, tally.total, missed) == (1, 2, ["testing-complete"])
    # Transit Watch's words are the same, but they stand where no gold side is: not a recovery.
    tally, _ = pairs_recovered([([watch], [watch])], texts, gold)
    assert tally.right == 0


def test_identity_questions_need_both_mentions_on_one_listed_pair(ev):
    from ingest_scoring import gold_identity, identity_raised

    incident = ev.incidents_in(FIXTURE, real=True)[0]
    texts = {a.path.name: a.text for a in incident.articles}
    gold = gold_identity(incident.case_gold, [(a.path.name, a.gold) for a in incident.articles])
    items = {"transit-watch": (["Transit Watch"], "wire.txt", (189, 202)),
             "union-official": (["Union official"], "daily.txt", (48, 62)),
             "mara-lind": (["Mara Lind"], "daily.txt", (35, 44))}
    assert str(identity_raised([("union-official", "transit-watch")], items, texts, gold)[0]) == "1.00 (1/1)"
    tally, missed = identity_raised([("mara-lind", "transit-watch")], items, texts, gold)
    assert (tally.right, missed) == (0, ["Transit Watch ~ a union official"])


def test_a_gold_quote_missing_from_its_article_names_the_file(ev, tmp_path):
    incident = tmp_path / "broken"
    shutil.copytree(FIXTURE / "harborline-signalling", incident)
    gold = incident / "daily.gold.yaml"
    gold.write_text(gold.read_text(encoding="utf-8").replace("testing was complete", "testing was finished"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"daily\.gold\.yaml: gold quote 'testing was finished' is not in the article"):
        ev.run_set(ev.incidents_in(tmp_path, real=True), ["rules"])


def test_each_incident_keeps_its_own_figures_and_the_set_adds_them_up(ev, tmp_path):
    for name in ("first", "second"):
        shutil.copytree(FIXTURE / "harborline-signalling", tmp_path / name)
    figures = ev.run_set(ev.incidents_in(tmp_path, real=True), ["rules"])["rules"]
    first, second = figures.incidents["first"], figures.incidents["second"]
    assert sorted(figures.incidents) == ["first", "second"]
    assert (first.attributions.gold, first.case_pairs.total, first.identity.total) == (5, 2, 1)
    assert figures.attributions.gold == first.attributions.gold + second.attributions.gold == 10
    assert figures.entities.pred == first.entities.pred + second.entities.pred
    assert figures.case_pairs.total == 4 and figures.listed == first.listed + second.listed
    assert sum(row.gold for row in figures.by_class.values()) == 2 * sum(row.gold for row in first.by_class.values())


def test_an_unknown_incident_is_named_with_the_choices(ev):
    with pytest.raises(SystemExit, match=r"unknown incident 'nowhere': choose from .*crowdstrike-delta"):
        ev.main(["--incident", "nowhere"])


def test_the_markdown_table_has_a_column_per_set_and_engine_with_its_counts(ev):
    incidents = ev.incidents_in(FIXTURE, real=True)
    table = ev.markdown_table([("tuned: rules", incidents, ev.Figures()), ("tuned: spacy", incidents, ev.Figures())]).splitlines()
    assert table[0] == "| figure | tuned: rules (1 incident, 2 articles) | tuned: spacy (1 incident, 2 articles) |"
    assert [row.split(" | ")[0] for row in table[2:]] == ["| " + label.strip() for label, _, _ in ev.Figures().rows()]


def test_the_figures_table_of_docs_ingest_counts_the_real_incidents_there_are(ev):
    """docs/ingest.md quotes `ingest_eval.py --sets real --markdown`. When a real incident is added, the table's counts
    go stale and this fails: run the command again and paste its table (with the commit it ran at)."""
    text = (ev.ROOT / "docs" / "ingest.md").read_text(encoding="utf-8")
    heads = re.findall(r"(held out|tuned): (?:rules|spacy) \((\d+) incidents?, (\d+) articles?\)", text)
    assert {which for which, _, _ in heads} == {"held out", "tuned"}
    for which, n, articles in heads:
        incidents = ev.incidents_in(ev.REAL / ("heldout" if which == "held out" else "tuned"), real=True)
        assert (int(n), int(articles)) == (len(incidents), sum(len(i.articles) for i in incidents)), (
            f"docs/ingest.md's table counts {n} {which} incidents, {articles} articles: run "
            "benchmarks/ingest_eval.py --sets real --markdown and paste its table")
