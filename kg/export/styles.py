"""The page's colours, shapes and sizes (``html_assets/styles.json``), as the network exports use them.

One file styles the page and the GEXF files alike, so Gephi opens a network in the page's colours.

>>> node_viz("incident")["color"]
{'r': 225, 'g': 87, 'b': 89, 'a': 1.0}
>>> edge_viz("stance:denies")["color"]["r"]
211
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["styles", "node_viz", "edge_viz"]

STYLES_PATH = Path(__file__).with_name("html_assets") / "styles.json"


@lru_cache(maxsize=1)
def styles() -> dict:
    """``styles.json``: ``classes`` (the page's node classes), ``edges`` (relation and ``stance:<notation>``) and more."""
    return json.loads(STYLES_PATH.read_text(encoding="utf-8"))


def _rgba(colour: str) -> dict:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0}


def node_viz(view_class: str) -> dict:
    """GEXF ``viz`` for a node of the page's class ``view_class`` (``other`` when unknown)."""
    classes = styles()["classes"]
    style = classes.get(view_class, classes["other"])
    return {"color": _rgba(style["color"]), "size": float(style["size"])}


def edge_viz(key: str) -> dict:
    """GEXF ``viz`` for an edge of style ``key`` (``relation`` when unknown)."""
    edges = styles()["edges"]
    style = edges.get(key, edges["relation"])
    return {"color": _rgba(style["color"]), "thickness": float(style["width"])}
