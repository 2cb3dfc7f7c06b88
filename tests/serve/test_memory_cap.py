"""A query that would take a worker's memory without bound is stopped at the cap, and the endpoint goes on."""

from __future__ import annotations

import requests

from kg.server import Endpoint, Limits
from kg.store import parse_location

#: sorts the cross product of every triple with every other: hundreds of MB for the mini case
GREEDY = "SELECT ?a ?c ?d ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a ?d"


def test_a_query_past_the_memory_cap_is_a_503_and_the_worker_is_replaced(built):
    store, exports = built
    limits = Limits(timeout=60, max_rows=10, memory_mb=64)
    with Endpoint(parse_location(store), port=0, exports=exports, limits=limits, workers=1) as running:
        answer = requests.get(running.sparql_url, params={"query": GREEDY}, timeout=120)
        assert answer.status_code == 503, answer.text[:300]
        assert "64 MB" in answer.text and "narrow the query or add LIMIT" in answer.text
        after = requests.get(running.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=120)
        assert (after.status_code, after.json()["boolean"]) == (200, True)
