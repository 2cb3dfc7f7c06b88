#!/usr/bin/env python3
"""How soon the graph page is ready in headless Chromium, per view, against a baseline.

    python benchmarks/page_views.py [--runs 3] [--synth-triples 7000]

Pages, all written by ``kg html`` from real builds except the baseline:
- baseline: the 23-node test fixture (tests/fixtures/html/small.json);
- the seed case (seeds/, with ../shared/seeds as documents when present);
- a synthetic case from ``kg synth --triples N --seed 1`` (about 500 nodes at 7000).

Each page is opened from file:// with every outgoing request aborted, once as
it opens (its opening view) and once with ``#view=graph`` (the full graph),
``--runs`` times each; the script prints the median wall time until
``window.kgReady`` (the graph laid out and still, the opening state applied),
the page's own clock at that moment and when the board and timeline were in
the DOM, which view it opened on and how many nodes it showed, and the ratio
of each wall-time median to the baseline's, measured in the same run. Needs playwright and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"] if not (Path(sys.executable).parent / "kg").exists() else [str(Path(sys.executable).parent / "kg")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]


def kg(*args: str) -> None:
    subprocess.run([*KG, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def pages(work: Path, synth_triples: int) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT))
    import json

    from kg.export.html import write_html

    small = work / "small.html"
    write_html(json.loads((ROOT / "tests/fixtures/html/small.json").read_text()), small)
    seed_store, seed = work / "seed-store", work / "seed.html"
    documents = ROOT.parent / "shared" / "seeds"
    kg("build", "seeds", "--store", str(seed_store), "--out", str(work / "seed-out"),
       *(["--documents", str(documents)] if documents.is_dir() else []))
    kg("html", "--store", str(seed_store), "--out", str(seed))
    corpus, synth_store, synth = work / "corpus", work / "synth-store", work / "synth.html"
    kg("synth", "--triples", str(synth_triples), "--seed", "1", "--out", str(corpus))
    kg("build", str(corpus), "--documents", str(corpus / "documents"), "--store", str(synth_store), "--out", str(work / "synth-out"))
    kg("html", "--store", str(synth_store), "--out", str(synth), "--max-nodes", "2000")
    return [("baseline: 23-node fixture", small), ("seed case", seed), (f"kg synth --triples {synth_triples}", synth)]


def measure(browser, page_file: Path, fragment: str) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
    started = time.perf_counter()
    page.goto(page_file.as_uri() + fragment)
    page.wait_for_function("() => window.kgReady === true", timeout=120_000)
    wall = time.perf_counter() - started
    state = page.evaluate("[window.kgTiming.ready, window.kgViews.current, window.kgStats.visibleNodes, window.kgStats.nodes,"
                          " window.kgTiming.viewsDrawn]")
    context.close()
    return {"wall": wall, "clock": state[0] / 1000, "view": state[1], "shown": state[2], "nodes": state[3],
            "views": state[4] / 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synth-triples", type=int, default=7000)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        built = pages(Path(tmp), args.synth_triples)
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
        rows, baseline = [], None
        for name, page_file in built:
            for label, fragment in (("opening view", ""), ("full graph", "#view=graph")):
                runs = [measure(browser, page_file, fragment) for _ in range(args.runs)]
                wall = statistics.median(r["wall"] for r in runs)
                clock = statistics.median(r["clock"] for r in runs)
                views = statistics.median(r["views"] for r in runs)
                if baseline is None:
                    baseline = wall
                last = runs[-1]
                rows.append(f"  {name:28} {label:13} {last['view']:9} {last['shown']:4}/{last['nodes']:<4} nodes shown | "
                            f"board+timeline drawn {views:5.2f} s | kgReady {wall:6.2f} s wall, {clock:6.2f} s page clock"
                            f" | x{wall / baseline:5.1f} baseline")
        browser.close()
    print(f"page ready in headless Chromium (median of {args.runs}; ratio to the first row):")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
