"""The one projection: the same networkx graph from every store, built by SPARQL alone."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.analysis.nxgraph import project
from kg.build import load_cases
from tests._remote_check.conftest import ACME, BASE

A = BASE + "acme/"


def _shape(g):
    return list(g.nodes(data=True)), list(g.edges(keys=True, data=True))


def test_every_store_gives_the_same_projection(acme_graph):
    in_memory = load_cases([ACME])[0]
    assert _shape(project(acme_graph)) == _shape(project(in_memory))


def test_nodes_carry_what_the_analyses_read(acme_projection):
    g = acme_projection
    assert g.nodes[A + "outage-a"]["date"] == "2026-03-02"
    assert (g.nodes[A + "outage-b"]["not_before"], g.nodes[A + "outage-b"]["not_after"]) == ("2026-03-01", "2026-03-05")
    assert g.nodes[A + "acme"]["aliases"] == ["Acme Corp."]
    assert g.nodes[A + "assistant"]["class_label"] == "AI system"
    assert g.nodes[A + "assistant"]["kinds"] == ["AISystem", "Agent", "Entity", "System"]
    assertion = next(n for n, d in g.nodes(data=True) if d.get("quote") == "no such rule exists")
    assert {k: g.nodes[assertion][k] for k in ("cls", "stance", "polarity", "label", "confidence")} == {
        "cls": "Assertion", "stance": "denies", "polarity": -1, "label": "“no such rule exists”", "confidence": 1.0}


def test_edges_are_labelled_with_the_ontology_names(acme_projection):
    g = acme_projection
    labels = sorted(d["label"] for _, _, d in g.out_edges(A + "outage-b", data=True))
    assert labels == ["affected", "affected", "discussed at", "involved", "mechanism"]


def test_only_reviewed_items_are_projected(acme_projection):
    quotes = {d.get("quote") for _, d in acme_projection.nodes(data=True)}
    assert "the assistant played no part" not in quotes  # status: pending
    assert "the assistant wrote the faulty change" in quotes


def test_projection_queries_the_store_and_never_walks_its_triples(tmp_path, monkeypatch):
    from kg.store import open_graph, replace_graph

    replace_graph(load_cases([ACME])[0], tmp_path / "store")
    graph = open_graph(tmp_path / "store")

    def refuse(*args, **kwargs):
        raise AssertionError("the projection walked the triples in Python")

    monkeypatch.setattr(Graph, "triples", refuse)
    assert project(graph).number_of_nodes() == 35  # 20 entities and sources, 5 propositions, 7 reviewed assertions, 3 questions
