"""How the page draws a view: styles, positions and vis-network's records for nodes and edges.

Colours, shapes and edge styles are ``html_assets/styles.json``. Small graphs are laid
out in the browser by vis-network's seeded physics; big ones get positions here from
networkx's ForceAtlas2 (:func:`positions`) and no physics. Parallel edges are bent apart.

>>> [(e["id"], s["type"]) for e in [{"id": "2"}] for s in [curves([
...     {"id": "1", "source": "a", "target": "b"}, {"id": "2", "source": "a", "target": "b"}])["2"]]]
[('2', 'curvedCW')]
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from kg.errors import ExportError

__all__ = ["ASSETS", "asset", "styles", "positions", "edge_style_key", "curves", "vis_items", "vis_options"]

ASSETS = Path(__file__).with_name("html_assets")
LABEL_CHARS = 48
# Shapes that draw their label inside them; they get dark text and a width limit.
LABEL_INSIDE = {"box", "database", "ellipse", "circle", "text"}


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def styles() -> dict:
    return json.loads(asset("styles.json"))


def _darker(colour: str, factor: float = 0.7) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "\u2026"


def positions(nodes: list[dict], edges: list[dict], seed: int) -> dict[str, tuple[int, int]]:
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


def edge_style_key(edge: dict) -> str:
    return f"stance:{edge['stance']}" if edge["kind"] == "stance" else edge["kind"]


def curves(edges: list[dict]) -> dict[str, dict]:
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


def vis_items(nodes, edges, positions) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, built with pyvis's Network."""
    from pyvis.network import Network

    drawing = styles()
    network = Network(directed=True)
    for node in nodes:
        style = drawing["classes"][node["cls"]]
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
    smooth = curves(edges)
    for edge in edges:
        style = drawing["edges"][edge_style_key(edge)]
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


def vis_options(node_count: int, physics: bool, seed: int) -> dict:
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
