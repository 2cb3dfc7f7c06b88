"""The unresolved report in plain words: Markdown, text and the self-contained page.

The seed case is built once, the way `make run` builds it; the checks read
the report a user reads.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ExportError
from kg.export import report_text
from tests.helpers import ARTICLES, FIXTURES, SEEDS

ARTICLE_TITLE = "Elon Musk Amazon warning spotlights conflicting accounts of AI outage guardrails"
# A score is a decimal number, or a number right after a word that names a measure.
DECIMAL = re.compile(r"(?<![\w.,-])\d+\.\d+(?![\w.])")
MEASURE = re.compile(r"\b(score|weight|confidence|probability)\b\W{0,3}[-+]?\d", re.IGNORECASE)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _built_seed(store: str, out) -> None:
    args = ["build", SEEDS, "--store", store, "--out", out]
    if ARTICLES.is_dir():
        args += ["--documents", ARTICLES]
    result = run(*args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """(store, exports folder) of the seed case, in the embedded store: what the report says does not depend on the
    store (tests/store/test_every_command.py holds every command alike on every store kind), and rdflib's engine
    projects the seed in 2 s of CPU where the embedded store reads it in 0.03 s, for each test that does."""
    where = tmp_path_factory.mktemp("seed")
    store = str(where / "store")
    _built_seed(store, where / "build")
    result = run("unresolved", "--store", store, "--out", where / "exports")
    assert result.exit_code == 0, result.output
    return store, where / "exports"


@functools.cache
def _report_of(store: str):
    from kg.analysis.report import unresolved
    from kg.store import open_graph

    return unresolved(open_graph(store))


def seed_report(seed):
    """The seed's report, gathered once for this module's tests, which only read it (it is frozen)."""
    return _report_of(seed[0])


def prose(line: str) -> str:
    """A line without its quotes, code spans and links: what the report itself says."""
    line = re.sub(r"“[^”]*”", "", line)
    line = re.sub(r"`[^`]*`", "", line)
    return re.sub(r"\]\([^)]*\)", "]", line)


def bare_scores(markdown: str) -> list[str]:
    """Lines with a score outside the details: a collapsed <details> block, or a 'Details:' line and the table right after it."""
    found = []
    details = False
    collapsed = False
    for line in markdown.splitlines():
        if line.startswith("<details"):
            collapsed = True
        if collapsed:
            collapsed = line != "</details>"
            continue
        if line.lstrip("- ").startswith("Details:"):
            details = True
            continue
        if details and (not line.strip() or line.startswith("|")):
            continue
        details = False
        text = prose(line)
        if DECIMAL.search(text) or MEASURE.search(text):
            found.append(line)
    return found


def test_the_checker_finds_bare_scores():
    assert bare_scores("Score 1.\n- shares about (1.443)\nconfidence 0.5") == \
        ["Score 1.", "- shares about (1.443)", "confidence 0.5"]
    assert bare_scores("Details: score 4.706.\n- Amazon — denies: “only 1.5 of them”\n2025-07-01, 22,000 users") == []
    assert bare_scores("Details: weights:\n\n| -0.89 | prior |\n\nIt is possible (0.64).") == ["It is possible (0.64)."]
    folded = '<details markdown="1">\n<summary>Details: weights</summary>\n\n| -0.89 | prior |\n\n</details>\nIt is possible (0.64).'
    assert bare_scores(folded) == ["It is possible (0.64)."]


def test_markdown_has_no_bare_scores_outside_details_lines(seed):
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    assert bare_scores(markdown) == []
    # The weights are all there, each block collapsed under its summary.
    summaries = [line for line in markdown.splitlines() if line.startswith("<summary>Details:")]
    assert len(summaries) >= 5
    assert markdown.count('<details markdown="1">') == markdown.count("</details>") == len(summaries)
    assert "| -" in markdown or "| +" in markdown  # a weights table, inside the details


def test_the_report_leads_with_the_disputes_and_ends_with_how_to_edit(seed):
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Contested propositions"
    assert headings.index("## Open questions") < headings.index("## Identity candidates")
    assert headings[-1] == "## Settling an identity candidate"
    assert markdown.count("judgements: [{pair:") == markdown.split("## Settling an identity candidate")[1].count("judgements: [{pair:")


def test_strength_is_in_words(seed):
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    assert markdown.count("It is firmly contested") == 5
    assert "may be one incident: likely the same." in markdown


def test_seed_report_says_at_the_top_it_rests_on_one_article(seed):
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    title, blank, first = markdown.splitlines()[:3]
    assert (title, blank) == ("# What the record leaves unresolved", "")
    assert first.startswith(f"**The whole record rests on one document: “{ARTICLE_TITLE}” (below, the news analysis).")
    text = run("unresolved", "--store", seed[0]).output
    assert "NOTE: The whole record rests on one document:" in text.split("IDENTITY CANDIDATES")[0]


def test_no_warning_when_two_documents_carry_the_record(tmp_path):
    from kg.analysis.nxgraph import from_turtle
    from kg.analysis.report import unresolved_from_projection

    g = from_turtle('''
    :acme a kg:Organization ; rdfs:label "Acme" .
    :union a kg:Organization ; rdfs:label "Staff union" .
    :wire a kg:NewsArticle ; rdfs:label "The Wire" .
    :post a kg:NewsArticle ; rdfs:label "The Post" .
    :p a kg:Proposition ; kg:text "Reviews were skipped." .
    :a1 a kg:Assertion ; kg:proposition :p ; kg:party :union ; kg:readIn :wire ; kg:stance kg:Asserts ;
        oa:hasTarget [ oa:hasSelector [ oa:exact "reviews were skipped" ] ] .
    :a2 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :post ; kg:stance kg:Denies ;
        oa:hasTarget [ oa:hasSelector [ oa:exact "none were skipped" ] ] .
    ''')
    markdown = report_text.markdown(unresolved_from_projection(g))
    assert "rests on one document" not in markdown
    assert ("By parties: affirmed by 1 voice (1 statement); opposed by 1 voice (1 statement). "
            "By documents: two documents (The Post and The Wire).") in markdown
    assert "- Against: Acme — denies: “none were skipped” (read in The Post)" in markdown
    assert "Staff union says so; Acme denies it. It is firmly contested." in markdown


def test_every_party_gets_a_short_name(seed):
    report = seed_report(seed)
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    assertions = [a for c in report.contested for a in (*c.affirming, *c.opposing, *c.neither)]
    assertions += [a for c in report.single_source for a in c.assertions]
    parties = {a.party for a in assertions}
    assert len(parties) == 9
    shorts = {p.iri: report.short_names[p.iri] for p in parties}
    assert all(len(name) <= 32 and len(name.split()) <= 5 for name in shorts.values()), shorts
    assert len(set(shorts.values())) == len(shorts)  # no two parties share one
    for a in assertions:  # each stance tag names the party by its short name (and whom it speaks for)
        short = shorts[a.party.iri]
        tag = rf"(?:{re.escape(short)}|{re.escape(short[:1].upper() + short[1:])})(?: \(for [^)]*\))? — {a.stance}: “"
        assert re.search(tag, markdown), a.party.label
    long_names = [p.label for p in parties if len(p.label) > 32]
    tags = [line for line in markdown.splitlines() if " — " in line and "## " not in line]
    assert long_names and not any(f"{name} — " in line for name in long_names for line in tags)
    # A shortLabel in the case file wins; otherwise the name is derived from the label.
    by_label = {p.label: shorts[p.iri] for p in parties}
    assert by_label["Dave Treadwell's internal message on strengthening guardrails"] == "Treadwell's message"
    assert by_label["Amazon spokesperson (unnamed)"] == "Amazon spokesperson"
    assert by_label["Amazon"] == "Amazon"
    assert "- *Treadwell's message*: Dave Treadwell's internal message on strengthening guardrails" in markdown


def test_stances_are_tags_so_no_verb_is_said_twice(seed):
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    assert "- Against: Amazon — disputes: “disputed that junior and mid-level engineers" in markdown
    assert "Amazon disputes “disputed" not in markdown
    assert "←" not in markdown.split("## Contested propositions")[1]  # phrases, not arrows, after the candidates


def test_what_to_look_for_next_groups_every_open_question(seed):
    report = seed_report(seed)
    grouped = {q.id for group in report.look_for for q in group.questions}
    assert grouped == {q.id for q in report.questions}
    kinds = {group.label: [q.id.rsplit("/", 1)[1] for q in group.questions] for group in report.look_for}
    assert kinds["post-incident reviews"] == ["oq-deployment-vs-q"]
    assert kinds["internal incident records"] == ["oq-which-incidents-ai-related"]
    assert set(kinds["meeting records: minutes, agenda, invitation"]) == {"oq-meeting-instituted-approvals", "oq-meeting-is-twist"}
    markdown = (seed[1] / "unresolved.md").read_text(encoding="utf-8")
    section = markdown.split("## What to look for next")[1]
    assert "### Post-incident reviews" in section
    assert ("- **Is the checkout outage Amazon blamed on a code deployment the same event as the disruption tied to Q?** "
            "It would also settle the identity candidate “Amazon website and app outage blocking checkout ~ "
            "Disruption tied to the AI coding assistant Q”.") in section
    json_groups = run("unresolved", "--store", seed[0], "--format", "json").output
    assert '"look_for_next"' in json_groups and '"resolves"' in json_groups


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.csp = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "a":
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp = attrs["content"]


@pytest.mark.slow
def test_unresolved_html_is_the_report_linked_into_the_graph(seed):
    from kg.export.html_view import graph_view
    from kg.store import open_graph

    page_text = (seed[1] / "unresolved.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(page_text)
    assert "script" not in page.tags and "img" not in page.tags
    assert page.csp.startswith("default-src 'none'") and "script-src" not in page.csp
    from kg.analysis.contested import find_denied
    from kg.analysis.nxgraph import project

    items = {link.split("#item=", 1)[1] for link in page.links if "#item=" in link}
    view = graph_view(open_graph(seed[0]))
    view_items = {item["id"] for item in view["unresolved"]}
    assert len(view_items) == 16 and view_items <= items  # every item links to its place in graph.html
    # the rest are denials nobody affirms: they open their proposition's node, which the page has
    denied = {claim.proposition.iri for claim in find_denied(project(open_graph(seed[0])))}
    assert items - view_items == denied and len(denied) == 1
    assert denied <= {node["id"] for node in view["nodes"]}
    assert "The whole record rests on one document" in page_text
    assert '<h2 id="what-to-look-for-next">What to look for next</h2>' in page_text  # every heading an anchor
    again = run("unresolved", "--store", seed[0], "--out", seed[1].parent / "again")
    assert again.exit_code == 0
    assert (seed[1].parent / "again" / "unresolved.html").read_text(encoding="utf-8") == page_text


def test_unresolved_html_escapes_hostile_text():
    from kg.analysis.nxgraph import from_turtle
    from kg.analysis.report import unresolved_from_projection
    from kg.export.report_html import report_page
    from kg.export.report_text import markdown

    g = from_turtle('''
    :acme a kg:Organization ; rdfs:label "<script>window.__pwned=1</script>" .
    :union a kg:Organization ; rdfs:label "<img src=x onerror=alert(1)>" .
    :wire a kg:NewsArticle ; rdfs:label "The <b>Wire</b>" .
    :p a kg:Proposition ; kg:text "Reviews [were](javascript:alert(1)) skipped <!-- x -->." .
    :a1 a kg:Assertion ; kg:proposition :p ; kg:party :union ; kg:readIn :wire ; kg:stance kg:Asserts ;
        oa:hasTarget [ oa:hasSelector [ oa:exact "</p><script>alert(2)</script>" ] ] .
    :a2 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies ;
        oa:hasTarget [ oa:hasSelector [ oa:exact "*none* `were` | skipped" ] ] .
    ''')
    page_text = report_page(markdown(unresolved_from_projection(g)), title="<script>t</script>")
    page = Page()
    page.feed(page_text)
    assert set(page.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "p", "a", "main", "h1", "details", "summary",
                              "h2", "h3", "ul", "li", "strong", "em", "code"}
    assert all(link == "graph.html" or link.startswith("graph.html#item=") for link in page.links)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page_text
    assert "&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page_text


def test_the_page_refuses_markup_that_slipped_through():
    from kg.export.report_html import _body

    with pytest.raises(ExportError, match=r"markup it must not: <script>"):
        _body("Hello <script>alert(1)</script>")
    with pytest.raises(ExportError, match="<a href='javascript:alert\\(1\\)'>"):
        _body("[x](javascript:alert(1))")


def _counting(monkeypatch, module, name: str, calls: dict) -> None:
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] = calls.get(name, 0) + 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


@pytest.mark.slow
def test_each_command_walks_the_graph_once(tmp_path, monkeypatch):
    """kg html projects the graph once; kg unresolved --out opens the store once and renders the Markdown once.

    In rdflib's memory, where the whole graph is projected (the embedded store reads the cases' rows instead)."""
    import kg.analysis.nxgraph
    import kg.export.report_text
    import kg.store

    store = f"memory:{tmp_path / 'graph.nt'}"
    _built_seed(store, tmp_path / "build")
    calls: dict[str, int] = {}
    for module, name in ((kg.analysis.nxgraph, "project"), (kg.store, "open_graph"), (kg.export.report_text, "markdown")):
        _counting(monkeypatch, module, name, calls)
    assert run("html", "--store", store, "--out", tmp_path / "graph.html").exit_code == 0
    assert calls == {"open_graph": 1, "project": 1}
    calls.clear()
    assert run("unresolved", "--store", store, "--out", tmp_path).exit_code == 0
    assert calls == {"open_graph": 1, "project": 1, "markdown": 1}
