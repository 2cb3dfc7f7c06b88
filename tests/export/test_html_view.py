"""The view dict for the HTML page: classes, stance edges, candidates, judgements, unresolved items."""

from __future__ import annotations

import json

from kg.export.html_view import graph_view
from kg.build import load_cases
from kg.export.html import CLASSES, EDGE_KINDS, render_html
from kg.store import open_graph
from tests.analysis.conftest import ACME, BASE, acme, acme_graph, build_into, store  # noqa: F401 (fixtures)
from tests.helpers import copy_case

A = BASE + "acme/"


def test_view_follows_the_page_schema(acme_graph):
    view = graph_view(acme_graph)
    nodes = {n["id"]: n for n in view["nodes"]}
    edges = {e["id"]: e for e in view["edges"]}
    assert {n["cls"] for n in nodes.values()} <= set(CLASSES)
    assert {e["kind"] for e in edges.values()} <= set(EDGE_KINDS)
    assert (nodes[A + "jane-roe"]["cls"], nodes[A + "assistant"]["cls"], nodes[A + "wire"]["cls"]) == ("person", "system", "source")
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges.values())
    for item in view["unresolved"]:
        assert set(item["nodes"]) <= set(nodes) and set(item["edges"]) <= set(edges)
    assert [(u["kind"], u["label"]) for u in view["unresolved"]] == [
        ("candidate", "Checkout outage ~ Assistant-linked disruption"),
        ("contested", "Senior review is required for AI-assisted changes."),
        ("question", "Are the checkout outage and the assistant-linked disruption one event?"),
        ("question", "Does Acme require senior review of AI-assisted changes?"),
    ]
    assert "<html" in render_html(view)


def test_assertions_hang_between_party_and_proposition(acme_graph):
    view = graph_view(acme_graph)
    assertion = next(n for n in view["nodes"] if n["label"] == "“no such rule exists”")
    assert (assertion["cls"], assertion["stance"], assertion["parties"]) == ("assertion", "denies", ["Acme"])
    stance_edges = sorted((e["source"], e["label"], e["target"]) for e in view["edges"] if e["kind"] == "stance" and assertion["id"] in (e["source"], e["target"]))
    assert stance_edges == [(A + "acme", "denies", assertion["id"]), (assertion["id"], "on", A + "review-required")]
    [entry] = assertion["assertions"]
    assert entry == {"party": "Acme", "stance": "denies", "quote": "no such rule exists", "source_title": "Acme checkout fails twice in a week",
                     "source_date": "2026-03-06", "source_url": "https://example.org/wire/acme",
                     "date": "2026-03-06", "voice": "Acme", "superseded": False, "group": "Acme"}


def test_candidates_are_edges_until_judged(store, tmp_path):
    build_into(store, ACME)
    [candidate] = [e for e in graph_view(open_graph(store))["edges"] if e["kind"] == "candidate"]
    assert (candidate["source"], candidate["target"], candidate["label"]) == (A + "outage-a", A + "outage-b", "likely the same (0.99)")
    [panel] = [u for u in graph_view(open_graph(store))["unresolved"] if u["kind"] == "candidate"]
    assert panel["waterfall"][0] == {"comparison": "prior", "level": "", "weight": -0.893, "detail": "", "via": []}
    assert {"comparison": "mechanism", "level": "different", "weight": -2.103, "detail": "Checkout deployment vs AI-assisted change",
            "via": []} in panel["waterfall"]
    assert panel["detail"].startswith("Incident, likely the same (0.99); -0.89 prior; ")
    assert panel["detail"].endswith("; = +7.50 match weight")
    case = copy_case(tmp_path, ACME, "judged")
    (case / "judgements.yaml").write_text("judgements:\n  - pair: [outage-a, outage-b]\n    judgement: unsure\n", encoding="utf-8")
    build_into(store, case)
    view = graph_view(open_graph(store))
    kinds = sorted(e["kind"] for e in view["edges"] if {e["source"], e["target"]} == {A + "outage-a", A + "outage-b"})
    assert kinds == ["judged-unsure"]
    [item] = [u for u in view["unresolved"] if u["kind"] == "candidate"]
    assert any(view_edge["kind"] == "judged-unsure" for view_edge in view["edges"] if view_edge["id"] in item["edges"])


def test_view_is_the_same_from_every_store(acme_graph):
    assert json.dumps(graph_view(acme_graph)) == json.dumps(graph_view(load_cases([ACME])[0]))


def test_the_page_says_what_the_exports_hold_that_it_leaves_out(acme_graph):
    """The count gap: GraphML holds the projection; the view's record says which of it the page leaves out."""
    import io

    import networkx as nx

    from kg.export.graphml import serialize

    view = graph_view(acme_graph)
    exported = nx.read_graphml(io.BytesIO(serialize(acme_graph).encode("utf-8")))
    record = view["record"]
    assert (record["nodes"], record["edges"]) == (exported.number_of_nodes(), exported.number_of_edges())
    left_nodes = sum(count for _, count in record["left_out_nodes"])
    left_edges = sum(count for _, count in record["left_out_edges"])
    added = sum(count for _, count in record["added_edges"])
    assert len(view["nodes"]) == record["nodes"] - left_nodes
    assert len(view["edges"]) == record["edges"] - left_edges + added
    assert left_edges > 0 and dict(record["left_out_edges"]).get("read in", 0) > 0  # provenance is in the panels
    assert dict(record["added_edges"]) == {"candidate": 1}  # the unjudged pair, drawn only on the page
