r"""One offline, escaped, interactive HTML page for a graph view.

The page is a single file that works from ``file://`` with no network: the
vis-network script and stylesheet that pyvis ships are inlined, a
Content-Security-Policy allows only the page's own two scripts (by hash) and
no connections, and every string from the data travels as escaped JSON that
the page's script puts into the DOM with ``textContent``. The same view
always gives the same bytes.

The view is a plain JSON-able dict (``kg`` builds it from the RDF graph)::

    {"nodes": [{
        "id": "https://w3id.org/kg/id/case/x",   # required, unique
        "label": "Dave Treadwell",                # drawn cut to 48 characters
        "cls": "person",                          # a key of CLASSES
        "class_label": "Person",                  # optional, default from cls
        "description": "...",                     # optional
        "stance": "denies",                       # optional, for assertion nodes
        "parties": ["..."], "sources": ["..."],   # optional, for the filters
        "date": "2026-03", "not_before": "", "not_after": "",  # optional: YYYY[-MM[-DD]]
        "date_text": "earlier this month",        # optional, the date as written
        "draft": False,                           # optional: pending review, drawn hollow
        "assertions": [{"party": "Amazon", "stance": "disputes",
                        "quote": "...", "source_title": "...",
                        "source_date": "2026-03", "source_url": "https://..."}]}],
     "edges": [{
        "id": "e1",                               # required, unique
        "source": "<node id>", "target": "<node id>",
        "label": "memberOf",                      # optional
        "kind": "relation",                       # a key of EDGE_KINDS
        "stance": "denies",                       # kind "stance" only: STANCES
        "parties": ["..."], "sources": ["..."]}], # optional, for the filters
     "short_names": {"Dave Treadwell's internal message ...": "Treadwell's message"},  # optional
     "unresolved": [{
        "id": "u1", "kind": "contested",          # candidate|contested|question
        "label": "...", "detail": "...",
        "nodes": ["<node id>"], "edges": ["<edge id>"]}]}

Missing optional fields are empty. A node's parties and sources for the
filters are its own plus those of its assertions. Filtering by a party or a
source keeps the edges that name it, their ends, and the nodes whose
assertions name it; the stance filter hides stance edges and assertion nodes
of the unticked stances.

The page has three views: a stance board (propositions by parties), a
timeline and the graph; :mod:`kg.export.page_views` computes what each
shows and which one the page opens on.

For tests and scripts the page sets ``window.kgReady`` (true once drawn and
still), ``window.kgStats`` (DataSet sizes and visible counts),
``window.kgTiming`` and ``window.kgNetwork``.

>>> view = {"nodes": [{"id": "a", "label": "<b>Ann</b>", "cls": "person"}],
...         "edges": [], "unresolved": []}
>>> page = render_html(view)
>>> "<b>Ann" in page, "\\u003cb\\u003eAnn" in page
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path

from kg.errors import ExportError
from kg.export.page_views import opening_view, stance_board, timeline

__all__ = ["render_html", "write_html", "write_page", "write", "neighbourhood", "share_strings", "unshare_strings", "CLASSES", "EDGE_KINDS", "STANCES"]  # noqa: F822 (STANCES: module __getattr__)

ASSETS = Path(__file__).with_name("html_assets")
CLASSES = ("person", "organization", "incident", "safeguard", "source", "assertion",
           "question", "proposition", "system", "meeting", "other")
EDGE_KINDS = ("relation", "stance", "candidate", "judged-same", "judged-different",
              "judged-unsure", "judged-none")
ASSERTION_FIELDS = ("party", "stance", "quote", "source_title", "source_date", "source_url", "voice")
DATE_FIELDS = ("date", "not_before", "not_after")
#: Above this many nodes the page opens on the stance board (or the timeline, or
#: the graph focused on one unresolved item), never on the whole graph.
OPENING_GRAPH_MAX = 60
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LABEL_CHARS = 48
# Shapes that draw their label inside them; they get dark text and a width limit.
LABEL_INSIDE = {"box", "database", "ellipse", "circle", "text"}


def _stances() -> tuple[str, ...]:
    """The stances, in legend order: the ontology's list (:func:`kg.ontology.stances`)."""
    from kg.ontology import stances

    return tuple(s.notation for s in stances())


def __getattr__(name: str):
    # STANCES is read off the ontology when first asked for, so importing this module parses nothing.
    if name == "STANCES":
        return _stances()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _styles() -> dict:
    return json.loads(_asset("styles.json"))


def _fail(message: str) -> ExportError:
    return ExportError(f"cannot draw the graph: {message}")


def _date(value, node_id: str, field: str) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not _DATE.match(value):
        raise _fail(f"node {node_id!r} has {field} {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _strings(value, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"{what} must be a list of strings")
    return value


def _checked(view: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """Normalised copies of the view's parts, nodes and edges sorted by id."""
    if not isinstance(view, dict):
        raise _fail("the view must be a dict with nodes, edges and unresolved")
    nodes, edges = {}, {}
    for raw in view.get("nodes", []):
        node_id = raw.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise _fail(f"a node has no id: {raw!r:.80}")
        if node_id in nodes:
            raise _fail(f"two nodes have the id {node_id!r}")
        cls = raw.get("cls", "other")
        if cls not in CLASSES:
            raise _fail(f"node {node_id!r} has class {cls!r}; expected one of {', '.join(CLASSES)}")
        assertions = [{**{f: str(a.get(f) or "") for f in ASSERTION_FIELDS}, "superseded": bool(a.get("superseded"))}
                      for a in raw.get("assertions") or []]
        parties = _strings(raw.get("parties"), f"parties of node {node_id!r}")
        sources = _strings(raw.get("sources"), f"sources of node {node_id!r}")
        nodes[node_id] = {
            "id": node_id,
            "label": str(raw.get("label") or node_id),
            "cls": cls,
            "class_label": str(raw.get("class_label") or _styles()["classes"][cls]["label"]),
            "description": str(raw.get("description") or ""),
            "stance": str(raw.get("stance") or ""),
            "assertions": assertions,
            "parties": sorted({*parties, *(a["party"] for a in assertions)} - {""}),
            "sources": sorted({*sources, *(a["source_title"] for a in assertions)} - {""}),
            "draft": bool(raw.get("draft")),
            **{f: _date(raw.get(f), node_id, f) for f in DATE_FIELDS},
            "date_text": str(raw.get("date_text") or ""),
        }
    for raw in view.get("edges", []):
        edge_id = raw.get("id")
        if not isinstance(edge_id, str) or not edge_id:
            raise _fail(f"an edge has no id: {raw!r:.80}")
        if edge_id in edges:
            raise _fail(f"two edges have the id {edge_id!r}")
        for end in ("source", "target"):
            if raw.get(end) not in nodes:
                raise _fail(f"edge {edge_id!r} has {end} {raw.get(end)!r}, which is not a node")
        kind, stance = raw.get("kind", "relation"), raw.get("stance") or ""
        if kind not in EDGE_KINDS:
            raise _fail(f"edge {edge_id!r} has kind {kind!r}; expected one of {', '.join(EDGE_KINDS)}")
        if kind == "stance" and stance not in _stances():
            raise _fail(f"edge {edge_id!r} has stance {stance!r}; expected one of {', '.join(_stances())}")
        edges[edge_id] = {
            "id": edge_id, "source": raw["source"], "target": raw["target"],
            "label": str(raw.get("label") or ""), "kind": kind,
            "stance": stance if kind == "stance" else "",
            "parties": sorted(set(_strings(raw.get("parties"), f"parties of edge {edge_id!r}"))),
            "sources": sorted(set(_strings(raw.get("sources"), f"sources of edge {edge_id!r}"))),
        }
    unresolved = []
    for raw in view.get("unresolved", []):
        item_id = str(raw.get("id") or "")
        for ref, known in (("nodes", nodes), ("edges", edges)):
            for ref_id in _strings(raw.get(ref), f"{ref} of unresolved item {item_id!r}"):
                if ref_id not in known:
                    raise _fail(f"unresolved item {item_id!r} names {ref[:-1]} {ref_id!r}, which is not in the graph")
        unresolved.append({
            "id": item_id, "kind": str(raw.get("kind") or "other"),
            "label": str(raw.get("label") or item_id), "detail": str(raw.get("detail") or ""),
            "nodes": list(raw.get("nodes") or []), "edges": list(raw.get("edges") or []),
        })
    return [nodes[k] for k in sorted(nodes)], [edges[k] for k in sorted(edges)], unresolved


def _short_names(view: dict) -> dict[str, str]:
    names = view.get("short_names") or {}
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        raise _fail("short_names must map party labels to short names")
    return dict(sorted(names.items()))


def _darker(colour: str, factor: float = 0.7) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "\u2026"


def _layout(nodes: list[dict], edges: list[dict], seed: int) -> dict[str, tuple[int, int]]:
    """Pixel positions from networkx's ForceAtlas2 (numpy, no scipy needed)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in nodes)
    graph.add_edges_from((e["source"], e["target"]) for e in edges if e["source"] != e["target"])
    try:
        positions = nx.forceatlas2_layout(graph, seed=seed, max_iter=100, scaling_ratio=4.0)
    except ImportError as e:
        raise ExportError(f"laying out {len(nodes)} nodes in Python needs numpy: {e}") from e
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    spread = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    scale = 75 * math.sqrt(len(nodes))
    return {node_id: (round((float(p[0]) - mid_x) / spread * scale),
                      round((float(p[1]) - mid_y) / spread * scale))
            for node_id, p in positions.items()}


def _edge_style_key(edge: dict) -> str:
    return f"stance:{edge['stance']}" if edge["kind"] == "stance" else edge["kind"]


def _curves(edges: list[dict]) -> dict[str, dict]:
    """Bend parallel edges apart so each one stays visible and clickable."""
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for edge in edges:
        by_pair.setdefault(tuple(sorted((edge["source"], edge["target"]))), []).append(edge)
    smooth = {}
    for group in by_pair.values():
        for index, edge in enumerate(group[1:], start=1):
            clockwise = (index % 2 == 1) == (edge["source"] <= edge["target"])
            smooth[edge["id"]] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                  "roundness": 0.25 * ((index + 1) // 2)}
    return smooth


def _vis_items(nodes, edges, positions) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, built with pyvis's Network."""
    from pyvis.network import Network

    styles = _styles()
    network = Network(directed=True)
    for node in nodes:
        style = styles["classes"][node["cls"]]
        colour, border = style["color"], _darker(style["color"])
        options = {
            "color": {"background": colour, "border": border,
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "size": style["size"],
            "font": {"color": "#1a1a1a"},
        }
        if style["shape"] in LABEL_INSIDE:
            options["widthConstraint"] = {"maximum": 180}
            options["shapeProperties"] = {"borderRadius": 0 if style.get("corners") == "square" else 6}
        if node["draft"]:  # hollow, dashed and labelled, so a draft never passes for a fact
            options["color"] = {"background": "#ffffff", "border": colour,
                                "highlight": {"background": "#ffffff", "border": "#000000"},
                                "hover": {"background": "#ffffff", "border": "#000000"}}
            options["shapeProperties"] = dict(options.get("shapeProperties", {}), borderDashes=[5, 4])
            options["borderWidth"] = 2
        if node["id"] in positions:
            options["x"], options["y"] = positions[node["id"]]
        label = ("draft: " if node["draft"] else "") + _short(node["label"])
        network.add_node(node["id"], label=label, shape=style["shape"], **options)
    smooth = _curves(edges)
    for edge in edges:
        style = styles["edges"][_edge_style_key(edge)]
        options = {
            "id": edge["id"],
            "color": {"color": style["color"], "highlight": style["color"],
                      "hover": style["color"], "inherit": False},
            "width": style["width"],
            "dashes": style["dashes"],
            "arrows": {"to": {"enabled": style["arrow"] is not None,
                              "type": style["arrow"] or "arrow", "scaleFactor": 0.6}},
            "font": {"color": _darker(style["color"], 0.8)},
            "smooth": smooth.get(edge["id"], False),
        }
        text = style["text"] or edge["label"] or edge["stance"]
        if text:
            options["label"] = _short(text)
        network.add_edge(edge["source"], edge["target"], **options)
    return network.nodes, network.edges


def _vis_options(node_count: int, physics: bool, seed: int) -> dict:
    big = node_count > 200
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": node_count <= 100},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 120,
                                 "springConstant": 0.05, "avoidOverlap": 0.3},
            "minVelocity": 1,
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
        } if physics else {"enabled": False},
        "interaction": {"hover": True, "multiselect": True, "keyboard": False,
                        "navigationButtons": False, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1,
                  "font": {"size": 10, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"}},
    }


#: A string this long that appears more than once in the page's data is stored once.
SHARED_MIN_CHARS = 32


def share_strings(payload) -> dict:
    """``{"strings": [...], "data": payload}`` with each long repeated string stored once in ``strings``.

    A label is repeated wherever the page needs it (a node, its party filters,
    every assertion it makes, the board, the timeline...). Each repeat becomes
    ``{"$s": index}``; the page's script puts the strings back as it reads the
    data, so a label of a megabyte costs the page one megabyte.

    >>> share_strings({"a": "x" * 40, "b": ["x" * 40, "short", "short"]})
    {'strings': ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'], 'data': {'a': {'$s': 0}, 'b': [{'$s': 0}, 'short', 'short']}}
    >>> unshare_strings(share_strings({"a": "x" * 40, "b": ["x" * 40]})) == {"a": "x" * 40, "b": ["x" * 40]}
    True
    """
    seen: dict[str, int] = {}

    def count(value) -> None:
        if isinstance(value, str):
            if len(value) >= SHARED_MIN_CHARS:
                seen[value] = seen.get(value, 0) + 1
        elif isinstance(value, dict):
            for key in sorted(value):
                count(value[key])
        elif isinstance(value, (list, tuple)):
            for item in value:
                count(item)

    count(payload)
    index: dict[str, int] = {}

    def refer(value):
        if isinstance(value, str):
            if seen.get(value, 0) < 2:
                return value
            if value not in index:
                index[value] = len(index)  # numbered in the order of a sorted walk: deterministic
            return {"$s": index[value]}
        if isinstance(value, dict):
            return {key: refer(value[key]) for key in sorted(value)}
        if isinstance(value, (list, tuple)):
            return [refer(item) for item in value]
        return value

    data = refer(payload)
    return {"strings": sorted(index, key=index.__getitem__), "data": data}


def unshare_strings(packed: dict):
    """The payload :func:`share_strings` packed, as the page's script reads it."""
    strings = packed["strings"]

    def revive(value):
        if isinstance(value, dict):
            if len(value) == 1 and "$s" in value:
                return strings[value["$s"]]
            return {key: revive(item) for key, item in value.items()}
        if isinstance(value, list):
            return [revive(item) for item in value]
        return value

    return revive(packed["data"])


def _script_json(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _inline(code: str, what: str) -> str:
    if re.search(r"</(script|style)|<!--", code, re.IGNORECASE):
        raise ExportError(f"{what} cannot be inlined: it contains a closing tag or '<!--'")
    return code


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_html(view: dict, *, title: str = "kg graph", seed: int = 1,
                physics_cap: int = 300, max_nodes: int = 500,
                opening_graph_max: int = OPENING_GRAPH_MAX) -> str:
    """The page for ``view`` (schema in the module docstring) as one string.

    Up to ``physics_cap`` nodes are laid out in the browser by vis-network's
    seeded physics, which stops once stable; bigger graphs get positions from
    networkx here and no physics. More than ``max_nodes`` nodes raise
    :class:`~kg.errors.ExportError`. Above ``opening_graph_max`` nodes the page
    opens on another view (see :func:`kg.export.page_views.opening_view`).
    """
    import pyvis

    nodes, edges, unresolved = _checked(view)
    if len(nodes) > max_nodes:
        raise ExportError(
            f"graph has {len(nodes)} nodes, above the cap of {max_nodes}; draw a neighbourhood "
            "with --focus ENTITY --depth N, or raise --max-nodes")
    physics = len(nodes) <= physics_cap
    vis_nodes, vis_edges = _vis_items(nodes, edges, {} if physics else _layout(nodes, edges, seed))
    styles = _styles()
    board, line = stance_board(nodes), timeline(nodes, edges)
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + 1
    hub = min(degree, key=lambda n: (-degree[n], n)) if degree else None
    present = {node["cls"] for node in nodes}
    stances = ({edge["stance"] for edge in edges} | {node["stance"] for node in nodes}
               | {a["stance"] for node in nodes for a in node["assertions"]})
    payload = {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "node_info": {node["id"]: {k: v for k, v in node.items() if k != "id"} for node in nodes},
        "edge_info": {edge["id"]: {k: v for k, v in edge.items() if k != "id"} for edge in edges},
        "unresolved": unresolved,
        "unresolved_kinds": styles["unresolved_kinds"],
        "options": _vis_options(len(nodes), physics, seed),
        "physics": physics,
        "classes": [dict(styles["classes"][c], cls=c) for c in CLASSES if c in present],
        "edge_styles": [dict(styles["edges"][k], key=k) for k in styles["edges"]
                        if k in {_edge_style_key(edge) for edge in edges}],
        "stances": [s for s in _stances() if s in stances],
        "stance_colours": {s: styles["edges"][f"stance:{s}"]["color"] for s in _stances()},
        "stance_marks": {s: styles["edges"][f"stance:{s}"]["mark"] for s in _stances()},
        "board": dict(board, short={p: n for p, n in _short_names(view).items() if p in board["parties"]}),
        "timeline": line,
        "opening": opening_view(len(nodes), board, line, unresolved, opening_graph_max, hub),
        "parties": sorted({p for item in (*nodes, *edges) for p in item["parties"]}),
        "sources": sorted({s for item in (*nodes, *edges) for s in item["sources"]}),
    }
    vis_dir = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    vis_js = _inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "vis-network.min.js")
    page_js = _inline(_asset("kg.js"), "kg.js")
    csp = ("default-src 'none'; script-src " + _sha256(vis_js) + " " + _sha256(page_js)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'")
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _inline((vis_dir / "vis-network.css").read_text(encoding="utf-8"), "vis-network.css"),
        "KG_CSS": _inline(_asset("kg.css"), "kg.css"),
        "DATA": _script_json(share_strings(payload)),
        "VIS_JS": vis_js,
        "KG_JS": page_js,
    }
    # One pass, so text inserted for one marker is never searched for another.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], _asset("page.html"))


def write_html(view: dict, path: str | os.PathLike, **kw) -> None:
    """Render ``view`` and write it to ``path`` atomically (see render_html)."""
    from kg.atomic import atomic_write

    page = render_html(view, **kw)
    with atomic_write(path) as out:
        out.write(page)


def write_page(
    graph, path: str | os.PathLike, *, focus: tuple[str, ...] = (), depth: int = 2, max_nodes: int = 500,
    title: str | None = None, seed: int = 1, include_pending: bool = False,
) -> dict:
    """Write the page for ``graph`` to ``path``; return the view drawn.

    The graph is projected once; the report and the view are both read off that
    projection. ``focus`` (labels, aliases, ids or IRIs) draws only their
    neighbourhood, ``depth`` hops around them. The title defaults to the case titles.
    With ``include_pending``, drafts pending review are drawn beside the record.
    """
    from kg.analysis.nxgraph import project
    from kg.analysis.record import case_titles
    from kg.analysis.report import unresolved_from_projection
    from kg.export.html_view import view_of_projection
    from kg.names import resolve

    projection = project(graph, reviewed_only=not include_pending)
    view = view_of_projection(projection, unresolved_from_projection(projection))
    if focus:
        view = neighbourhood(view, [str(resolve(graph, name)) for name in focus], depth)
    if title is None:
        title = "; ".join(case_titles(graph)) or "kg graph"
        if focus:
            title = f"{', '.join(focus)} ({depth} hops) — {title}"
    write_html(view, path, title=title, seed=seed, max_nodes=max_nodes)
    return view


def write(graph, path: str | os.PathLike) -> None:
    """The exporter interface: the page for the whole of ``graph``, titled by its cases."""
    write_page(graph, path)


def neighbourhood(view: dict, focus_ids: list[str], depth: int) -> dict:
    """The sub-view of nodes within ``depth`` hops of ``focus_ids``.

    Edges are kept when both ends are; unresolved items when they touch a
    kept node, with their node and edge lists cut to what was kept.

    >>> view = {"nodes": [{"id": i, "label": i} for i in "abcd"],
    ...         "edges": [{"id": "ab", "source": "a", "target": "b"},
    ...                   {"id": "bc", "source": "b", "target": "c"},
    ...                   {"id": "cd", "source": "c", "target": "d"}],
    ...         "unresolved": [{"id": "u", "nodes": ["c", "d"], "edges": ["cd"]}]}
    >>> sub = neighbourhood(view, ["a"], 2)
    >>> [n["id"] for n in sub["nodes"]], [e["id"] for e in sub["edges"]]
    (['a', 'b', 'c'], ['ab', 'bc'])
    >>> sub["unresolved"]
    [{'id': 'u', 'nodes': ['c'], 'edges': []}]
    """
    if depth < 0:
        raise ExportError(f"depth must be 0 or more, not {depth}")
    adjacent: dict[str, set[str]] = {node["id"]: set() for node in view.get("nodes", [])}
    for edge in view.get("edges", []):
        if edge.get("source") in adjacent and edge.get("target") in adjacent:
            adjacent[edge["source"]].add(edge["target"])
            adjacent[edge["target"]].add(edge["source"])
    for focus in focus_ids:
        if focus not in adjacent:
            raise ExportError(f"no node {focus!r} in the graph")
    kept, frontier = set(focus_ids), set(focus_ids)
    for _ in range(depth):
        frontier = {near for node_id in frontier for near in adjacent[node_id]} - kept
        kept |= frontier
    edges = [e for e in view.get("edges", []) if e.get("source") in kept and e.get("target") in kept]
    edge_ids = {edge["id"] for edge in edges}
    unresolved = [
        dict(item, nodes=[n for n in item.get("nodes", []) if n in kept],
             edges=[e for e in item.get("edges", []) if e in edge_ids])
        for item in view.get("unresolved", []) if any(n in kept for n in item.get("nodes", []))
    ]
    return {"nodes": [n for n in view.get("nodes", []) if n["id"] in kept],
            "edges": edges, "unresolved": unresolved, **({"short_names": view["short_names"]} if "short_names" in view else {})}
