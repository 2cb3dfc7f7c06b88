"""The page on a phone (390×844) and on a desktop (1400×900), the seed case in headless Chromium.

On both: no sideways page scroll, the graph drawn, the header counting contested
propositions, open questions and parties, a legend for the view shown, every contested
row of the stance board showing both its sides without scrolling, the timeline spanning
what the case dates and graph labels readable at the opening zoom.
"""

from __future__ import annotations

import pytest

from kg.export.page_views import day_range

PHONE, DESKTOP = (390, 844), (1400, 900)
VIEWS = ("board", "timeline", "graph")


def page_scrolls_sideways(loaded) -> bool:
    return loaded.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_view_fits_the_width_with_its_own_legend(open_page, seed_view, size):
    loaded = open_page(seed_view, viewport=size)
    assert loaded.errors == [] and [m for m in loaded.console if m[0] in ("error", "warning")] == []
    page = loaded.page
    stage = loaded.evaluate("document.getElementById('stage').getBoundingClientRect().width")
    if size == PHONE:
        assert stage == size[0]  # one column: the view takes the whole width
        assert not page.is_visible("#side") and not page.is_visible("#legend")  # the drawer is shut
    else:
        assert 600 < stage < size[0] - 500  # the filters on the left, what a click shows on the right
    for view in VIEWS:
        page.click(f"#tab-{view}")
        assert loaded.evaluate("window.kgViews.current") == view
        assert not page_scrolls_sideways(loaded), view
        parts = loaded.evaluate("[...document.querySelectorAll('.legend-part')].filter(p => !p.hidden).map(p => p.dataset.view)")
        assert parts == [view]
        if size == PHONE:
            page.click("#drawer-toggle")
        shown = [p for p in VIEWS if page.is_visible(f'.legend-part[data-view="{p}"]')]
        assert shown == [view]
        assert page.locator(f'.legend-part[data-view="{view}"] .legend-row').count() > 0
        if size == PHONE:
            assert page.is_visible("#filters") and not page_scrolls_sideways(loaded)
            page.click("#drawer-close")
            assert not page.is_visible("#side")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_graph_is_drawn_and_readable(open_page, seed_view, size):
    loaded = open_page(seed_view, fragment="#view=graph", viewport=size)
    assert loaded.page.text_content("#status") == ""  # no "laying out… 100%" left behind
    canvas = loaded.evaluate("""(() => { const c = document.querySelector('#graph canvas').getBoundingClientRect();
                                         return [c.width, c.height]; })()""")
    assert canvas[0] == loaded.evaluate("document.getElementById('stage').clientWidth") and canvas[1] > 300
    painted = loaded.evaluate("""(() => {
        const canvas = document.querySelector('#graph canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return painted / (data.length / 4);
    })()""")
    assert painted > 0.05
    # Labels at the opening zoom are at least 11 px high (13 px type, drawn at the network's scale).
    assert loaded.evaluate("window.kgNetwork.getScale()") * 13 >= 11 - 1e-6


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_header_counts_what_the_record_leaves_open(open_page, seed_view, size):
    loaded = open_page(seed_view, viewport=size)
    counts = dict(loaded.evaluate("[...document.querySelectorAll('#headline span')].map(s => [s.className, +s.dataset.count])"))
    kinds = [item["kind"] for item in seed_view["unresolved"]]
    voices = {a["group"] for n in seed_view["nodes"] if n["cls"] == "proposition" for a in n["assertions"]}
    assert counts == {"contested": kinds.count("contested"), "questions": kinds.count("question"), "parties": len(voices)}
    assert counts["contested"] == 5 and "nodes" not in loaded.page.text_content("header")
    assert loaded.page.is_visible("#headline")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_contested_row_shows_both_sides_without_scrolling(open_page, seed_view, size):
    loaded = open_page(seed_view, viewport=size)
    contested = {i["id"].removeprefix("contested:") for i in seed_view["unresolved"] if i["kind"] == "contested"}
    rows = loaded.evaluate("""[...document.querySelectorAll('#board tr.contested')].map(tr => {
        const pane = document.getElementById('board').getBoundingClientRect();
        const inside = el => { const r = el.getBoundingClientRect();
            return r.width > 0 && r.left >= Math.max(pane.left, 0) && r.right <= Math.min(pane.right, window.innerWidth); };
        const side = name => [...tr.querySelectorAll(`.side.${name} .voice`)].filter(inside).map(v => v.dataset.party);
        return [tr.dataset.row, side('for'), side('against')];
    })""")
    assert {row for row, _, _ in rows} == contested
    nodes = {n["id"]: n for n in seed_view["nodes"]}
    for row, for_, against in rows:
        said = nodes[row]["assertions"]
        assert for_ and against, row
        assert set(for_) == {a["party"] for a in said if a["stance"] in ("asserts", "confirms")}
        assert set(against) == {a["party"] for a in said if a["stance"] in ("denies", "disputes", "narrows")}
    # Clicking a side's mark shows that assertion.
    loaded.page.locator("#board tr.contested .side.against .voice").first.click()
    assert "Amazon" in loaded.page.text_content("#info")


def test_board_columns_are_voices_that_open(open_page, seed_view):
    loaded = open_page(seed_view)
    page = loaded.page
    heads = loaded.evaluate("[...document.querySelectorAll('#board thead th[data-members]')].map(th => th.dataset.members.split('\\n'))")
    # A spokesperson under the company it speaks for; a message under the person who wrote it (from the graph's edges).
    assert ["Amazon", "Amazon spokesperson (unnamed)"] in heads
    assert ["Dave Treadwell", "Dave Treadwell's internal message on strengthening guardrails"] in heads
    cells = loaded.evaluate("window.kgViews.board")
    before = len(heads)
    page.locator("#board thead th button", has_text="Amazon").click()
    after = loaded.evaluate("[...document.querySelectorAll('#board thead th[data-members]')].map(th => th.dataset.members)")
    assert len(after) == before + 1 and "Amazon spokesperson (unnamed)" in after
    assert loaded.evaluate("window.kgViews.board") == cells  # the same marks, spread over more columns
    misplaced = loaded.evaluate("""[...document.querySelectorAll('#board td .cell')].filter(c => {
        const col = [...c.parentElement.parentElement.children].indexOf(c.parentElement);
        return !document.querySelectorAll('#board thead th')[col].dataset.members.split('\\n').includes(c.dataset.party);
    }).length""")
    assert misplaced == 0


def test_a_board_wider_than_its_pane_says_so(open_page, seed_view):
    loaded = open_page(seed_view, viewport=(1000, 900))
    page = loaded.page
    wide = loaded.evaluate("(() => { const p = document.getElementById('board'); return p.scrollWidth > p.clientWidth; })()")
    assert wide and page.is_visible("#board-more")
    loaded.evaluate("(() => { const p = document.getElementById('board'); p.scrollLeft = p.scrollWidth; })()")
    page.wait_for_function("() => document.getElementById('board-more').hidden")
    page.click("#tab-graph")
    assert not page.is_visible("#board-more")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_timeline_spans_what_the_case_dates(open_page, seed_view, size):
    loaded = open_page(seed_view, fragment="#view=timeline", viewport=size)
    known = [d for n in seed_view["nodes"] if n["cls"] not in ("assertion", "proposition", "question")
             for f, end in (("date", None), ("not_before", 0), ("not_after", 1)) if n.get(f)
             for d in (day_range(n[f]) if end is None else [day_range(n[f])[end]])]
    ticks = loaded.evaluate("[...document.querySelectorAll('#timeline .tl-tick')].map(t => [+t.dataset.day, t.textContent])")
    assert ticks and all(min(known) <= day <= max(known) for day, _ in ticks), ticks
    assert [text for _, text in ticks] == ["2025-07-01"]  # the one day this case dates; its ranges have no end
    assert loaded.page.text_content("#timeline .tl-open-label").startswith("later")
    assert not page_scrolls_sideways(loaded)
    right = loaded.evaluate("Math.max(...[...document.querySelectorAll('#timeline svg *')].map(e => e.getBoundingClientRect().right))")
    assert right <= size[0]


def test_on_a_phone_a_click_shows_the_record_in_a_sheet(open_page, seed_view):
    loaded = open_page(seed_view, viewport=PHONE)
    page = loaded.page
    assert not page.is_visible("#info")  # nothing chosen, nothing covers the view
    page.locator("#board tr.contested .side.for .voice").first.click()
    page.wait_for_selector("#info", state="visible")
    box = loaded.evaluate("(() => { const r = document.getElementById('right').getBoundingClientRect(); return [r.top, r.bottom, r.width]; })()")
    assert box[1] <= PHONE[1] + 1 and box[0] > PHONE[1] / 3 and box[2] == PHONE[0]  # a sheet at the foot of the screen
    said = loaded.evaluate("document.getElementById('info-title').textContent")
    assert said in {n["label"] for n in seed_view["nodes"] if n["cls"] == "proposition"}
    page.click("#info-close")
    assert not page.is_visible("#info")
    page.click("#tab-board")  # a click that chooses nothing opens nothing
    assert not page.is_visible("#info")
