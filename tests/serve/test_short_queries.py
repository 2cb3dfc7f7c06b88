"""Heavy queries cannot starve short ones: one worker is always kept for queries that answer within a second."""

from __future__ import annotations

import threading
import time

import requests

from kg.server import Endpoint, Limits
from kg.store import parse_location
from tests.serve.conftest import SLOW_QUERY


def test_as_many_heavy_queries_as_workers_leave_one_for_a_short_query(built):
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=8), workers=2) as running:
        heavy: list[requests.Response] = []

        def send():
            heavy.append(requests.get(running.sparql_url, params={"query": SLOW_QUERY}, timeout=60))

        senders = [threading.Thread(target=send) for _ in range(2)]
        for sender in senders:
            sender.start()
        # Both heavy queries are past the short allowance once one of them is refused for the reserve (the other
        # then holds the long-query slot): wait for that, not for a fixed time a loaded machine may outlast.
        deadline = time.monotonic() + 60
        while not heavy:
            assert time.monotonic() < deadline, "neither heavy query was answered within 60 s"
            time.sleep(0.05)
        short = requests.get(running.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        heavy_done_first = len(heavy)
        for sender in senders:
            sender.join()
    assert short.status_code == 200, short.text
    assert short.json()["boolean"] is True
    assert heavy_done_first < 2  # answered while a heavy query still held its worker, not after both gave up
    statuses = sorted(answer.status_code for answer in heavy)
    assert statuses == [503, 503]  # one refused for the reserve, one timed out
    assert any("one is kept for short ones" in answer.text for answer in heavy)
