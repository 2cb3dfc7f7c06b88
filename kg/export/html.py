r"""One offline, escaped, interactive HTML page for a graph view.

The page is a single file that works from ``file://`` with no network: the
vis-network script and stylesheet that pyvis ships are inlined, a
Content-Security-Policy allows only vis-network and the page's own scripts (by hash) and
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
                        "voice": "Amazon", "group": "Amazon",  # whom it speaks for; its board column's head
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
        "nodes": ["<node id>"], "edges": ["<edge id>"]}],
     "record": {"nodes": 129, "edges": 415,                # optional: what the exports hold and
                "left_out_nodes": [["Identity judgement", 3]],  # the page leaves out or adds
                "left_out_edges": [["read in", 39]], "added_edges": [["judged-same", 2]]}}

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
import json
import os
import re
from pathlib import Path

from kg.errors import ExportError
from kg.export.html_checks import CLASSES, EDGE_KINDS, checked, record, short_names, stances
from kg.export.html_layout import ASSETS, asset, edge_style_key, positions, styles, vis_items, vis_options
from kg.export.page_views import headline, opening_view, stance_board, timeline

__all__ = ["render_html", "write_html", "write_page", "write", "neighbourhood", "share_strings", "unshare_strings", "CLASSES", "EDGE_KINDS", "STANCES"]  # noqa: F822 (STANCES: module __getattr__)

#: The page's own scripts, ``html_assets/kg-<part>.js``, in the order they run: the shared state
#: first, then one per view, then the frame (header counts, drawer, legends), then the start that draws them.
PAGE_SCRIPTS = ("state", "graph", "board", "timeline", "layout", "start")
#: Above this many nodes the page opens on the stance board (or the timeline, or
#: the graph focused on one unresolved item), never on the whole graph.
OPENING_GRAPH_MAX = 60
def __getattr__(name: str):
    # STANCES is read off the ontology when first asked for, so importing this module parses nothing.
    if name == "STANCES":
        return stances()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

    nodes, edges, unresolved = checked(view)
    _refuse_above(len(nodes), max_nodes)
    physics = len(nodes) <= physics_cap
    vis_nodes, vis_edges = vis_items(nodes, edges, {} if physics else positions(nodes, edges, seed))
    style = styles()
    board, line = stance_board(nodes), timeline(nodes, edges)
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + 1
    hub = min(degree, key=lambda n: (-degree[n], n)) if degree else None
    present = {node["cls"] for node in nodes}
    drawn = ({edge["stance"] for edge in edges} | {node["stance"] for node in nodes}
               | {a["stance"] for node in nodes for a in node["assertions"]})
    payload = {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "node_info": {node["id"]: {k: v for k, v in node.items() if k != "id"} for node in nodes},
        "edge_info": {edge["id"]: {k: v for k, v in edge.items() if k != "id"} for edge in edges},
        "unresolved": unresolved,
        "unresolved_kinds": style["unresolved_kinds"],
        "options": vis_options(len(nodes), physics, seed),
        "physics": physics,
        "classes": [dict(style["classes"][c], cls=c) for c in CLASSES if c in present],
        "edge_styles": [dict(style["edges"][k], key=k) for k in style["edges"]
                        if k in {edge_style_key(edge) for edge in edges}],
        "stances": [s for s in stances() if s in drawn],
        "stance_colours": {s: style["edges"][f"stance:{s}"]["color"] for s in stances()},
        "stance_marks": {s: style["edges"][f"stance:{s}"]["mark"] for s in stances()},
        "board": dict(board, short={p: n for p, n in short_names(view).items() if p in board["parties"]}),
        "timeline": line,
        "headline": headline(board, unresolved),
        "record": record(view),
        "opening": opening_view(len(nodes), board, line, unresolved, opening_graph_max, hub),
        "parties": sorted({p for item in (*nodes, *edges) for p in item["parties"]}),
        "sources": sorted({s for item in (*nodes, *edges) for s in item["sources"]}),
    }
    vis_dir = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    vis_js = _inline((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"), "vis-network.min.js")
    page_js = [_inline(asset(f"kg-{part}.js"), f"kg-{part}.js") for part in PAGE_SCRIPTS]
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(code) for code in [vis_js, *page_js])
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'")
    from kg.templates import fill

    return fill(
        ASSETS, "page.html", csp=csp, title=title,
        vis_css=_inline((vis_dir / "vis-network.css").read_text(encoding="utf-8"), "vis-network.css"),
        kg_css=_inline(asset("kg.css"), "kg.css"), data=_script_json(share_strings(payload)), vis_js=vis_js,
        kg_js=page_js,
    )


def write_html(view: dict, path: str | os.PathLike, **kw) -> None:
    """Render ``view`` and write it to ``path`` atomically (see render_html)."""
    from kg.atomic import atomic_write

    page = render_html(view, **kw)
    with atomic_write(path) as out:
        out.write(page)


def _refuse_above(count: int, max_nodes: int) -> None:
    if count > max_nodes:
        raise ExportError(
            f"graph has {count} nodes, above the cap of {max_nodes}; draw a neighbourhood "
            "with --focus ENTITY --depth N, or raise --max-nodes")


def page_size(graph) -> int:
    """How many nodes a page of all of ``graph`` draws (drafts apart), counted in the store."""
    from kg.query import run_query

    return int(next(iter(run_query(graph, "page-size")))["count"])


def write_page(
    graph, path: str | os.PathLike, *, focus: tuple[str, ...] = (), depth: int = 2, max_nodes: int = 500,
    title: str | None = None, seed: int = 1, include_pending: bool = False, progress: "Progress | None" = None,
) -> dict:
    """Write the page for ``graph`` to ``path``; return the view drawn.

    The graph is projected once; the report and the view are both read off that
    projection. ``focus`` (labels, aliases, ids or IRIs) draws only their
    neighbourhood, ``depth`` hops around them: every relation stays inside a
    case, so only the cases of the focused items are projected and reported
    on (where the build materialised the projection, only their rows are
    read), and the page is titled by those cases. The title defaults to the
    case titles. With ``include_pending``, drafts pending review are drawn
    beside the record.
    """
    from kg.analysis.nxgraph import project
    from kg.analysis.record import case_titles
    from kg.analysis.report import unresolved_from_projection
    from kg.export.html_view import view_of_projection
    from kg.names import resolve
    from kg.progress import stage

    focus_ids, cases = [], None
    if focus:
        focus_ids = [str(resolve(graph, name)) for name in focus]
        titles = _case_titles(graph, focus_ids)
        cases = set(titles)
    else:  # refused before the work: the count is one query, the projection is not
        stage(progress, "counting what the page would draw")
        _refuse_above(page_size(graph), max_nodes)
    stage(progress, "projecting the graph")
    projection = project(graph, reviewed_only=not include_pending, cases=cases)
    view = view_of_projection(projection, unresolved_from_projection(projection, progress=progress))
    stage(progress, "laying out and writing the page")
    if focus:
        view = neighbourhood(view, focus_ids, depth)
    if title is None:
        if focus:
            title = f"{', '.join(focus)} ({depth} hops) — {'; '.join(sorted(set(titles.values()))) or 'kg graph'}"
        else:
            title = "; ".join(case_titles(graph)) or "kg graph"
    write_html(view, path, title=title, seed=seed, max_nodes=max_nodes)
    return view


def _case_titles(graph, items: list[str]) -> dict[str, str]:
    """Case IRI → title, for the cases ``items`` are in (``kg/queries/page/case-titles.rq``)."""
    from rdflib import URIRef

    from kg.sparql import QUERY_DIR, evaluate

    query = str(QUERY_DIR / "page" / "case-titles.rq")
    return {str(row.case): str(row.title) for item in items for row in evaluate(graph, query, {"item": URIRef(item)})}


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
