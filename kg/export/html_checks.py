"""The checks a view passes before it is drawn: its schema (see :mod:`kg.export.html`), normalised.

A view that names a node it does not hold, a class or edge kind the page cannot
draw, a date that is not ``YYYY[-MM[-DD]]`` or a list that is not strings is
refused with one message that says which item; nothing is drawn.

>>> nodes, edges, unresolved = checked({"nodes": [{"id": "b", "label": "B"}, {"id": "a"}], "edges": []})
>>> [(n["id"], n["label"], n["cls"]) for n in nodes]
[('a', 'a', 'other'), ('b', 'B', 'other')]
>>> checked({"nodes": [{"id": "a", "date": "March"}]})
Traceback (most recent call last):
...
kg.errors.ExportError: cannot draw the graph: node 'a' has date 'March'; expected YYYY, YYYY-MM or YYYY-MM-DD
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.errors import ExportError
from kg.export.html_layout import styles

__all__ = ["CLASSES", "EDGE_KINDS", "ASSERTION_FIELDS", "DATE_FIELDS", "stances", "checked", "short_names", "record", "fail"]

CLASSES = ("person", "organization", "incident", "safeguard", "source", "assertion",
           "question", "proposition", "system", "meeting", "other")
EDGE_KINDS = ("relation", "stance", "candidate", "judged-same", "judged-different",
              "judged-unsure", "judged-none")
ASSERTION_FIELDS = ("party", "stance", "quote", "source_title", "source_date", "source_url", "voice")
DATE_FIELDS = ("date", "not_before", "not_after")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

@lru_cache(maxsize=1)
def stances() -> tuple[str, ...]:
    """The stances, in legend order: the ontology's list (:func:`kg.ontology.stances`)."""
    from kg.ontology import stances as ontology_stances

    return tuple(s.notation for s in ontology_stances())


def fail(message: str) -> ExportError:
    return ExportError(f"cannot draw the graph: {message}")


def _date(value, node_id: str, field: str) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not _DATE.match(value):
        raise fail(f"node {node_id!r} has {field} {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _strings(value, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"{what} must be a list of strings")
    return value


def _new_id(raw: dict, what: tuple[str, str], seen: dict) -> str:
    """The id of ``raw``, which must be a string not yet ``seen``; ``what`` is (one, many)."""
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise fail(f"{what[0]} has no id: {raw!r:.80}")
    if item_id in seen:
        raise fail(f"two {what[1]} have the id {item_id!r}")
    return item_id


def checked(view: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """Normalised copies of the view's parts, nodes and edges sorted by id."""
    if not isinstance(view, dict):
        raise fail("the view must be a dict with nodes, edges and unresolved")
    nodes, edges = {}, {}
    for raw in view.get("nodes", []):
        node_id = _new_id(raw, ("a node", "nodes"), nodes)
        cls = raw.get("cls", "other")
        if cls not in CLASSES:
            raise fail(f"node {node_id!r} has class {cls!r}; expected one of {', '.join(CLASSES)}")
        assertions = [{**{f: str(a.get(f) or "") for f in ASSERTION_FIELDS}, "superseded": bool(a.get("superseded")),
                       "group": str(a.get("group") or a.get("voice") or a.get("party") or "")}
                      for a in raw.get("assertions") or []]
        parties = _strings(raw.get("parties"), f"parties of node {node_id!r}")
        sources = _strings(raw.get("sources"), f"sources of node {node_id!r}")
        nodes[node_id] = {
            "id": node_id,
            "label": str(raw.get("label") or node_id),
            "cls": cls,
            "class_label": str(raw.get("class_label") or styles()["classes"][cls]["label"]),
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
        edge_id = _new_id(raw, ("an edge", "edges"), edges)
        for end in ("source", "target"):
            if raw.get(end) not in nodes:
                raise fail(f"edge {edge_id!r} has {end} {raw.get(end)!r}, which is not a node")
        kind, stance = raw.get("kind", "relation"), raw.get("stance") or ""
        if kind not in EDGE_KINDS:
            raise fail(f"edge {edge_id!r} has kind {kind!r}; expected one of {', '.join(EDGE_KINDS)}")
        if kind == "stance" and stance not in stances():
            raise fail(f"edge {edge_id!r} has stance {stance!r}; expected one of {', '.join(stances())}")
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
                    raise fail(f"unresolved item {item_id!r} names {ref[:-1]} {ref_id!r}, which is not in the graph")
        unresolved.append({
            "id": item_id, "kind": str(raw.get("kind") or "other"),
            "label": str(raw.get("label") or item_id), "detail": str(raw.get("detail") or ""),
            "nodes": list(raw.get("nodes") or []), "edges": list(raw.get("edges") or []),
        })
    return [nodes[k] for k in sorted(nodes)], [edges[k] for k in sorted(edges)], unresolved


def short_names(view: dict) -> dict[str, str]:
    names = view.get("short_names") or {}
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        raise fail("short_names must map party labels to short names")
    return dict(sorted(names.items()))




def record(view: dict) -> dict | None:
    """The view's ``record``: what the exports hold that the page leaves out (see
    :func:`kg.export.html_view.record_gap`), or None when the view has none (a focused view).

    >>> record({"record": {"nodes": 4, "edges": 3, "left_out_edges": [["read in", 1]]}})["left_out_nodes"]
    []
    >>> record({"record": {"nodes": "4"}})
    Traceback (most recent call last):
    ...
    kg.errors.ExportError: cannot draw the graph: record must give nodes and edges as counts
    """
    raw = view.get("record")
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), int) for k in ("nodes", "edges")):
        raise fail("record must give nodes and edges as counts")
    out = {"nodes": raw["nodes"], "edges": raw["edges"]}
    for key in ("left_out_nodes", "left_out_edges", "added_edges"):
        rows = raw.get(key) or []
        if not all(isinstance(r, (list, tuple)) and len(r) == 2 and isinstance(r[0], str) and isinstance(r[1], int)
                   for r in rows):
            raise fail(f"record's {key} must be [name, count] pairs")
        out[key] = [[name, count] for name, count in rows]
    return out
