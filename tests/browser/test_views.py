"""The page's three views in headless Chromium: stance board, timeline, graph.

Each test checks what is drawn against the view the page was made from, so a
view that drew nothing, or drew something else, fails.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from kg.export.html import OPENING_GRAPH_MAX
from tests.browser.conftest import load_view
from tests.browser.test_page import sub_view

T = "https://w3id.org/kg/id/t/"
DATE_FIELDS = ("date", "not_before", "not_after")
UNDATED_CLASSES = {"assertion", "proposition", "question"}


def fragment_state(loaded) -> dict:
    return {k: v[0] for k, v in parse_qs(loaded.evaluate("location.hash").lstrip("#")).items()}


def board_cells(loaded) -> list[tuple]:
    return [tuple(c) for c in loaded.evaluate("""[...document.querySelectorAll('#board tbody tr')].flatMap(tr =>
        [...tr.querySelectorAll('td .cell')].map(c => [tr.dataset.row, c.dataset.party, c.dataset.stance, c.title,
                                                    c.textContent]))""")]


def marks_of(stances: dict) -> dict:
    import json

    from kg.export.html import ASSETS

    styles = json.loads((ASSETS / "styles.json").read_text(encoding="utf-8"))
    return {s: styles["edges"][f"stance:{s}"]["mark"] for s in stances}


def test_stance_board_cells_equal_the_assertions(open_page, seed_view):
    loaded = open_page(seed_view)
    assert loaded.errors == [] and [m for m in loaded.console if m[0] in ("error", "warning")] == []
    assert loaded.evaluate("window.kgViews.current") == "board"
    propositions = {n["id"]: n for n in seed_view["nodes"] if n["cls"] == "proposition" and n.get("assertions")}
    marks = marks_of({a["stance"] for n in propositions.values() for a in n["assertions"]})
    expected = sorted((n["id"], a["party"], a["stance"], f"{a['stance']}: “{a['quote']}”", marks[a["stance"]])
                      for n in propositions.values() for a in n["assertions"])
    drawn = board_cells(loaded)
    assert sorted(drawn) == expected
    assert len(drawn) == 39  # the seed case's assertions on propositions
    # Every cell sits in the column of its party's voice.
    misplaced = loaded.evaluate("""[...document.querySelectorAll('#board td .cell')].filter(c => {
        const col = [...c.parentElement.parentElement.children].indexOf(c.parentElement);
        return !document.querySelectorAll('#board thead th')[col].dataset.members.split('\\n').includes(c.dataset.party);
    }).length""")
    assert misplaced == 0
    # Contested rows come first and stand out; they are the report's contested propositions.
    rows = loaded.evaluate("[...document.querySelectorAll('#board tbody tr')].map(tr => [tr.dataset.row, tr.className])")
    contested = {item["id"].removeprefix("contested:") for item in seed_view["unresolved"] if item["kind"] == "contested"}
    assert [row for row, cls in rows if cls == "contested"] == [row for row, _ in rows[:len(contested)]]
    assert {row for row, cls in rows if cls == "contested"} == contested
    colour = loaded.evaluate("getComputedStyle(document.querySelector('#board tr.contested')).backgroundColor")
    plain = loaded.evaluate("getComputedStyle(document.querySelector('#board tr:not(.contested)')).backgroundColor")
    assert colour != plain
    # Clicking a cell shows that assertion: party, stance, quote and source.
    row_id, party, stance, _, _ = drawn[0]
    said = next(a for a in propositions[row_id]["assertions"] if a["party"] == party and a["stance"] == stance)
    loaded.page.locator(f'#board tr[data-row="{row_id}"] .cell[data-party="{party}"]').first.click()
    info = loaded.page.text_content("#info")
    for text in (propositions[row_id]["label"], party, stance, said["quote"], said["source_title"]):
        assert text in info, text


def test_board_follows_the_filters(open_page):
    loaded = open_page(load_view("timeline"), fragment="#view=board")
    assert loaded.evaluate("window.kgViews.board") == {"rows": 3, "cells": 4}
    loaded.page.select_option("#filter-party", "Staff union")
    assert loaded.evaluate("window.kgViews.board") == {"rows": 2, "cells": 2}
    loaded.page.locator("#filter-stances label", has_text="hedges").locator("input").uncheck()
    assert loaded.evaluate("window.kgViews.board") == {"rows": 1, "cells": 1}
    loaded.page.click("#reset-filters")
    assert loaded.evaluate("window.kgViews.board") == {"rows": 3, "cells": 4}


def dated(view: dict) -> list[str]:
    return sorted(n["id"] for n in view["nodes"]
                  if n.get("cls") not in UNDATED_CLASSES and any(n.get(f) for f in DATE_FIELDS))


@pytest.mark.parametrize("name", ["timeline", "seed"])
def test_timeline_marks_equal_the_dated_items(open_page, seed_view, name):
    view = seed_view if name == "seed" else load_view("timeline")
    loaded = open_page(view, fragment="#view=timeline")
    assert loaded.errors == []
    assert loaded.evaluate("window.kgViews.current") == "timeline"
    drawn = loaded.evaluate("[...document.querySelectorAll('#timeline .tl-mark')].map(g => g.dataset.id)")
    assert sorted(drawn) == dated(view) != []
    undated = loaded.page.locator("#timeline .undated li").all_text_contents()
    assert len(undated) == len([n for n in view["nodes"] if n.get("date_text") and n["id"] not in drawn
                                and n.get("cls") not in UNDATED_CLASSES])
    # dateText is written beside the date, and each mark names its source.
    for node in view["nodes"]:
        if node["id"] not in drawn:
            continue
        words = loaded.evaluate("(id) => document.querySelector(`#timeline .tl-mark[data-id=\"${id}\"]`).textContent",
                                node["id"])
        if node.get("date_text"):
            assert node["date_text"][:20] in words, node["id"]
        assert "source: " in words


def test_timeline_draws_ranges_and_joins_conflicting_dates(open_page):
    loaded = open_page(load_view("timeline"), fragment="#view=timeline")
    shapes = dict(loaded.evaluate("""[...document.querySelectorAll('#timeline .tl-mark')]
        .map(g => [g.dataset.id, g.firstElementChild.tagName])"""))
    assert shapes[T + "outage-a"] == "circle"  # a day
    assert shapes[T + "migration"] == "rect"  # bounds on both sides
    assert shapes[T + "review"] == "rect"  # a month
    assert shapes[T + "trend"] == "rect"  # not before, no end
    joins = loaded.evaluate("[...document.querySelectorAll('#timeline .tl-conflict')].map(l => l.dataset.items)")
    assert joins == [f"{T}outage-a {T}outage-b"]
    # The two marks the line joins are the ends of the line, each with its own source.
    ends = loaded.evaluate("""() => {
        const line = document.querySelector('#timeline .tl-conflict');
        return [[+line.getAttribute('x1'), +line.getAttribute('y1')], [+line.getAttribute('x2'), +line.getAttribute('y2')]];
    }""")
    centres = loaded.evaluate("""(ids) => ids.map(id => {
        const c = document.querySelector(`#timeline .tl-mark[data-id="${id}"] circle`);
        return [+c.getAttribute('cx'), +c.getAttribute('cy')];
    })""", [T + "outage-a", T + "outage-b"])
    assert ends == centres
    for mark, source in (("outage-a", "Status page"), ("outage-b", "Wire report")):
        text = loaded.evaluate(f"document.querySelector('#timeline .tl-mark[data-id=\"{T}{mark}\"]').textContent")
        assert f"source: {source}" in text
    assert loaded.page.text_content("#timeline .undated") == \
        "No date or bounds, only words (1)Earlier failure \u2014 \u201csome time ago\u201d"


def test_a_fragment_link_restores_the_view(open_page, browser):
    view = load_view("timeline")
    loaded = open_page(view)
    assert loaded.evaluate("window.kgViews.current") == "graph"
    page = loaded.page
    page.click("#tab-board")
    page.select_option("#filter-party", "Acme")
    page.locator("#filter-stances label", has_text="denies").locator("input").uncheck()
    page.locator("#filter-classes label", has_text="Meeting").locator("input").uncheck()
    state = fragment_state(loaded)
    assert state == {"view": "board", "party": "Acme", "off": "denies", "hide": "meeting"}
    shared = loaded.evaluate("location.hash")
    again = open_page(view, fragment=shared)
    assert again.evaluate("window.kgViews.current") == "board"
    assert again.evaluate("document.getElementById('filter-party').value") == "Acme"
    unticked = again.evaluate("""[...document.querySelectorAll('#filters input[type=checkbox]')]
        .filter(b => !b.checked).map(b => b.parentElement.textContent.trim())""")
    assert sorted(unticked) == ["Meeting (1)", "denies"]
    assert again.evaluate("window.kgViews.board") == loaded.evaluate("window.kgViews.board")


def test_item_fragment_opens_the_graph_focused_on_it(open_page, seed_view):
    item = next(i for i in seed_view["unresolved"] if i["kind"] == "question")
    loaded = open_page(seed_view, fragment="#item=" + item["id"])
    assert loaded.evaluate("window.kgViews.current") == "graph"
    assert sorted(loaded.evaluate("window.kgNetwork.getSelectedNodes()")) == sorted(item["nodes"])
    assert loaded.page.text_content("#info-title") == item["label"]
    stats = loaded.evaluate("window.kgStats")
    assert len(item["nodes"]) <= stats["visibleNodes"] < stats["nodes"] / 2
    assert loaded.page.is_visible("#focus-bar")
    loaded.page.click("#show-all")
    assert loaded.evaluate("window.kgStats.visibleNodes") == len(seed_view["nodes"])
    # A node's id works too.
    node = item["nodes"][0]
    focused = open_page(seed_view, fragment="#node=" + node)
    assert focused.evaluate("window.kgNetwork.getSelectedNodes()") == [node]


def test_search_clears_the_old_highlight(open_page):
    loaded = open_page(load_view("small"))
    page = loaded.page
    original = loaded.evaluate("window.kgNetwork.body.data.nodes.get().map(n => [n.id, n.color.background])")
    item = loaded.view["unresolved"][-1]
    page.click(f'button[data-item="{item["id"]}"]')
    dimmed = loaded.evaluate("window.kgNetwork.body.data.nodes.get().filter(n => n.color.background === '#f0f0f0').length")
    assert dimmed > 0
    page.fill("#search", "quist")
    now = loaded.evaluate("window.kgNetwork.body.data.nodes.get().map(n => [n.id, n.color.background])")
    assert now == original
    assert loaded.evaluate("document.querySelectorAll('.unresolved-item.active').length") == 0
    assert page.is_disabled("#clear-highlight")
    assert len(loaded.evaluate("window.kgNetwork.getSelectedNodes()")) == 1


def test_opening_view_is_not_the_hairball_above_the_threshold(open_page, seed_view):
    small = open_page(load_view("small"))
    assert len(small.view["nodes"]) <= OPENING_GRAPH_MAX
    assert small.evaluate("[window.kgViews.current, window.kgStats.visibleNodes]") == ["graph", 23]

    seed = open_page(seed_view)
    assert len(seed_view["nodes"]) > OPENING_GRAPH_MAX
    assert seed.evaluate("window.kgViews.current") == "board"
    assert seed.page.is_visible("#board table") and not seed.page.is_visible("#graph canvas")
    seed.page.click("#tab-graph")  # the full graph is one click away
    assert seed.evaluate("[window.kgViews.current, window.kgStats.visibleNodes]") == ["graph", len(seed_view["nodes"])]

    large = sub_view(load_view("large"), 500)
    kept = {x["id"] for x in large["nodes"]}
    large["unresolved"] = [u for u in load_view("large")["unresolved"] if all(n in kept for n in u["nodes"])]
    assert large["unresolved"]
    loaded = open_page(large)  # 500 synthetic nodes with stances: the board
    assert loaded.errors == []
    assert loaded.evaluate("window.kgStats.nodes") == 500
    assert loaded.evaluate("window.kgViews.current") == "board"
    assert loaded.evaluate("window.kgViews.board.rows") > 0
    # Without any stance, the graph opens focused on the first unresolved item.
    for node in large["nodes"]:
        node.pop("assertions", None)
    loaded = open_page(large)
    stats = loaded.evaluate("window.kgStats")
    assert loaded.evaluate("window.kgViews.current") == "graph"
    assert 0 < stats["visibleNodes"] <= 60, stats
    assert loaded.page.is_visible("#focus-bar")
    assert sorted(loaded.evaluate("window.kgNetwork.getSelectedNodes()")) == sorted(large["unresolved"][0]["nodes"])


def test_drafts_are_hollow_dashed_and_labelled(open_page):
    loaded = open_page(load_view("timeline"))
    node = loaded.evaluate(f"window.kgNetwork.body.data.nodes.get('{T}rumour')")
    assert node["label"].startswith("draft: ")
    assert node["color"]["background"] == "#ffffff"
    assert node["shapeProperties"]["borderDashes"] == [5, 4]
    reviewed = loaded.evaluate(f"window.kgNetwork.body.data.nodes.get('{T}outage-a')")
    assert not reviewed["label"].startswith("draft") and reviewed["color"]["background"] != "#ffffff"
    loaded.page.click("#tab-timeline")
    draft_marks = loaded.evaluate("[...document.querySelectorAll('#timeline .tl-mark.draft')].map(g => g.dataset.id)")
    assert draft_marks == [T + "rumour"]
    text = loaded.evaluate(f"document.querySelector('#timeline .tl-mark[data-id=\"{T}rumour\"] text').textContent")
    assert text == "draft: Second outage (draft)"
    loaded.page.click("#tab-board")
    row = loaded.page.locator(f'#board tr[data-row="{T}p-draft"]')
    assert row.locator("th").text_content().startswith("draft: ")
    assert row.locator("td .cell.draft").count() == 1
    assert row.locator(".sides .cell.draft").count() == 1  # its mark in the row's sides, drawn as a draft too
    assert loaded.page.locator("#board td .cell.draft").count() == 1
