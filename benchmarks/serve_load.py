"""Latency of the SPARQL endpoint under load: 32 clients, 25 canned queries each, on loopback.

Prints requests per second and the p50, p95 and max latency. It judges
nothing; tests/serve/test_load.py checks that the same load gives no errors.

    .venv/bin/python benchmarks/serve_load.py [--clients 32] [--queries 25]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.server import Endpoint, Limits  # noqa: E402
from kg.sparql import canned_queries  # noqa: E402
from kg.store import parse_location  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--queries", type=int, default=25, help="canned queries per client")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    texts = [query.text for _, query in sorted(canned_queries().items())]
    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as scratch:
        store, exports = Path(scratch) / "store", Path(scratch) / "exports"
        build([ROOT / "tests" / "fixtures" / "cases" / "mini"], out=exports, store=store,
              documents=ROOT / "tests" / "fixtures" / "documents")
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(args.clients)
        with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=10, max_rows=5000),
                      workers=args.workers) as endpoint:

            def client(number: int) -> None:
                with requests.Session() as session:
                    start.wait()
                    for i in range(args.queries):
                        began = time.perf_counter()
                        answer = session.post(endpoint.sparql_url, data={"query": texts[(number + i) % len(texts)]},
                                              headers={"Accept": "application/sparql-results+json"}, timeout=60)
                        elapsed = time.perf_counter() - began
                        with lock:
                            latencies.append(elapsed)
                            if answer.status_code != 200:
                                failures.append(f"{answer.status_code}: {answer.text[:200]}")

            threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    print(f"load: {args.clients} clients x {args.queries} canned queries = {len(latencies)} requests in {wall:.2f} s "
          f"({len(latencies) / wall:.0f}/s) with {args.workers} workers; p50 {cuts[49] * 1000:.1f} ms, "
          f"p95 {cuts[94] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms; {len(failures)} failures")


if __name__ == "__main__":
    main()
