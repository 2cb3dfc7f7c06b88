"""Canned queries on one built store: read from the build's summaries, and as written, side by side.

    python benchmarks/queries.py --store /tmp/kg-benchmark/size-1000000/run-oxigraph/store
    python benchmarks/queries.py --store STORE --focus IRI   # and the focused page

Each canned query is timed as ``kg query`` runs it (``kg.query.run_query``,
every row made into rdflib terms), the median of ``--repeats`` runs; then the
same text run by the engine over the whole store (``--reference``, once, with
``--timeout``), and the engine's plain 2-hop join (the anchor of
``benchmarks/run.py``), all in the same run. Wall seconds and CPU seconds of
the process are both printed: on a shared machine the CPU time moves less.
With ``--focus``, the focused page (``kg html --focus IRI --depth 2``) is timed
from an opened store to the written file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ANCHOR_JOIN, _timed  # noqa: E402  (benchmarks/run.py: the same anchor, a fork per timed step)


def _clocked(fn):
    """(wall, cpu) seconds of ``fn()`` and its value."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return [time.perf_counter() - wall, time.process_time() - cpu, value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="Seconds before one run is given up.")
    parser.add_argument("--reference", action=argparse.BooleanOptionalAction, default=True,
                        help="Also run each summarised query's text as written (the engine over the whole store).")
    parser.add_argument("--focus", default=None, help="An item's IRI: also time its focused page, 2 hops.")
    parser.add_argument("--only", default=None, help="Comma-separated query names (default: every canned query).")
    args = parser.parse_args()

    from rdflib import Graph, Literal, URIRef

    from kg.query import run_query
    from kg.sparql import canned_queries
    from kg.store import open_graph
    from kg.summaries import SUMMARISED, summarised

    def graph():
        return open_graph(args.store)  # in each forked copy

    incident = URIRef("https://w3id.org/kg/id/synth-00000/incident-0")  # as benchmarks/run.py binds them
    bindings = {"find-entity": {"name": Literal("Globex")}, "who-asserts": {"entity": incident}}

    seconds, join = _timed(lambda g: _clocked(lambda: sum(1 for _ in g.store._inner.query(ANCHOR_JOIN))), args.timeout, prepare=graph)
    print(f"anchor: 2-hop join {join[0]:.2f} s wall, {join[1]:.2f} s cpu, {join[2]} rows", flush=True)
    names = args.only.split(",") if args.only else list(canned_queries())
    print(f"{'query':<22}{'rows':>8}{'p50 wall':>10}{'p50 cpu':>9}{'/join':>7}   as written (engine): wall, cpu")
    for name in names:
        list(run_query(Graph(), name, bindings.get(name)))  # parsed once, as a long-running process would
        runs = []
        for _ in range(args.repeats):
            _, clocked = _timed(lambda g: _clocked(lambda: len(list(run_query(g, name, bindings.get(name))))), args.timeout, prepare=graph)
            if clocked is None:
                break
            runs.append(clocked)
        if not runs:
            print(f"{name:<22}{'':>8}{'over':>10}", flush=True)
            continue
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        line = f"{name:<22}{runs[0][2]:>8}{wall:>10.3f}{cpu:>9.3f}{wall / join[0]:>7.2f}"
        with_summary = summarised(open_graph(args.store).store._inner, name, bindings.get(name)) if name in SUMMARISED else False
        if args.reference and with_summary:
            text = canned_queries()[name].text
            _, reference = _timed(lambda g: _clocked(lambda: len(list(g.query(text, initBindings=bindings.get(name) or {})))),
                                  args.timeout, prepare=graph)
            line += (f"   {reference[0]:.3f}, {reference[1]:.3f} ({reference[2]} rows)" if reference else f"   over {args.timeout:g} s")
        elif name in SUMMARISED and not with_summary:
            line += "   (no summary in this store)"
        print(line, flush=True)
    if args.focus:
        from kg.export.html import write_page

        out = Path(os.environ.get("TMPDIR", "/tmp")) / "kg-focus.html"
        _, page = _timed(lambda: _clocked(lambda: len(write_page(open_graph(args.store), out, focus=(args.focus,), depth=2)["nodes"])),
                         args.timeout)
        print(f"focused page {page[0]:.2f} s wall, {page[1]:.2f} s cpu, {page[2]} nodes" if page else f"focused page over {args.timeout:g} s")


if __name__ == "__main__":
    main()
