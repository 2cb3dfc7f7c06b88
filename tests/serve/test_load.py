"""A bounded load test on loopback: 32 clients, 25 canned queries each, no errors.

It asserts nothing about time; benchmarks/serve_load.py prints the
latency figures of the same load.
"""

from __future__ import annotations

import threading
import time

import pytest
import requests

from kg.server import Endpoint, Limits
from kg.sparql import canned_queries
from kg.store import parse_location

CLIENTS = 32
QUERIES_EACH = 25


@pytest.fixture(scope="module")
def roomy(built):
    """The shared endpoint's workers and row cap, with a budget no canned query outlasts even on a loaded machine:
    this test is about concurrency, not the timeout (tests/serve/test_limits.py holds that), and at load 10 on two
    cores 32 clients queued behind two workers outlasted the shared endpoint's 10 s."""
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=120, max_rows=5000), workers=2,
                  yasgui=None) as running:
        yield running


def test_32_clients_25_canned_queries_each(roomy):
    endpoint = roomy
    texts = [query.text for _, query in sorted(canned_queries().items())]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(number: int) -> None:
        with requests.Session() as session:
            start.wait()
            for i in range(QUERIES_EACH):
                text = texts[(number + i) % len(texts)]
                began = time.perf_counter()
                try:
                    answer = session.post(endpoint.sparql_url, data={"query": text}, headers={"Accept": "application/sparql-results+json"}, timeout=300)
                    answer.json()
                    ok = answer.status_code == 200
                    problem = f"{answer.status_code}: {answer.text[:200]}"
                except Exception as e:  # every failure is counted, not raised in a thread
                    ok, problem = False, repr(e)
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        failures.append(problem)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(latencies) == CLIENTS * QUERIES_EACH
