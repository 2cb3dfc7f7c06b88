"""The graph page in a real headless Chromium, opened from file:// offline."""

from __future__ import annotations


from kg.export.html import PAGE_SCRIPTS
from tests.browser.conftest import load_view

MARA = "https://w3id.org/kg/id/veltrix/person/mara-quist"
M_QUIST = "https://w3id.org/kg/id/veltrix/person/m-quist"
PWNED = 'window.__pwned=1'


def selected(loaded) -> tuple[list, list]:
    return (sorted(loaded.evaluate("window.kgNetwork.getSelectedNodes()")),
            sorted(loaded.evaluate("window.kgNetwork.getSelectedEdges()")))


def hidden_counts(loaded) -> tuple[int, int]:
    """Hidden items straight from vis-network's DataSets, not from kgStats."""
    return tuple(loaded.evaluate(
        "['nodes', 'edges'].map(k => window.kgNetwork.body.data[k].get({filter: i => i.hidden === true}).length)"))


def sub_view(view: dict, count: int) -> dict:
    keep = {node["id"] for node in sorted(view["nodes"], key=lambda n: n["id"])[:count]}
    return {"nodes": [n for n in view["nodes"] if n["id"] in keep],
            "edges": [e for e in view["edges"] if e["source"] in keep and e["target"] in keep],
            "unresolved": []}


def test_small_page_loads_offline_without_errors(open_page):
    loaded = open_page(load_view("small"), title="Veltrix East-2 outage")
    assert loaded.errors == []
    assert [m for m in loaded.console if m[0] in ("error", "warning")] == []
    assert loaded.requests and all(url.startswith(("file:", "data:")) for url in loaded.requests), loaded.requests
    stats = loaded.evaluate("window.kgStats")
    assert stats["nodes"] == len(loaded.view["nodes"]) == 23
    assert stats["edges"] == len(loaded.view["edges"]) == 31
    assert loaded.page.text_content("h1") == "Veltrix East-2 outage"
    # The header counts what a reader came for, not nodes and edges (those are in the graph's legend).
    assert loaded.page.text_content("#headline") == "2 contested \u00b7 1 open question \u00b7 4 parties"
    assert loaded.page.text_content("#status") == ""
    assert loaded.page.text_content("#legend-record") == ""  # a view without the record's counts says nothing


def test_physics_stops_once_stable(open_page):
    for options in ({}, {"physics_cap": 5}):
        loaded = open_page(load_view("small"), **options)
        assert loaded.evaluate("window.kgNetwork.physics.options.enabled") is False
        before = loaded.evaluate("window.kgNetwork.getPositions()")
        loaded.page.wait_for_timeout(800)
        assert loaded.evaluate("window.kgNetwork.getPositions()") == before


def test_search_selects_and_focuses_a_node(open_page):
    loaded = open_page(load_view("small"))
    loaded.page.fill("#search", "MARA qu")
    assert selected(loaded)[0] == [MARA]
    loaded.wait_still()
    # The camera glides to the node (a 300 ms animation, slower on a loaded machine): wait for it to
    # arrive rather than read it mid-flight. A camera that never centres the node fails on the timeout.
    centred = f"""() => {{
        const v = window.kgNetwork.getViewPosition();
        const n = window.kgNetwork.getPositions(['{MARA}'])['{MARA}'];
        return Math.abs(v.x - n.x) < 5 && Math.abs(v.y - n.y) < 5;
    }}"""
    loaded.page.wait_for_function(centred, timeout=10_000)
    assert loaded.page.text_content("#info-title") == "Mara Quist"

    loaded.page.fill("#search", "quist")  # two matches, listed; the first is chosen
    results = loaded.page.locator("#search-results button")
    assert results.count() == 2
    assert selected(loaded)[0] == [M_QUIST]
    results.nth(1).click()
    assert selected(loaded)[0] == [MARA]

    loaded.page.fill("#search", "no such thing")
    assert loaded.page.text_content("#search-results") == "no node matches"


def test_unresolved_item_highlights_its_nodes_and_edges(open_page):
    loaded = open_page(load_view("small"))
    original = loaded.evaluate(f"window.kgNetwork.body.data.nodes.get('{M_QUIST}').color.background")
    for item in loaded.view["unresolved"]:
        loaded.page.click(f'button[data-item="{item["id"]}"]')
        assert selected(loaded) == (sorted(item["nodes"]), sorted(item["edges"])), item["id"]
        assert loaded.page.text_content("#info-title") == item["label"]
    # The last item is about the review question; Quist is not in it, so dimmed.
    assert loaded.evaluate(f"window.kgNetwork.body.data.nodes.get('{M_QUIST}').color.background") == "#f0f0f0"
    loaded.page.click("#clear-highlight")
    assert selected(loaded) == ([], [])
    assert loaded.evaluate(f"window.kgNetwork.body.data.nodes.get('{M_QUIST}').color.background") == original
    headings = loaded.page.locator("#unresolved summary").all_text_contents()
    assert headings == ["Contested claims (2)", "Identity candidates (1)", "Open questions (1)"]


def test_hover_and_click_show_the_record(open_page):
    loaded = open_page(load_view("small"))
    x, y = loaded.node_point(MARA)
    loaded.page.mouse.move(x, y)
    loaded.page.wait_for_timeout(200)
    info = loaded.page.text_content("#info")
    for text in ("Mara Quist", "Person", "Veltrix Cloud", "asserts", "Mara Quist approved the rollback at 09:40 UTC.",
                 "East-2 post-incident review", "2026-02-20"):
        assert text in info, text
    links = loaded.evaluate("[...document.querySelectorAll('#info a')].map(a => [a.href, a.textContent])")
    assert links == [["https://status.veltrix.example/post-mortems/east-2"] * 2]
    loaded.page.mouse.click(x, y)
    assert selected(loaded)[0] == [MARA]
    assert loaded.requests and all(url.startswith(("file:", "data:")) for url in loaded.requests)


def test_filters_hide_what_does_not_match(open_page):
    loaded = open_page(load_view("small"))
    page = loaded.page

    def visible():
        stats = loaded.evaluate("window.kgStats")
        hidden_nodes, hidden_edges = hidden_counts(loaded)
        assert (stats["visibleNodes"], stats["visibleEdges"]) == (23 - hidden_nodes, 31 - hidden_edges)
        return stats["visibleNodes"], stats["visibleEdges"]

    assert visible() == (23, 31)
    page.locator("#filter-classes label", has_text="Person").locator("input").uncheck()
    assert visible() == (19, 24)  # 4 people and the 7 edges that touch them
    page.click("#reset-filters")
    assert visible() == (23, 31)
    page.select_option("#filter-party", "Veltrix Cloud")
    # Its three stance edges, their ends, and the nodes whose assertions it made.
    assert visible() == (5, 3)
    page.click("#reset-filters")
    page.select_option("#filter-source", "Internal memo of 2026-02-12")
    assert visible() == (2, 1)  # the union, the claim it disputes there, and that edge
    page.click("#reset-filters")
    page.locator("#filter-stances label", has_text="denies").locator("input").uncheck()
    assert visible() == (23, 30)
    page.locator("#filter-stances label", has_text="confirms").locator("input").uncheck()
    assert visible() == (22, 28)  # the confirming assertion node goes, with its two edges
    page.click("#reset-filters")
    assert visible() == (23, 31)


def test_hostile_text_shows_literally_and_never_runs(open_page):
    title = f"<script>{PWNED}</script> title"
    loaded = open_page(load_view("hostile"), title=title)
    page = loaded.page
    assert loaded.errors == [] and [m for m in loaded.console if m[0] == "error"] == []
    assert page.text_content("h1") == title
    for node in loaded.view["nodes"]:
        x, y = loaded.node_point(node["id"])
        page.mouse.move(x, y)
        page.wait_for_timeout(100)
        page.mouse.click(x, y)
        assert page.text_content("#info-title") == node["label"]
        info = page.text_content("#info-body")
        for said in node.get("assertions", []):
            assert said["quote"] in info and said["party"] in info and said["source_title"] in info
    assert f'<img src=x onerror="{PWNED}">' in page.text_content("#unresolved")
    page.locator(".unresolved-item").first.click()
    page.fill("#search", "<img")
    assert f'<img src=x onerror="{PWNED}">' in page.text_content("#search-results")
    page.wait_for_timeout(300)
    assert loaded.evaluate("typeof window.__pwned") == "undefined"
    assert loaded.evaluate("""[...document.querySelectorAll('*')]
        .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length""") == 0
    assert loaded.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert loaded.evaluate("document.scripts.length") == 2 + len(PAGE_SCRIPTS)  # the data, vis-network and ours
    hrefs = loaded.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert all(href.startswith(("https:", "http:")) for href in hrefs)


def test_graph_is_drawn_not_blank(open_page, tmp_path):
    loaded = open_page(load_view("small"))
    shot = tmp_path / "graph.png"
    loaded.page.locator("#graph").screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = loaded.evaluate("""() => {
        const canvas = document.querySelector('#graph canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set();
        let painted = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0) painted++;
            if (i % 28 === 0) colours.add(data.slice(i, i + 4).join(','));
        }
        return {colours: colours.size, painted: painted / (data.length / 4)};
    }""")
    assert pixels["colours"] > 50, pixels
    assert pixels["painted"] > 0.01, pixels


def test_large_views_become_ready(open_page):
    """Every size the benchmark times becomes ready with all its items; benchmarks/page_ready.py prints the times."""
    large = load_view("large")
    for view, options in ((sub_view(large, 300), {}), (sub_view(large, 500), {}), (sub_view(large, 500), {"physics_cap": 500})):
        loaded = open_page(view, **options)
        stats = loaded.evaluate("window.kgStats")
        assert (stats["nodes"], stats["edges"]) == (len(view["nodes"]), len(view["edges"]))


def test_tiny_views_still_become_ready(open_page):
    one = {"nodes": [{"id": "a", "label": "Alone", "cls": "incident"}], "edges": [], "unresolved": []}
    for view in ({"nodes": [], "edges": [], "unresolved": []}, one):
        loaded = open_page(view)
        assert loaded.evaluate("window.kgStats") == {"nodes": len(view["nodes"]), "edges": 0,
                                                     "visibleNodes": len(view["nodes"]), "visibleEdges": 0}
        assert loaded.errors == [] and [m for m in loaded.console if m[0] == "error"] == []
    assert loaded.page.text_content("#unresolved") == "Nothing is left unresolved in this view."
