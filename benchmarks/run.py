"""Corpus benchmark: the default store against rdflib's memory store, at several sizes.

    python benchmarks/run.py                       # 10k, 100k and 1M triples
    python benchmarks/run.py --sizes 10000,100000  # chosen sizes
    python benchmarks/run.py --quick               # 100k, default store only: a few minutes
    python benchmarks/run.py --quick --profile     # and where each step's time goes (cProfile)

Before the stores, each size times the engine alone on the same triples
(the N-Triples a build loads): pyoxigraph's bulk load, its Turtle dump and a
plain 2-hop join, each into an on-disk store and into memory. Every kg figure
is printed beside its ratio to the matching anchor (``oxigraph: build 20.1 s
(2.1x load disk)``), so a machine loaded by other work does not hide or fake
progress.

For each size a synthetic corpus is written (``kg synth``, seed 1, kept in
``--work`` between runs). Each store then runs in a fresh process — so its
peak RSS is its own — that builds the corpus, validates the built graph, runs
every canned query (``--repeats`` times each; the median counts), gathers
the unresolved report, exports Turtle (in the default store, a copy of the Turtle
the build kept beside the store; ``export-dump`` is the same export from a
store without it: dumped, sorted and grouped) and draws a focused HTML page (as
``kg html --focus IRI --depth 2`` does from the opened store: the focus's
case projected and reported on, the neighbourhood written). The
identity-candidate analysis is then timed on corpora of 10k and 100k
incidents. Figures, not pass/fail: the targets are printed beside them.

Every step has a budget (``--query-timeout`` for one run of a query,
``--step-timeout`` for any other step, ``--run-timeout`` for one store's
whole run): a step past it is killed and reported as "over budget" instead of
waited on, so the whole benchmark at 1M triples, both stores, fits in about
20 minutes. Every step is printed for both stores with their ratio.

The output ends with one line per size::

    size=N build_ratio=R query_p50_s=S export_s=E rss_mb=M unresolved_s=U

R is the memory store's build time over the default store's; S the median,
over repeats, of the slowest canned query on the default store; E the Turtle
export, M the peak RSS and U the unresolved report of the default store's run.

``--large 10000000`` also builds a corpus of that size in the default store
and gathers the unresolved report only, and prints both with their growth
from the largest of ``--sizes``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORES = {"default": "oxigraph", "memory": "memory"}
#: Targets at 1M triples: seconds, or (for the *_x keys) times the step's anchor, the engine alone.
TARGETS = {"build_x": 2.0, "validate_x": 1.0, "query_p50_s": 0.5, "unresolved_s": 15.0, "export_x": 1.2, "html_s": 3.0,
           "rss_mb": 1536}
OVER = "over budget"


class Over(float):
    """A step stopped at its budget; its value is the budget, a lower bound of the time it would take."""

    def __str__(self) -> str:
        return OVER


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- in the child process


PROFILE = {"on": False, "label": ""}


def _shares(stats, top: int = 8) -> list[tuple[str, float]]:
    """Own time grouped by where it is spent: a kg module, a library, the engine (pyoxigraph) or Python."""
    groups: dict[str, float] = {}
    for (filename, _, name), (_, _, own, _, _) in stats.stats.items():
        if filename == "~":
            owner = "pyoxigraph (engine)" if "pyoxigraph" in name else "python builtins"
        elif "/site-packages/" in filename:
            owner = filename.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
        elif f"{os.sep}kg{os.sep}" in filename:
            owner = "kg/" + filename.rsplit(f"{os.sep}kg{os.sep}", 1)[1]
        else:
            owner = "python stdlib"
        groups[owner] = groups.get(owner, 0.0) + own
    total = sum(groups.values()) or 1.0
    return [(owner, own / total) for owner, own in sorted(groups.items(), key=lambda kv: -kv[1])[:top]]


def _profiled(fn, label: str):
    """``fn`` under cProfile when ``--profile`` is on; where its time went is logged after it."""
    if not PROFILE["on"] or not label:
        return fn

    def run(*args, **kwargs):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        try:
            return profile.runcall(fn, *args, **kwargs)
        finally:
            shares = _shares(pstats.Stats(profile))
            log(f"      profile {PROFILE['label']}{label}: " + ", ".join(f"{o} {100 * f:.0f}%" for o, f in shares))

    return run


def _timed(fn, budget: float | None = None, prepare=None, label: str = ""):
    """(seconds, value) of ``fn()``, run in a forked copy of this process; (None, None) past ``budget``.

    A fork, because a query running inside Oxigraph (Rust) cannot be
    interrupted from Python; the copy is killed instead. ``value`` must be
    JSON. The copy shares this process's memory, so nothing is reloaded.
    ``prepare()``, if given, runs in the copy before the clock starts and its
    result is passed to ``fn``.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy
        os.close(read)
        try:
            prepared = prepare() if prepare else None
            fn = _profiled(fn, label)
            started = time.perf_counter()
            value = fn(prepared) if prepare else fn()
            payload = json.dumps([time.perf_counter() - started, value])
        except BaseException as e:  # reported, not raised: this is a throwaway process
            payload = json.dumps([None, f"failed: {e!r}"])
        try:
            with os.fdopen(write, "w") as out:
                out.write(payload)
        except BrokenPipeError:  # the run that waited for it has gone (interrupted): nothing to report to
            os._exit(1)
        sys.stderr.flush()
        os._exit(0)
    os.close(write)
    ready, _, _ = select.select([read], [], [], budget)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)
        return None, None
    with os.fdopen(read) as answer:
        text = answer.read()
    os.waitpid(pid, 0)
    seconds, value = json.loads(text) if text else (None, None)
    if seconds is None and value:
        log(f"    {value}")
    return seconds, value


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the build's worker processes
    return round(max(own, children) / 1024, 1)


def _emit(**record) -> None:
    print(json.dumps(record), flush=True)


def _analyse(graph) -> int:
    """The unresolved report, as ``kg unresolved`` gathers it; the count of identity candidates."""
    from kg.analysis.report import unresolved

    return len(unresolved(graph).candidates)


def child(args) -> None:
    """One store's run over one corpus; each figure is printed as a JSON line as soon as it is known."""
    from rdflib import Graph, Literal, URIRef

    from kg.build import build
    from kg.query import run_query
    from kg.sparql import canned_queries
    from kg.store import open_graph
    from kg.synth import DOCUMENTS_DIR

    corpus = Path(args.corpus)
    work = Path(args.work)
    location = str(work / "store") if args.store == "oxigraph" else "memory"
    if args.profile:
        os.environ["KG_BUILD_WORKERS"] = "1"  # the profile sees only this process
    # As `kg build` does: into the store, and kg.ttl into the output folder. In this process:
    # the memory store lives here.
    PROFILE.update(on=args.profile, label=f"{args.store}: ")
    started = time.perf_counter()
    result = _profiled(build, "build")([corpus], out=work / "out", store=location, documents=corpus / DOCUMENTS_DIR)
    _emit(step="build", seconds=time.perf_counter() - started, triples=result.triples, phases=result.timings,
          rss_mb=_peak_rss_mb())
    del result

    def graph():
        return open_graph(location)  # in each forked copy: Oxigraph's handle must not cross a fork

    from kg.validate import validate_graph

    if args.only_unresolved:
        seconds, candidates = _timed(lambda g: _analyse(g), args.step_timeout, prepare=graph, label="unresolved")
        _emit(step="unresolved", seconds=seconds, candidates=candidates, over=seconds is None and candidates is None,
              budget=args.step_timeout)
        _emit(step="done", rss_mb=_peak_rss_mb())
        return

    seconds, conforms = _timed(lambda g: validate_graph(g).conforms, args.step_timeout, prepare=graph, label="validate")
    _emit(step="validate", seconds=seconds, conforms=conforms, over=seconds is None and conforms is None,
          budget=args.step_timeout)

    incident = URIRef("https://w3id.org/kg/id/synth-00000/incident-0")
    bindings = {"find-entity": {"name": Literal("Globex")}, "who-asserts": {"entity": incident}}

    for name in canned_queries():
        # Parsed and checked once here, as a long-running process would (an empty graph in rdflib's
        # engine: no store handle crosses the fork); the forks inherit the caches.
        list(run_query(Graph(), name, bindings.get(name)))
        times, rows, over = [], None, False
        for _ in range(args.repeats):
            seconds, rows = _timed(lambda g: len(list(run_query(g, name, bindings.get(name)))), args.query_timeout,
                                  prepare=graph, label=f"query {name}" if not times else "")
            if seconds is None:
                times, over = None, rows is None
                break
            times.append(seconds)
        _emit(step="query", name=name, p50=statistics.median(times) if times else None, rows=rows, over=over, budget=args.query_timeout)

    try:
        from kg.export.html import write_page
    except ImportError as e:
        _emit(step="unresolved", seconds=None, note=f"skipped: {e}")
        _emit(step="html", seconds=None, note=f"skipped: {e}")
        analyses = False
    else:
        analyses = True

        seconds, candidates = _timed(_analyse, args.step_timeout, prepare=graph, label="unresolved")
        _emit(step="unresolved", seconds=seconds, candidates=candidates, over=seconds is None and candidates is None,
              budget=args.step_timeout)

    from kg.export import turtle

    seconds, size = _timed(lambda g: (turtle.write(g, work / "kg.ttl"), (work / "kg.ttl").stat().st_size)[1], args.step_timeout,
                           prepare=graph, label="export")
    _emit(step="export", seconds=seconds, bytes=size, over=seconds is None and size is None, budget=args.step_timeout)
    if args.store == "oxigraph":
        # The same export from a store whose build kept no Turtle beside it (kg.backends): dumped, sorted, grouped.
        from kg.backends import OxigraphBackend, oxigraph_of

        def dumped(g):
            OxigraphBackend(store=oxigraph_of(g)).dump_turtle(g, work / "dumped.ttl")
            return (work / "dumped.ttl").stat().st_size

        seconds, size = _timed(dumped, args.step_timeout, prepare=graph, label="export-dump")
        _emit(step="export-dump", seconds=seconds, bytes=size, over=seconds is None and size is None, budget=args.step_timeout)

    if analyses:
        def draw(g):
            # As `kg html --focus IRI --depth 2` does once the store is open: the focus's case projected,
            # its report gathered, the neighbourhood drawn and written.
            return len(write_page(g, work / "incident.html", focus=(str(incident),), depth=2, title="benchmark")["nodes"])

        seconds, nodes = _timed(draw, args.step_timeout, prepare=graph, label="html")
        _emit(step="html", seconds=seconds, nodes=nodes, over=seconds is None and nodes is None, budget=args.step_timeout)
    _emit(step="done", rss_mb=_peak_rss_mb())


def identity_child(args) -> None:
    """Time the identity-candidate analysis on a built incident corpus."""
    from kg.build import build
    from kg.store import open_graph

    try:
        from kg.analysis.nxgraph import project
    except ImportError as e:
        _emit(step="identity", seconds=None, note=f"skipped: {e}")
        return
    location = str(Path(args.work) / "store")
    build([Path(args.corpus)], out=None, store=location)
    projected = project(open_graph(location))
    incidents = sum(1 for _, attrs in projected.nodes(data=True) if attrs.get("cls") == "Incident")
    from kg.analysis.identity import find_candidates

    def candidates_and_steps() -> list:  # runs in a forked copy: the steps and the CPU time come back with the count
        steps: dict[str, float] = {}
        began = time.process_time()
        count = len(find_candidates(projected, timings=steps).candidates)
        return [count, {k: round(v, 2) for k, v in steps.items()}, round(time.process_time() - began, 2)]

    seconds, found = _timed(candidates_and_steps, args.step_timeout)
    count, steps, cpu = found if isinstance(found, list) else (found, {}, None)
    _emit(step="identity", seconds=seconds, cpu=cpu, incidents=incidents, candidates=count, rss_mb=_peak_rss_mb(), steps=steps)


#: The plain 2-hop join of the anchors: each assertion's party and the party's label.
ANCHOR_JOIN = ("SELECT ?assertion ?label WHERE { ?assertion <https://w3id.org/kg/ontology#party> ?party . "
               "?party <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
#: Which anchor each kg step is divided by (the anchor of the same kind of store: on disk or in memory).
ANCHOR_OF = {"build": "load", "validate": "load", "unresolved": "load", "export": "dump", "export-dump": "dump", "query": "join",
             "html": "join"}


def anchor_child(args) -> None:
    """The engine alone on kg's triples: bulk load, Turtle dump and a 2-hop join, on disk and in memory.

    The N-Triples are the ones a build loads (every case read, not checked),
    written to a file first, untimed. Each figure is the median of
    ``--repeats`` runs (at most 3; once for 50 MB of N-Triples and more).
    """
    import shutil

    import pyoxigraph as ox

    from kg.build import _ontology_chunk, case_chunks, find_cases
    from kg.synth import DOCUMENTS_DIR
    from kg.vocab import PREFIXES

    corpus, work = Path(args.corpus), Path(args.work)
    source = work / "graph.nt"
    with open(source, "wb") as out:
        out.write(_ontology_chunk()[0])
        for chunk in case_chunks(find_cases([corpus]), documents=corpus / DOCUMENTS_DIR, validate=False):
            out.write(chunk.ntriples)
    repeats = max(1, min(args.repeats, 3 if source.stat().st_size < 50 << 20 else 1))  # 1M triples: once
    for place in ("disk", "memory"):
        loads, dumps, joins, rows = [], [], [], 0
        for _ in range(repeats):
            folder = work / "raw-store"
            shutil.rmtree(folder, ignore_errors=True)
            started = time.perf_counter()
            store = ox.Store(str(folder)) if place == "disk" else ox.Store()
            store.bulk_load(path=str(source), format=ox.RdfFormat.N_TRIPLES)
            store.flush()
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.dump(str(work / "raw.ttl"), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
            dumps.append(time.perf_counter() - started)
            started = time.perf_counter()
            rows = sum(1 for _ in store.query(ANCHOR_JOIN))
            joins.append(time.perf_counter() - started)
            del store
        for name, times in (("load", loads), ("dump", dumps), ("join", joins)):
            _emit(step="anchor", name=f"{name} {place}", seconds=statistics.median(times), rows=rows if name == "join" else None)
    shutil.rmtree(work / "raw-store", ignore_errors=True)


# ---------------------------------------------------------------- in the parent


def corpus_for(work: Path, seed: int, triples: int | None = None, incidents: int | None = None) -> Path:
    from kg.synth import synthesize

    name = f"corpus-t{triples}-s{seed}" if incidents is None else f"corpus-i{incidents}-s{seed}"
    folder = work / name
    marker = folder / ".kg-synth"
    wanted = f"kg synth --triples {triples or 1_000_000} --seed {seed}" + (f" --incidents {incidents}" if incidents else "") + "\n"
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == wanted):
        log(f"writing corpus {folder}")
        synthesize(folder, triples=triples or 1_000_000, seed=seed, incidents=incidents)
    return folder


def _versus(step: str, value, store: str, anchors: dict | None) -> str:
    """``(6.9x load disk)``: a step's figure over its anchor, the engine alone on the same store kind."""
    name = ANCHOR_OF.get(step)
    if not anchors or not name or not isinstance(value, (int, float)) or isinstance(value, Over):
        return ""
    anchor = anchors.get(f"{name} {'memory' if store == 'memory' else 'disk'}", {}).get("seconds")
    return f" ({value / anchor:.1f}x {name} {'memory' if store == 'memory' else 'disk'})" if anchor else ""


def run_child(mode: str, corpus: Path, store: str, work: Path, args, anchors: dict | None = None) -> dict:
    """Run one child; collect its JSON lines (whatever it printed before a timeout)."""
    run_dir = work / f"run-{store}"
    if run_dir.exists():
        import shutil

        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    command = [sys.executable, __file__, mode, "--corpus", str(corpus), "--store", store, "--work", str(run_dir),
               "--repeats", str(args.repeats), "--query-timeout", str(args.query_timeout), "--step-timeout", str(args.step_timeout)]
    if mode == "child" and getattr(args, "only_unresolved", False):
        command.append("--only-unresolved")
    if getattr(args, "profile", False):
        command.append("--profile")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    records: dict = {"queries": {}, "anchors": {}}
    deadline = time.monotonic() + args.run_timeout
    try:
        for line in process.stdout:
            record = json.loads(line)
            step = record.pop("step")
            if step == "query":
                records["queries"][record["name"]] = record
            elif step == "anchor":
                records["anchors"][record["name"]] = record
            else:
                records[step] = record
            value = record.get("seconds", record.get("p50"))
            shown = OVER if record.get("over") else f"{_fmt(value)} s"
            who = "engine" if step == "anchor" else store
            said = " ".join(part for part in (step, record.get("name"), shown) if part)
            log(f"    {who}: {said}{_versus(step, value, store, anchors)}")
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(command, args.run_timeout)
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        records["timed_out"] = True
    if process.returncode not in (0, None) and not records.get("timed_out"):
        records["failed"] = process.returncode
    return records


def _engine_version() -> str:
    import pyoxigraph

    return pyoxigraph.__version__


def _fmt(value, digits: int = 2) -> str:
    if isinstance(value, (Over, str)):
        return str(value)
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if value < 100 else f"{value:.0f}"
    return str(value)


def _seconds(record: dict | None, key: str = "seconds"):
    """A step's figure; :data:`OVER` when it was stopped at its budget; None when it did not run."""
    if not record:
        return None
    return Over(record.get("budget") or 0) if record.get("over") else record.get(key)


def _slowest(values: list):
    if not values or any(v is None for v in values):
        return None
    return max(values)  # an Over counts as its budget: the slowest is at least that


def _summary(records: dict) -> dict:
    queries = records.get("queries", {})
    # The projection-* queries feed the networkx projection: they return the whole graph.
    asking = [_seconds(q, "p50") for name, q in queries.items() if not name.startswith("projection-")]
    return {
        "triples": records.get("build", {}).get("triples"),
        "build_s": _seconds(records.get("build")),
        "validate_s": _seconds(records.get("validate")),
        "query_p50_s": _slowest([_seconds(q, "p50") for q in queries.values()]),
        "question_p50_s": _slowest(asking),
        "unresolved_s": _seconds(records.get("unresolved")),
        "export_s": _seconds(records.get("export")),
        "html_s": _seconds(records.get("html")),
        "rss_mb": records.get("done", records.get("build", {})).get("rss_mb"),
    }


COLUMNS = ["triples", "build_s", "validate_s", "query_p50_s", "question_p50_s", "unresolved_s", "export_s", "html_s", "rss_mb"]


def _ratio(a, b):
    """memory / default; ">R" when the memory store went over its budget (R: the budget over the default's time)."""
    if a is None or b is None or isinstance(b, Over) or not b:
        return None
    if isinstance(a, Over):
        return f">{a / b:.1f}"
    return round(a / b, 1)


def _targets_met(default: dict, anchors: dict) -> dict[str, bool]:
    def under(value, limit, anchor=None):
        if anchor is not None:
            seconds = anchors.get(f"{anchor} disk", {}).get("seconds")
            limit = limit * seconds if seconds else None
        return value is not None and limit is not None and not isinstance(value, Over) and value <= limit

    return {
        "build": under(default["build_s"], TARGETS["build_x"], "load"),
        "validate": under(default["validate_s"], TARGETS["validate_x"], "load"),
        "query_p50": under(default["query_p50_s"], TARGETS["query_p50_s"]),
        "unresolved": under(default["unresolved_s"], TARGETS["unresolved_s"]),
        "export": under(default["export_s"], TARGETS["export_x"], "dump"),
        "html": under(default["html_s"], TARGETS["html_s"]),
        "rss": under(default["rss_mb"], TARGETS["rss_mb"]),
    }


def print_large(results: dict, large: dict) -> None:
    """The large corpus (build and unresolved only) and its growth from the largest of the other sizes."""
    base_size = max(results) if results else None
    base = _summary(results[base_size].get("default", {})) if base_size else {}
    for size, records in large.items():
        row = _summary(records)
        print(f"\nlarge corpus, default store, build and unresolved only{' (timed out)' if records.get('timed_out') else ''}")
        for key in ("triples", "build_s", "unresolved_s", "rss_mb"):
            growth = _ratio(row[key], base.get(key)) if base_size else None
            print(f"  {key:<14}{_fmt(row[key]):>14}   growth from {base_size}: {_fmt(growth)}x")
        print(f"size={size} build_s={_fmt(row['build_s'])} unresolved_s={_fmt(row['unresolved_s'])} rss_mb={_fmt(row['rss_mb'])}")


def print_engine(results: dict, engine: dict) -> None:
    """Each kg figure over its anchor: the engine alone on the same triples, the same kind of store, the same run."""
    print("\nagainst the engine alone (pyoxigraph on the same N-Triples, same run): seconds, and kg / engine\n"
          "anchors: load = bulk load of the N-Triples, dump = Turtle dump, join = a plain 2-hop join read out "
          "(assertion, party, label); disk for the default store, memory for the memory store")
    for size, anchors in engine.items():
        print(f"{size:>9} engine  " + ", ".join(f"{name} {_fmt(r.get('seconds'))} s" for name, r in anchors.items()))
        for store, records in results.get(size, {}).items():
            row = _summary(records)
            place = "memory" if store == "memory" else "disk"
            cells = []
            for step, key in (("build", "build_s"), ("validate", "validate_s"), ("query", "query_p50_s"),
                              ("query", "question_p50_s"), ("unresolved", "unresolved_s"), ("export", "export_s"),
                              ("html", "html_s")):
                anchor = anchors.get(f"{ANCHOR_OF[step]} {place}", {}).get("seconds")
                value = row[key]
                ratio = f"{value / anchor:.1f}x" if anchor and isinstance(value, float) and not isinstance(value, Over) else _fmt(value)
                cells.append(f"{key.removesuffix('_s')} {ratio} {ANCHOR_OF[step]}")
            print(f"{size:>9} {store:<8}" + ", ".join(cells))


def print_tables(results: dict, identity: dict, engine: dict) -> None:
    print("\nseconds, peak RSS in MB; ratio = memory / default. build: `kg build` with kg.ttl; query: the slowest canned\n"
          f"query's median; question: the same without the projection-* queries, which return the whole graph; {OVER}: stopped\n"
          "at its budget (see --query-timeout, --step-timeout); — : did not run")
    header = f"{'size':>9} {'store':<8}" + "".join(f"{c:>15}" for c in COLUMNS)
    print(header)
    print("-" * len(header))
    for size, by_store in results.items():
        rows = {store: _summary(records) for store, records in by_store.items()}
        for store, row in rows.items():
            note = " (timed out)" if by_store[store].get("timed_out") else ""
            print(f"{size:>9} {store:<8}" + "".join(f"{_fmt(row[c]):>15}" for c in COLUMNS) + note)
        if set(rows) >= {"default", "memory"}:
            print(f"{size:>9} {'ratio':<8}" + "".join(
                f"{_fmt(_ratio(rows['memory'][c], rows['default'][c])) if c != 'triples' else '':>15}" for c in COLUMNS))
    print("\ncanned queries, median seconds: default store / memory store (ratio)")
    names = sorted({n for by_store in results.values() for r in by_store.values() for n in r.get("queries", {})})
    print(f"{'query':<22}" + "".join(f"{size:>34}" for size in results))
    for name in names:
        cells = []
        for size, by_store in results.items():
            pair = [_seconds(by_store.get(s, {}).get("queries", {}).get(name), "p50") for s in ("default", "memory")]
            cells.append(f"{_fmt(pair[0], 3)} / {_fmt(pair[1], 3)} ({_fmt(_ratio(pair[1], pair[0]))})")
        print(f"{name:<22}" + "".join(f"{c:>34}" for c in cells))
    print("\nbuild phases, default store (seconds since the build began)")
    for size, by_store in results.items():
        phases = by_store.get("default", {}).get("build", {}).get("phases", {})
        print(f"{size:>9}  " + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
    if identity:
        print("\nidentity candidates (kg.analysis.identity), default store")
        for incidents, record in identity.items():
            print(f"{incidents:>9} incidents asked, {record.get('incidents')} in the graph: "
                  f"{_fmt(record.get('seconds'))} s ({_fmt(record.get('cpu'))} s of CPU), {record.get('candidates')} candidates "
                  f"{record.get('note', '')}")
            if record.get("steps"):  # where the time goes
                print(" " * 11 + ", ".join(f"{k} {v:.2f} s" for k, v in record["steps"].items()))
        times = [r.get("seconds") for r in identity.values()]
        if len(times) == 2 and all(times):
            factor = times[1] / times[0]
            print(f"growth factor {factor:.1f}x (target <= 12x), {times[1]:.1f} s at the larger size (target <= 60 s)")
        cpus = [r.get("cpu") for r in identity.values()]
        if len(cpus) == 2 and all(cpus):  # CPU seconds: what a shared, loaded machine does not inflate
            print(f"in CPU seconds: growth factor {cpus[1] / cpus[0]:.1f}x, {cpus[1]:.1f} s at the larger size")
    print(f"\ntargets at 1M triples: build <= {TARGETS['build_x']:g}x the engine's bulk load on disk, validation <= "
          f"{TARGETS['validate_x']:g}x more, every query p50 <= {TARGETS['query_p50_s']} s, unresolved <= "
          f"{TARGETS['unresolved_s']:g} s, export <= {TARGETS['export_x']:g}x the engine's dump, HTML <= {TARGETS['html_s']:g} s, "
          f"peak RSS <= {TARGETS['rss_mb']} MB")
    for size, by_store in results.items():
        default = _summary(by_store.get("default", {}))
        memory = _summary(by_store.get("memory", {}))
        ratio = _ratio(memory["build_s"], default["build_s"])
        print(f"size={size} build_ratio={_fmt(ratio)} query_p50_s={_fmt(default['query_p50_s'], 3)} "
              f"export_s={_fmt(default['export_s'])} rss_mb={_fmt(default['rss_mb'])} "
              f"unresolved_s={_fmt(default['unresolved_s'])}".replace(OVER, "over_budget"))
        met = _targets_met(default, engine.get(size, {})) if size >= 1_000_000 else None
        if met:
            print(f"  at {size}: " + ", ".join(f"{k} {'met' if ok else 'NOT met'}" for k, ok in met.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="parent", choices=["parent", "child", "identity-child", "anchor-child"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=None, help="Triples per corpus, comma-separated.")
    parser.add_argument("--stores", default=None, help="Stores to run: default (embedded Oxigraph), memory (rdflib).")
    parser.add_argument("--identity", default=None, help="Incidents for the identity benchmark; '' to skip.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=None, help="Runs of each canned query; the median counts.")
    parser.add_argument("--repeats-memory", type=int, default=1, help="Runs of each canned query on the memory store.")
    parser.add_argument("--query-timeout", type=float, default=10.0, help="Seconds before one query run is given up.")
    parser.add_argument("--step-timeout", type=float, default=120.0, help="Seconds before another step is given up.")
    parser.add_argument("--run-timeout", type=float, default=900.0, help="Seconds before one store's whole run is stopped.")
    parser.add_argument("--large", type=int, default=None, metavar="TRIPLES",
                        help="Also build a corpus of this size (e.g. 10000000), default store, build and unresolved only.")
    parser.add_argument("--only-unresolved", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true",
                        help="Day-to-day run: 100k triples, default store, no identity corpora, 3 repeats (flags given win).")
    parser.add_argument("--profile", action="store_true",
                        help="Run every step under cProfile and print where its time went (slower; the build in one process).")
    parser.add_argument("--work", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "kg-benchmark"),
                        help="Folder for corpora (kept) and stores.")
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    everyday = {"sizes": "10000,100000,1000000", "stores": "default,memory", "identity": "10000,100000", "repeats": 5}
    quick = {"sizes": "100000", "stores": "default", "identity": "", "repeats": 3}
    for key, value in (quick if args.quick else everyday).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.mode == "child":
        return child(args)
    if args.mode == "identity-child":
        return identity_child(args)
    if args.mode == "anchor-child":
        return anchor_child(args)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    stores = [s for s in args.stores.split(",") if s]
    results: dict = {}
    engine: dict = {}  # size → the engine-alone anchors
    for size in sizes:
        corpus = corpus_for(work, args.seed, triples=size)
        log(f"size {size}, the engine alone (pyoxigraph {_engine_version()}) on the same triples")
        anchors = engine[size] = run_child("anchor-child", corpus, "engine", work / f"size-{size}", args)["anchors"]
        results[size] = {}
        for store in stores:
            log(f"size {size}, {store} store ({STORES[store]})")
            store_args = argparse.Namespace(**{**vars(args), "repeats": args.repeats if store == "default" else args.repeats_memory})
            results[size][store] = run_child("child", corpus, STORES[store], work / f"size-{size}", store_args, anchors)
    identity: dict = {}
    for incidents in [int(s) for s in args.identity.split(",") if s]:
        corpus = corpus_for(work, args.seed, incidents=incidents)
        log(f"identity, {incidents} incidents")
        identity[incidents] = run_child("identity-child", corpus, "oxigraph", work / f"identity-{incidents}", args).get("identity", {})
    large: dict = {}
    if args.large:
        corpus = corpus_for(work, args.seed, triples=args.large)
        log(f"size {args.large}, default store, build and unresolved only")
        large_args = argparse.Namespace(**{**vars(args), "only_unresolved": True, "step_timeout": 4 * args.step_timeout,
                                           "run_timeout": 4 * args.run_timeout})
        large[args.large] = run_child("child", corpus, "oxigraph", work / f"size-{args.large}", large_args)
    (work / "results.json").write_text(json.dumps({"sizes": results, "engine": engine, "identity": identity, "large": large}, indent=1),
                                       encoding="utf-8")
    print_engine(results, engine)
    print_tables(results, identity, engine)
    print_large(results, large)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C reaches every process of the run: each says so, without a traceback
        print("interrupted", file=sys.stderr)
        sys.exit(130)
