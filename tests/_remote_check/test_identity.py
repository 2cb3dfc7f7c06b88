"""Identity candidates: the known pair, nothing for unrelated items, blocking that never compares every pair."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import identity
from kg.analysis.identity import identity_candidates
from kg.analysis.nxgraph import project
from kg.build import load_cases
from tests._remote_check.conftest import BASE, UNRELATED

A = BASE + "acme/"


def test_the_two_checkout_failures_are_the_one_candidate(acme_projection):
    [candidate] = identity_candidates(acme_projection)
    assert (candidate.left.iri, candidate.right.iri, candidate.cls) == (A + "outage-a", A + "outage-b", "Incident")
    assert candidate.score == 6.772
    assert [s.describe() for s in candidate.shared] == [
        "about ← The checkout outage and the assistant-linked disruption are one event.",
        "affected → Acme",
        "affected → Acme checkout",
        "discussed at → Weekly ops review",
    ]
    assert [s.weight for s in candidate.shared] == [1.443] * 4
    assert candidate.time == "dates overlap: 2026-03-02 and 2026-03-01..2026-03-05"
    assert candidate.against == ("different mechanism: Checkout deployment vs AI-assisted change",)
    assert [(a.party.label, a.stance, a.quote, a.source.label) for a in candidate.assertions] == [
        ("The Wire", "hedges", "may be one and the same", "The Wire on Acme's checkout failures")]
    assert (candidate.judgement, candidate.judged) == (None, False)
    assert candidate.to_dict()["pair"] == ["outage-a", "outage-b"]


def test_an_incident_that_shares_nothing_is_never_a_candidate(acme_projection):
    paired = {n for c in identity_candidates(acme_projection, min_score=0) for n in (c.left.iri, c.right.iri)}
    assert A + "far-outage" not in paired


def test_two_incidents_that_share_only_a_date_are_not_candidates():
    g = project(load_cases([UNRELATED])[0])
    assert identity_candidates(g, min_score=0) == []


def test_a_reply_is_never_the_same_as_the_post_it_answers(acme_projection):
    pairs = {(c.left.iri, c.right.iri) for c in identity_candidates(acme_projection, min_score=0)}
    assert (A + "jane-post", A + "john-reply") not in pairs


def test_min_score_drops_weak_pairs(acme_projection):
    assert identity_candidates(acme_projection, min_score=6.8) == []


def _incidents(count: int, *, shared_hub: bool, pairs_share_meeting: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", cls="Organization", label="Hub Corp")
    for i in range(count):
        g.add_node(f"i{i}", cls="Incident", label=f"Incident {i}")
        if shared_hub:
            g.add_edge(f"i{i}", "hub", key="affected", label="affected")
        if pairs_share_meeting:
            meeting = f"m{i // 2}"
            g.add_node(meeting, cls="Meeting", label=f"Meeting {i // 2}")
            g.add_edge(f"i{i}", meeting, key="discussedAt", label="discussed at")
    return g


def _scored_pairs(monkeypatch, g, **kwargs) -> int:
    calls = []
    real = identity._time
    monkeypatch.setattr(identity, "_time", lambda a, b: calls.append(1) or real(a, b))
    identity_candidates(g, min_score=0, **kwargs)
    return len(calls)


def test_a_hub_everyone_shares_does_not_generate_pairs(monkeypatch):
    assert _scored_pairs(monkeypatch, _incidents(400, shared_hub=True, pairs_share_meeting=False), hub_cap=50) == 0


def test_pairs_come_only_from_shared_neighbours(monkeypatch):
    g = _incidents(400, shared_hub=True, pairs_share_meeting=True)
    assert _scored_pairs(monkeypatch, g, hub_cap=50) == 200  # not 400 * 399 / 2
    best = identity_candidates(g, min_score=0)[0]
    assert [s.describe() for s in best.shared] == ["discussed at → Meeting 0", "affected → Hub Corp"]
    assert best.shared[1].members == 400
