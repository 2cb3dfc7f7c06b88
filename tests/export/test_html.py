"""The HTML page without a browser: escaping, no remote loads, determinism,
the node cap, layout choice, view checks and neighbourhood()."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from html.parser import HTMLParser

import pytest

from kg.errors import ExportError, KGError
from kg.export.html import EDGE_KINDS, PAGE_SCRIPTS, STANCES, neighbourhood, render_html, unshare_strings, write_html
from tests.helpers import FIXTURES

HTML_FIXTURES = FIXTURES / "html"
HOSTILE_BITS = ["<img src=x onerror", "<script>window.__pwned", "<script>alert", "</script><script>",
                "<svg onload", "<iframe src", "<b>Person</b>", "<!-- <script>"]


def load(name: str) -> dict:
    return json.loads((HTML_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def payload(page: str) -> dict:
    found = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert found, "no data block"
    return unshare_strings(json.loads(found.group(1)))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


@pytest.fixture(scope="module")
def small_page() -> str:
    return render_html(load("small"), title="Veltrix East-2 outage")


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(load("hostile"), title="<script>alert(1)</script> & co")


# ---- escaping ----

def test_hostile_text_is_only_present_escaped(hostile_page):
    for bit in HOSTILE_BITS:
        assert bit not in hostile_page, bit
    # ...but the text is there, escaped, for the page to show literally.
    assert "\\u003cimg src=x onerror=\\\"window.__pwned=1\\\"\\u003e" in hostile_page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1" in hostile_page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in hostile_page


def test_hostile_page_has_exactly_our_elements(hostile_page):
    tags = parsed(hostile_page)
    assert [t for t, _ in tags.tags if t in {"img", "iframe", "svg", "object", "embed"}] == []
    assert len(tags.scripts) == 2 + len(PAGE_SCRIPTS)  # the data, vis-network and ours
    assert all(not name.startswith("on") for _, attrs in tags.tags for name in attrs)


def test_data_block_round_trips_the_hostile_strings(hostile_page):
    data = payload(hostile_page)
    view = load("hostile")
    label = view["nodes"][0]["label"]
    assert data["node_info"][view["nodes"][0]["id"]]["label"] == label
    quote = view["nodes"][0]["assertions"][0]["quote"]
    assert data["node_info"][view["nodes"][0]["id"]]["assertions"][0]["quote"] == quote
    assert "odd id \u2028 line separator" in json.dumps(data, ensure_ascii=False)
    assert "\u2028" not in hostile_page


def test_no_vis_titles_because_vis_renders_them_as_html(hostile_page):
    data = payload(hostile_page)
    assert not [item for item in data["nodes"] + data["edges"] if "title" in item]


# ---- offline ----

def test_nothing_loads_from_anywhere(small_page):
    tags = parsed(small_page)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            assert name not in attrs, f"<{tag} {name}={attrs[name]!r}>"
    assert [t for t, _ in tags.tags if t == "link"] == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", small_page)
    assert not re.search(r"@import", small_page)


def test_csp_forbids_connections_and_allows_only_our_scripts(small_page):
    tags = parsed(small_page)
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    code = [text for attrs, text in tags.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 1 + len(PAGE_SCRIPTS)  # vis-network and ours, one a view
    for text in code:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_vis_network_is_inlined(small_page):
    assert "vis-network" in small_page and "DataSet" in small_page
    assert len(small_page) > 400_000


# ---- determinism ----

def test_same_view_gives_the_same_bytes(small_page):
    again = render_html(load("small"), title="Veltrix East-2 outage")
    assert again == small_page


def test_input_order_does_not_change_the_page(small_page):
    view = load("small")
    random.Random(3).shuffle(view["nodes"])
    random.Random(4).shuffle(view["edges"])
    assert render_html(view, title="Veltrix East-2 outage") == small_page


@pytest.mark.slow
def test_large_layout_is_deterministic_and_seeded():
    view = load("large")
    first = render_html(view, max_nodes=1000)
    assert render_html(view, max_nodes=1000) == first
    assert render_html(view, max_nodes=1000, seed=2) != first


# ---- size, layout, physics ----

def test_node_cap_raises_a_kg_error():
    view = load("large")
    with pytest.raises(KGError) as caught:
        render_html(view)
    assert isinstance(caught.value, ExportError)
    assert str(caught.value) == ("graph has 600 nodes, above the cap of 500; draw a neighbourhood "
                                 "with --focus ENTITY --depth N, or raise --max-nodes")
    with pytest.raises(ExportError, match="graph has 23 nodes, above the cap of 22;"):
        render_html(load("small"), max_nodes=22)
    assert render_html(load("small"), max_nodes=23)


def test_small_graph_uses_physics_without_positions(small_page):
    data = payload(small_page)
    assert data["physics"] is True
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["layout"]["randomSeed"] == 1
    assert not any("x" in node for node in data["nodes"])


@pytest.mark.slow
def test_big_graph_gets_python_positions_and_no_physics():
    data = payload(render_html(load("large"), max_nodes=1000))
    assert data["physics"] is False
    assert data["options"]["physics"] == {"enabled": False}
    positions = {(node["x"], node["y"]) for node in data["nodes"]}
    assert len(positions) > 550  # spread out, not piled up
    assert all(isinstance(node["x"], int) for node in data["nodes"])


def test_physics_cap_moves_the_threshold():
    data = payload(render_html(load("small"), physics_cap=5))
    assert data["physics"] is False and all("x" in node for node in data["nodes"])


# ---- styling ----

def test_each_class_and_edge_meaning_looks_different():
    view = load("small")
    data = payload(render_html(view))
    looks = {(c["shape"], c["color"]) for c in data["classes"]}
    assert len(looks) == len(data["classes"]) == 11
    edges = {e["id"]: e for e in data["edges"]}
    kinds = {e["id"]: (e["kind"], e.get("stance")) for e in view["edges"]}

    def look(edge_id):
        edge = edges[edge_id]
        return edge["color"]["color"], json.dumps(edge["dashes"]), edge["arrows"]["to"]["type"], edge["width"]

    by_meaning = {}
    for edge_id, meaning in kinds.items():
        by_meaning.setdefault(meaning, set()).add(look(edge_id))
    assert all(len(looks) == 1 for looks in by_meaning.values())
    all_looks = [next(iter(looks)) for looks in by_meaning.values()]
    assert len(set(all_looks)) == len(all_looks) == len(EDGE_KINDS) - 1 + len(STANCES)
    assert edges["j01"]["label"] == "same?" and edges["j01"]["dashes"]
    assert look("j03") != look("j05")  # "different" is not "no judgement"
    assert edges["s02"]["color"]["color"] != edges["s01"]["color"]["color"]  # denies vs asserts
    legend = {s["key"] for s in data["edge_styles"]}
    assert {"candidate", "judged-none", "judged-different", "stance:denies"} <= legend


def test_long_labels_are_cut_on_the_canvas_but_kept_for_the_panel():
    data = payload(render_html(load("small")))
    node_id = "https://w3id.org/kg/id/veltrix/proposition/ai-change"
    drawn = next(n for n in data["nodes"] if n["id"] == node_id)["label"]
    assert len(drawn) == 48 and drawn.endswith("\u2026")
    assert data["node_info"][node_id]["label"].endswith("by the Forge assistant")


# ---- checking the view ----

@pytest.mark.parametrize("change, message", [
    (lambda v: v["edges"].append({"id": "x", "source": "nope", "target": v["nodes"][0]["id"]}),
     "edge 'x' has source 'nope', which is not a node"),
    (lambda v: v["edges"].append(dict(v["edges"][0])), "two edges have the id 'r01'"),
    (lambda v: v["nodes"].append(dict(v["nodes"][0])), "two nodes have the id"),
    (lambda v: v["nodes"][0].update(cls="planet"), "has class 'planet'"),
    (lambda v: v["edges"][0].update(kind="friend"), "edge 'r01' has kind 'friend'"),
    (lambda v: v["edges"][0].update(kind="stance", stance="shrugs"), "edge 'r01' has stance 'shrugs'"),
    (lambda v: v["unresolved"][0]["nodes"].append("ghost"), "names node 'ghost', which is not in the graph"),
    (lambda v: v["edges"][0].update(parties="Amazon"), "parties of edge 'r01' must be a list of strings"),
    (lambda v: v["nodes"][0].update(date="last Tuesday"), "has date 'last Tuesday'; expected YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_a_bad_view_is_one_clear_error(change, message):
    view = load("small")
    change(view)
    with pytest.raises(ExportError, match=re.escape(message)):
        render_html(view)


# ---- the board, the timeline and the opening view ----

def test_every_stance_has_a_colour_and_a_mark():
    styles = json.loads((FIXTURES.parent.parent / "kg" / "export" / "html_assets" / "styles.json").read_text())
    from kg.ontology import case_schema

    for stance in case_schema().stances:
        style = styles["edges"].get(f"stance:{stance}")
        assert style and style["color"] and style["mark"], f"add stance:{stance} to kg/export/html_assets/styles.json"
    marks = [styles["edges"][f"stance:{s}"]["mark"] for s in case_schema().stances]
    assert len(set(marks)) == len(marks)


def test_board_rows_are_the_propositions_with_stances_contested_first():
    data = payload(render_html(load("timeline")))
    board = data["board"]
    assert board["parties"] == ["Acme", "Staff union"]
    rows = [(r["id"].rsplit("/", 1)[1], r["contested"], r["summary"]) for r in board["rows"]]
    assert rows == [("p-cause", True, "1 voice for, 1 against"),
                    ("p-draft", False, "nobody for, nobody against, 1 neither for nor against"),
                    ("p-hours", False, "1 voice for, nobody against")]
    cells = sum(len(r["cells"]) for r in board["rows"])
    assert cells == sum(len(n.get("assertions", [])) for n in load("timeline")["nodes"] if n["cls"] == "proposition")


def test_a_spokesperson_against_the_company_is_not_a_contest_on_the_board():
    view = load("timeline")
    cause = next(n for n in view["nodes"] if n["id"].endswith("/p-cause"))
    cause["assertions"][1]["voice"] = "Acme"  # the union's words, said for Acme
    row = next(r for r in payload(render_html(view))["board"]["rows"] if r["id"].endswith("/p-cause"))
    assert (row["contested"], row["summary"]) == (False, "1 voice for, 1 against")
    cause["assertions"][1].update(voice="", superseded=True)  # a denial taken back is not a side
    row = next(r for r in payload(render_html(view))["board"]["rows"] if r["id"].endswith("/p-cause"))
    assert (row["contested"], row["summary"]) == (False, "1 voice for, nobody against")


def test_timeline_data_marks_every_dated_item():
    view = load("timeline")
    line = payload(render_html(view))["timeline"]
    dated = {n["id"] for n in view["nodes"] if n["cls"] not in ("proposition",) and
             any(n.get(k) for k in ("date", "not_before", "not_after"))}
    assert {m["id"] for m in line["marks"]} == dated
    assert [u["date_text"] for u in line["undated"]] == ["some time ago"]
    assert len(line["conflicts"]) == 1
    by_id = {m["id"].rsplit("/", 1)[1]: m for m in line["marks"]}
    assert (by_id["migration"]["shape"], by_id["migration"]["text"]) == ("range", "between 2026-01-10 and 2026-02-15")
    assert by_id["trend"]["shape"] == "open-end" and by_id["trend"]["end"] is None
    assert by_id["review"]["end"] - by_id["review"]["start"] == 30  # all of March
    assert by_id["status"]["source"] == "Status page" and by_id["outage-b"]["source"] == "Wire report"


def test_opening_view_depends_on_size():
    small, large = load("small"), load("large")
    assert payload(render_html(small))["opening"] == {"view": "graph"}
    assert payload(render_html(small, opening_graph_max=5))["opening"] == {"view": "board"}
    for node in large["nodes"]:
        node.pop("assertions", None)
    opening = payload(render_html(large, max_nodes=600))["opening"]
    assert opening == {"view": "graph", "item": large["unresolved"][0]["id"]}


# ---- writing ----

def test_write_html_is_atomic(tmp_path):
    target = tmp_path / "graph.html"
    write_html(load("small"), target, title="t")
    first = target.read_bytes()
    assert first == render_html(load("small"), title="t").encode("utf-8")
    with pytest.raises(ExportError):
        write_html(load("large"), target)  # over the cap: nothing written
    assert target.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


# ---- neighbourhood ----

def ids(items):
    return sorted(item["id"] for item in items)


def test_neighbourhood_depths():
    view = load("small")
    quist = "https://w3id.org/kg/id/veltrix/person/m-quist"
    mara = "https://w3id.org/kg/id/veltrix/person/mara-quist"
    veltrix = "https://w3id.org/kg/id/veltrix/org/veltrix"
    assert ids(neighbourhood(view, [quist], 0)["nodes"]) == [quist]
    assert neighbourhood(view, [quist], 0)["edges"] == []
    one = neighbourhood(view, [quist], 1)
    assert ids(one["nodes"]) == sorted([quist, mara])
    assert ids(one["edges"]) == ["j01"]
    assert ids(one["unresolved"]) == ["u-candidate-quist"]
    two = neighbourhood(view, [quist], 2)
    assert ids(two["nodes"]) == sorted([quist, mara, veltrix])
    assert ids(two["edges"]) == ["j01", "r01"]
    contested = {u["id"]: u for u in two["unresolved"]}
    assert contested["u-contested-ai"]["nodes"] == [veltrix] and contested["u-contested-ai"]["edges"] == []
    assert render_html(two)  # a sub-view is a valid view


def test_neighbourhood_of_everything_is_everything():
    view = load("small")
    whole = neighbourhood(view, [view["nodes"][0]["id"]], 10)
    assert ids(whole["nodes"]) == ids(view["nodes"]) and ids(whole["edges"]) == ids(view["edges"])
    assert whole["unresolved"] == view["unresolved"]


def test_neighbourhood_shrinks_a_big_graph_below_the_cap():
    view = load("large")
    sub = neighbourhood(view, ["https://w3id.org/kg/id/synthetic/incident/000"], 2)
    assert 1 < len(sub["nodes"]) < 500
    assert render_html(sub)


def test_neighbourhood_errors():
    with pytest.raises(ExportError, match="no node 'nobody' in the graph"):
        neighbourhood(load("small"), ["nobody"], 1)
    with pytest.raises(ExportError, match="depth must be 0 or more"):
        neighbourhood(load("small"), [], -1)
