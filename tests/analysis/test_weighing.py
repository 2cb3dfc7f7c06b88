"""Weighing all the pairs at once gives the weight each pair gets weighed alone, on every evaluation case."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.analysis.comparisons import Context, profiles
from kg.analysis.identity import _blocked_pairs, _judgements
from kg.analysis.nxgraph import project
from kg.analysis.weighing import one_pair, weigh_pairs
from kg.analysis.weights import estimate
from kg.build import load_cases

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "identity"
CASES = sorted(p.parent for p in BENCH.glob("*/*/case.yaml"))


@pytest.mark.parametrize("folder", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_the_batch_weighs_every_pair_as_it_weighs_one(folder):
    g = project(load_cases([folder])[0])
    items = profiles(g)
    pairs = sorted(_blocked_pairs(g, items, 50, False, 64))
    ctx = Context(g, items)
    weights = estimate(g, items, ctx, _judgements(g))
    batch = weigh_pairs(pairs, items, ctx, weights)
    assert len(pairs) > 20
    assert batch == {pair: one_pair(items[pair[0]], items[pair[1]], ctx, weights) for pair in pairs}


def test_a_family_counts_once_each_way_the_same_for_one_pair_as_for_many():
    import numpy as np

    from kg.analysis.weights import strongest, strongest_one

    rng = np.random.default_rng(7)
    weights = rng.choice([-3.7, -1.2, -0.5, 0.0, 0.4, 1.1, 2.3], size=(3, 400))
    said = rng.random((3, 400)) > 0.2
    best, high, low = strongest(weights, said)
    for j in range(400):
        one = strongest_one(list(weights[:, j]), list(said[:, j]))
        assert one == (int(high[j]), int(low[j]))
        assert best[j] == sum(weights[k, j] for k in one if k >= 0)
    assert (high >= 0).any() and (low >= 0).any() and ((high >= 0) & (low >= 0)).any()


def test_m_is_a_class_own_where_the_class_has_enough_pairs_and_pooled_where_it_has_few():
    from kg.analysis.nxgraph import from_turtle

    g = from_turtle("""
:ann a kg:Person ; rdfs:label "Ann Vale" .  :bob a kg:Person ; rdfs:label "Bob Ode" .
:acme a kg:Organization ; rdfs:label "Acme" .  :globex a kg:Organization ; rdfs:label "Globex" .
""")
    items = profiles(g)
    ctx = Context(g, items)

    def different(people_pairs: int) -> tuple[float, float]:
        weights = estimate(g, items, ctx, {}, also_same={("Person", "name"): {"different": people_pairs}})
        return weights[("name", "Person")]["different"], weights[("name", "Organization")]["different"]

    person, organization = different(2)  # fewer than `strength` (8) pairs: the pooled m for every class
    assert person == organization
    person, organization = different(40)  # enough: the people's own pairs, at `different`, teach the people's m
    assert person > organization
