"""Loading into a remote engine: triples per second through each bulk path, batched as a build sends them.

    python benchmarks/remote_load.py --triples 100000

A synthetic corpus (``kg synth``, seed 1) is built once into the embedded
store and its graph read back as N-Triples. Then an Oxigraph server and a
Virtuoso are started on free ports (as the tests start them), and the same
N-Triples are loaded into each with :func:`kg.remote.replace_remote`, the
call a build makes: batches into a staging graph, a count, one ``MOVE``.
Each path is timed ``--repeats`` times, the batches alone and with the
count and swap; the median counts. Figures, not
pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ntriples(triples: int, work: Path) -> list[bytes]:
    import pyoxigraph as ox

    from kg.build import build
    from kg.synth import DOCUMENTS_DIR, synthesize

    corpus = work / "corpus"
    synthesize(corpus, triples=triples, seed=1)
    build([corpus], out=None, store=str(work / "store"), documents=corpus / DOCUMENTS_DIR)
    store = ox.Store.read_only(str((work / "store" / "current").resolve()))
    lines = [f"{q.subject} {q.predicate} {q.object} .\n".encode("utf-8")
             for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
             if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("KG_REMOTE_TIMEOUT", "900")  # a MOVE of a big staging graph takes a while

    from kg.remote import parse_remote, replace_remote
    from tests.conftest import start_oxigraph, start_virtuoso, stop_process

    work = Path(tempfile.mkdtemp(prefix="kg-remote-load-"))
    lines = _ntriples(args.triples, work)
    print(f"{len(lines)} triples (without the ontology's blank nodes), batches of 4 MiB")
    engines = [("Oxigraph server, SPARQL INSERT DATA", start_oxigraph, {}),
               ("Oxigraph server, Graph Store Protocol (/store)", start_oxigraph, {"gsp": True}),
               ("Virtuoso 7.2, Graph Store Protocol (/sparql-graph-crud)", start_virtuoso, {})]
    for name, start, options in engines:
        process, server = start(work / f"data-{len(name)}-{int(time.time())}")
        try:
            location = server.location(**({"gsp": server.store_url} if options.get("gsp") else {}))
            endpoint = parse_remote(location)
            loads, totals = [], []
            for _ in range(args.repeats):
                began = time.perf_counter()
                loaded = []
                sent = replace_remote(endpoint, lines, progress=lambda n: loaded.append(time.perf_counter()))
                totals.append(time.perf_counter() - began)
                loads.append(loaded[-1] - began)
            load, total = statistics.median(loads), statistics.median(totals)
            print(f"{name:<58} load {load:7.2f} s {sent / load:10,.0f} triples/s; with count and swap {total:7.2f} s "
                  f"{sent / total:10,.0f} triples/s", flush=True)
        finally:
            stop_process(process)


if __name__ == "__main__":
    main()
