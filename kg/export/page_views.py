"""The data behind the page's stance board, timeline and opening view.

Each function reads the checked nodes and edges of :mod:`kg.export.html` (plain
dicts) and returns plain JSON-able data the page's script draws as it is, so
that every decision (which rows are contested, where a date falls, which view
opens) is made here, once, and can be tested without a browser.

>>> nodes = [
...     {"id": "p1", "label": "Reviews were skipped.", "cls": "proposition", "draft": False,
...      "assertions": [{"party": "Memo", "stance": "asserts"}, {"party": "Acme", "stance": "denies"}]},
...     {"id": "p2", "label": "The fix took an hour.", "cls": "proposition", "draft": False,
...      "assertions": [{"party": "Acme", "stance": "asserts"}]}]
>>> board = stance_board(nodes)
>>> board["parties"], [(r["id"], r["contested"], r["cells"]) for r in board["rows"]]
(['Acme', 'Memo'], [('p1', True, [[0, 1], [1, 0]]), ('p2', False, [[0, 0]])])
>>> board["rows"][0]["sides"], board["groups"]
({'for': [0], 'against': [1], 'neither': []}, [{'head': 'Acme', 'parties': [0]}, {'head': 'Memo', 'parties': [1]}])

A memo its author wrote goes under the author's head, the author's own column first:

>>> nodes[0]["assertions"][0]["group"] = "Acme"
>>> stance_board(nodes)["groups"]
[{'head': 'Acme', 'parties': [0, 1]}]
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

__all__ = ["stance_board", "headline", "timeline", "opening_view", "day_range"]

#: Timeline lanes, top to bottom; classes not listed share the last lane.
LANES = ("incident", "meeting", "source", "other")
_NOT_DATED = {"assertion", "proposition", "question"}


@lru_cache(maxsize=1)
def _polarity() -> dict[str, int]:
    from kg.ontology import case_schema

    return {name: concept.polarity or 0 for name, concept in case_schema().stances.items()}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def stance_board(nodes: list[dict]) -> dict:
    """Propositions as rows, parties as columns grouped by voice, most contested rows first.

    A cell is ``[party index, assertion index]`` into the proposition node's
    own ``assertions``, so quotes are not stored twice. A row is *contested*
    when one voice affirms it and an independent voice opposes it, as in the
    report: a party's ``voice`` is whom it speaks for (a spokesperson speaks
    for the company), superseded stances do not count, and the ontology's
    stance polarities decide which side a stance is on.

    Columns come in ``groups``, one per head (an assertion's ``group``: the
    voice, where a document's voice is its author's), the head's own column
    first; a row's ``sides`` lists its assertions for, against and neither,
    so the page can show both sides of a row without the columns.
    """
    polarity = _polarity()
    rows, uses, group_of = [], {}, {}
    for node in nodes:
        if node["cls"] != "proposition" or not node["assertions"]:
            continue
        sides = {1: set(), -1: set(), 0: set()}
        listed = {1: [], -1: [], 0: []}
        for i, a in enumerate(node["assertions"]):
            side = polarity.get(a["stance"], 0)
            if not a.get("superseded"):  # a stance taken back is history, not a side
                sides[side].add(a.get("voice") or a["party"])
            listed[side].append(i)
            uses[a["party"]] = uses.get(a["party"], 0) + 1
            group_of.setdefault(a["party"], a.get("group") or a.get("voice") or a["party"])
        contested = any(f != o for f in sides[1] for o in sides[-1])
        parts = [f"{_plural(len(sides[1]), 'voice', 'voices')} for" if sides[1] else "nobody for",
                 f"{len(sides[-1])} against" if sides[-1] else "nobody against"]
        if sides[0]:
            parts.append(f"{len(sides[0])} neither for nor against")
        rows.append({"id": node["id"], "contested": contested, "draft": node["draft"],
                     "summary": ", ".join(parts), "sides": {"for": listed[1], "against": listed[-1], "neither": listed[0]},
                     "_sides": sides, "_label": node["label"]})
    weight: dict[str, int] = {}
    for party, head in group_of.items():
        weight[head] = weight.get(head, 0) + uses[party]
    heads = sorted(weight, key=lambda h: (-weight[h], h))
    parties = sorted(uses, key=lambda p: (heads.index(group_of[p]), p != group_of[p], -uses[p], p))
    column = {party: i for i, party in enumerate(parties)}
    groups = [{"head": head, "parties": [column[p] for p in parties if group_of[p] == head]} for head in heads]
    by_id = {node["id"]: node for node in nodes}
    for row in rows:
        assertions = by_id[row["id"]]["assertions"]
        row["cells"] = sorted([column[a["party"]], i] for i, a in enumerate(assertions))
    rows.sort(key=lambda r: (not r["contested"], -min(len(r["_sides"][1]), len(r["_sides"][-1])),
                             -sum(len(s) for s in r["_sides"].values()), r["_label"], r["id"]))
    for row in rows:
        del row["_sides"], row["_label"]
    return {"parties": parties, "groups": groups, "rows": rows}


def headline(board: dict, unresolved: list[dict]) -> dict:
    """What the page's header counts: contested propositions, open questions, parties (the board's heads).

    >>> headline({"groups": [{"head": "Acme"}]}, [{"kind": "contested"}, {"kind": "question"}, {"kind": "candidate"}])
    {'contested': 1, 'questions': 1, 'parties': 1}
    """
    kinds = [item["kind"] for item in unresolved]
    return {"contested": kinds.count("contested"), "questions": kinds.count("question"),
            "parties": len(board["groups"])}


def day_range(value: str) -> tuple[int, int]:
    """First and last day (proleptic ordinals) a YYYY, YYYY-MM or YYYY-MM-DD date covers.

    >>> [dt.date.fromordinal(d).isoformat() for d in day_range("2026-02")]
    ['2026-02-01', '2026-02-28']
    """
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    month = parts[1]
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1).toordinal(), dt.date(year, month, last).toordinal()
    day = dt.date(year, month, parts[2]).toordinal()
    return day, day


def _mark(node: dict) -> dict | None:
    """Where a node lies in time, or None when it has no date or bound."""
    if node["date"]:
        start, end = day_range(node["date"])
        shape, text = ("point" if start == end else "range"), node["date"]
    elif node["not_before"] or node["not_after"]:
        start = day_range(node["not_before"])[0] if node["not_before"] else None
        end = day_range(node["not_after"])[1] if node["not_after"] else None
        shape = "range" if start is not None and end is not None else ("open-end" if end is None else "open-start")
        if start is not None and end is not None:
            text = f"between {node['not_before']} and {node['not_after']}"
        else:
            text = f"not before {node['not_before']}" if end is None else f"not after {node['not_after']}"
    else:
        return None
    source = node["label"] if node["cls"] == "source" else "; ".join(node["sources"])
    return {"id": node["id"], "lane": node["cls"] if node["cls"] in LANES else "other", "shape": shape,
            "start": start, "end": end, "text": text, "date_text": node["date_text"],
            "source": source or "case data", "draft": node["draft"]}


def timeline(nodes: list[dict], edges: list[dict]) -> dict:
    """Dated items as marks on lanes, undated ones with their words, and conflicts.

    A *conflict* joins the marks of two records judged to be the same item
    whose dates differ: one item, two dates, each with its source.

    >>> nodes = [dict(id=i, label=i, cls="incident", draft=False, sources=["S" + i], date_text="",
    ...               date=d, not_before="", not_after="") for i, d in (("a", "2026-03-02"), ("b", "2026-03"))]
    >>> nodes.append(dict(nodes[0], id="c", date="", date_text="earlier this month"))
    >>> t = timeline(nodes, [{"source": "a", "target": "b", "kind": "judged-same"}])
    >>> [(m["id"], m["shape"]) for m in t["marks"]], t["undated"], t["conflicts"]
    ([('a', 'point'), ('b', 'range')], [{'id': 'c', 'date_text': 'earlier this month'}], [['a', 'b']])
    """
    marks, undated = [], []
    for node in nodes:
        if node["cls"] in _NOT_DATED:
            continue
        mark = _mark(node)
        if mark:
            marks.append(mark)
        elif node["date_text"]:
            undated.append({"id": node["id"], "date_text": node["date_text"]})
    placed = {m["id"]: m for m in marks}
    conflicts = sorted(
        sorted((e["source"], e["target"])) for e in edges
        if e["kind"] == "judged-same" and e["source"] in placed and e["target"] in placed
        and (placed[e["source"]]["start"], placed[e["source"]]["end"])
        != (placed[e["target"]]["start"], placed[e["target"]]["end"]))
    known = [d for m in marks for d in (m["start"], m["end"]) if d is not None]
    span = [min(known), max(known)] if known else []
    lanes = [lane for lane in LANES if any(m["lane"] == lane for m in marks)]
    return {"marks": marks, "undated": undated, "conflicts": conflicts, "span": span, "lanes": lanes}


def opening_view(node_count: int, board: dict, line: dict, unresolved: list[dict], threshold: int,
                 hub: str | None = None) -> dict:
    """Which view the page opens on: the whole graph only up to ``threshold`` nodes.

    Above it: the stance board, else the graph focused on the first unresolved
    item, else the timeline, else the graph focused on ``hub`` (the most
    connected node) and its neighbours.

    >>> opening_view(126, {"rows": [1]}, {"marks": []}, [], 60)
    {'view': 'board'}
    >>> opening_view(500, {"rows": []}, {"marks": []}, [{"id": "u1", "nodes": ["a"]}], 60)
    {'view': 'graph', 'item': 'u1'}
    """
    if node_count <= threshold:
        return {"view": "graph"}
    if board["rows"]:
        return {"view": "board"}
    focusable = [item for item in unresolved if item["nodes"]]
    if focusable:
        return {"view": "graph", "item": focusable[0]["id"]}
    if line["marks"]:
        return {"view": "timeline"}
    return {"view": "graph", "node": hub} if hub else {"view": "graph"}
