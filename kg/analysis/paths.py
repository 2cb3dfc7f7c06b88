"""Explanation paths: how two items are connected, hop by hop, with the source of each hop.

The projection is walked as an undirected graph, so "Musk wrote a reply" and
"the reply answers Olejnik's post" chain up whatever way the relations point.
Provenance edges (read in, quoted from, reported in, raised in) are not hops:
they are shown as each hop's evidence instead, since every assertion read in
one article would otherwise connect through it. Judgements, ``different
from`` and open questions (which ask, not state) are not connections either.
A party's assertion reads as a hop from the party, labelled by its stance.

Each hop costs 1 plus half the logs of the degrees of its ends, so a path
through a hub like the company everyone works for costs more than one
through a specific post or meeting. The cheapest path comes first; then the
hops around the items it went through cost double, and the next cheapest is
found, and so on: each path shows another way the two connect, not the
first one with a detour. Paths that cost more than :data:`STRETCH` times the
first are not worth reading and are left out.

>>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
>>> g = from_turtle('''
... :ann a kg:Person ; rdfs:label "Ann" .
... :post a kg:SocialMediaPost ; rdfs:label "Ann's post" ; dcterms:creator :ann ; schema:about :review .
... :review a kg:Meeting ; rdfs:label "Ops review" .
... :outage a kg:Incident ; rdfs:label "Outage" ; kg:discussedAt :review .
... ''')
>>> [path] = explanation_paths(g, EXAMPLE + "ann", EXAMPLE + "outage")
>>> [(hop.start.label, hop.relations, hop.end.label) for hop in path.hops]  # doctest: +NORMALIZE_WHITESPACE
[('Ann', (('author', False),), "Ann's post"), ("Ann's post", (('about', True),), 'Ops review'),
 ('Ops review', (('discussed at', False),), 'Outage')]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.analysis.evidence import EdgeEvidence, NodeRef, P, edge_evidence, node_ref
from kg.analysis.nxgraph import CLS
from rdflib import Graph

from kg.errors import QueryError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Hop", "ExplanationPath", "explanation_paths", "paths_between", "walk_graph", "STRETCH"]

_NOT_HOPS = P.provenance | {P.different_from, P.left, P.right}
_NOT_NODES = frozenset({CLS.IdentityJudgement, CLS.OpenQuestion})
_DETOUR = 2.0  # cost factor for hops around items an earlier path went through
#: Paths costing more than this many times the cheapest are left out.
STRETCH = 2.0


@dataclass(frozen=True)
class Hop:
    """One step of a path: the relation(s) between two items and what backs them."""

    start: NodeRef
    end: NodeRef
    relations: tuple[tuple[str, bool], ...]  # (label, True if it points from start to end)
    evidence: EdgeEvidence

    def to_dict(self) -> dict:
        return {
            "from": self.start.to_dict(),
            "to": self.end.to_dict(),
            "relations": [{"label": label, "forward": forward} for label, forward in self.relations],
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class ExplanationPath:
    start: NodeRef
    end: NodeRef
    hops: tuple[Hop, ...]
    cost: float

    def to_dict(self) -> dict:
        return {"from": self.start.to_dict(), "to": self.end.to_dict(), "cost": self.cost, "hops": [h.to_dict() for h in self.hops]}


def walk_graph(g: "nx.MultiDiGraph", keep: tuple[str, ...] = ()) -> "nx.Graph":
    """The undirected graph paths walk on, with a hub-penalising ``cost`` on each edge.

    Items in ``keep`` are walked even if their class is not (a question's path).
    """
    import networkx as nx

    walk = nx.Graph()
    walk.add_nodes_from(n for n, attrs in g.nodes(data=True) if attrs.get("cls") not in _NOT_NODES or n in keep)
    for u, v, key in g.edges(keys=True):
        if key in _NOT_HOPS or u not in walk or v not in walk or u == v:
            continue
        walk.add_edge(u, v)
    for u, v in walk.edges():
        walk.edges[u, v]["cost"] = 1 + (math.log(walk.degree(u)) + math.log(walk.degree(v))) / 2
    return walk


def _hop(g: "nx.MultiDiGraph", u: str, v: str) -> Hop:
    relations = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        for key, data in sorted((g.get_edge_data(a, b) or {}).items()):
            if key == P.party:  # read "Musk —asserts→ “quote”", not "“quote” —party→ Musk"
                relations.append((g.nodes[a].get("stance") or data["label"], not forward))
            elif key == P.proposition:
                relations.append(("on", forward))
            elif key not in _NOT_HOPS:
                relations.append((data["label"], forward))
    return Hop(node_ref(g, u), node_ref(g, v), tuple(relations), edge_evidence(g, u, v))


def explanation_paths(g: "nx.MultiDiGraph", start: str, end: str, *, limit: int = 3) -> list[ExplanationPath]:
    """The ``limit`` cheapest simple paths from ``start`` to ``end``; empty if they are not connected."""
    import networkx as nx

    for node in (start, end):
        if node not in g:
            raise QueryError(f"{node} is not a reviewed item of the graph")
    if start == end:
        raise QueryError("a path needs two different items")
    walk = walk_graph(g, keep=(start, end))
    if not nx.has_path(walk, start, end):
        return []
    nx.set_edge_attributes(walk, nx.get_edge_attributes(walk, "cost"), "search")
    found: list[ExplanationPath] = []
    seen: set[tuple[str, ...]] = set()
    for _ in range(limit * 3):  # a few tries, as a repeat of an earlier path is skipped
        nodes = tuple(nx.shortest_path(walk, start, end, weight="search"))
        for middle in nodes[1:-1]:
            for other in walk[middle]:
                walk.edges[middle, other]["search"] *= _DETOUR
        if nodes in seen:
            continue
        seen.add(nodes)
        cost = sum(walk.edges[a, b]["cost"] for a, b in zip(nodes, nodes[1:]))
        if found and cost > STRETCH * found[0].cost:
            break
        hops = tuple(_hop(g, a, b) for a, b in zip(nodes, nodes[1:]))
        found.append(ExplanationPath(node_ref(g, start), node_ref(g, end), hops, round(cost, 3)))
        if len(found) == limit or len(nodes) == 2:
            break
    return found


def paths_between(graph: Graph, start: str, end: str, *, limit: int = 3) -> list[ExplanationPath]:
    """Paths between two items given by label, alias, id or IRI (see :mod:`kg.names`)."""
    from kg.names import resolve
    from kg.analysis.nxgraph import project

    a, b = resolve(graph, start), resolve(graph, end)
    if a == b:
        raise QueryError(f"{start!r} and {end!r} are the same item: {a}")
    return explanation_paths(project(graph), str(a), str(b), limit=limit)
