"""The report and its items in Jupyter: short rich reprs (a summary, the first items), escaped."""

from __future__ import annotations

import re

import pytest

import kg
from kg.analysis.report import unresolved
from kg.export.notebook import FIRST
from kg.export.report_text import markdown
from tests.analysis.conftest import build_into
from tests.helpers import SEEDS, copy_case, edit


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    location = str(tmp_path_factory.mktemp("seed") / "store")
    build_into(location, SEEDS / "amazon-2026-outages")
    return unresolved(kg.open_graph(location))


def test_the_report_shows_a_summary_not_everything(seed_report):
    report = seed_report
    whole = markdown(report)
    html, md = report._repr_html_(), report._repr_markdown_()
    assert len(md) < len(whole) / 2 and len(html) < 20_000
    counts = re.findall(r"<td>([a-z -]+)</td>\s*<td style=\"text-align: right;\">(\d+)</td>", html)
    assert counts == [
        ("contested propositions", str(len(report.contested))), ("open questions", str(len(report.questions))),
        ("identity candidates", str(len(report.candidates))), ("claims only one party makes", str(len(report.single_source))),
        ("denials nobody affirms", str(len(report.denied))),
    ]
    assert f"(the first {FIRST} of {len(report.contested)}; each is <code>report.contested[n]</code>)" in html
    shown = [c.label for c in report.contested if f"<strong>{c.label}</strong>" in html]
    assert shown == [c.label for c in report.contested[:FIRST]]
    assert "kg unresolved --out DIR" in md


def test_a_plain_repr_is_one_line_of_counts(seed_report):
    assert repr(seed_report) == "<UnresolvedReport " + " ".join(f"{k}={v}" for k, v in seed_report.counts().items()) + ">"


def test_every_kind_of_item_shows_itself(seed_report):
    report = seed_report
    items = {"contested": report.contested[0], "question": report.questions[0], "candidate": report.candidates[0],
             "single source": report.single_source[0], "denied": report.denied[0]}
    for kind, item in items.items():
        md, html = item._repr_markdown_(), item._repr_html_()
        assert md.strip() and html.startswith("<"), kind
        assert len(html) < 5_000, kind
    contested = items["contested"]
    assert contested._repr_markdown_().startswith(f"**{contested.label}**\n")
    for a in contested.affirming + contested.opposing:
        assert f"“{a.quote}”" in contested._repr_markdown_()
    assert items["question"].asks in items["question"]._repr_html_()
    assert items["candidate"]._repr_markdown_().startswith(items["candidate"].left.label)
    assert items["denied"]._repr_markdown_().startswith("Amazon Web Services played a part in the outages. Amazon — denies:")


def test_text_from_documents_is_escaped(tmp_path):
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "text: Reviews were skipped before the change.",
         'text: "<img src=x onerror=alert(1)> Reviews were *skipped*"')
    location = str(tmp_path / "store")
    build_into(location, case)
    report = unresolved(kg.open_graph(location))
    for shown in (report._repr_html_(), report.contested[0]._repr_html_()):
        assert "<img" not in shown and "<em>" not in shown
        assert "&lt;img src=x onerror=alert(1)&gt; Reviews were *skipped*" in shown
