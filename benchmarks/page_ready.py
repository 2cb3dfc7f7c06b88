"""Time to ready of graph.html in headless Chromium, at 23, 300 and 500 nodes.

Prints, per page, the Python render time, first contentful paint, the page's
own kgReady time and the wall time; judges nothing. The browser tests check
that the same pages become ready with every item (tests/browser/test_page.py).

    .venv/bin/python benchmarks/page_ready.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export.html import render_html, write_html  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


def _view(name: str) -> dict:
    return json.loads((ROOT / "tests" / "fixtures" / "html" / f"{name}.json").read_text(encoding="utf-8"))


def _sub_view(view: dict, count: int) -> dict:
    keep = {node["id"] for node in sorted(view["nodes"], key=lambda n: n["id"])[:count]}
    return {"nodes": [n for n in view["nodes"] if n["id"] in keep],
            "edges": [e for e in view["edges"] if e["source"] in keep and e["target"] in keep], "unresolved": []}


def main() -> None:
    from playwright.sync_api import sync_playwright

    large = _view("large")
    cases = [("small (23 nodes), physics", _view("small"), {}), ("300 nodes, physics", _sub_view(large, 300), {}),
             ("500 nodes, Python layout", _sub_view(large, 500), {}),
             ("500 nodes, physics", _sub_view(large, 500), {"physics_cap": 500})]
    with tempfile.TemporaryDirectory(prefix="kg-page-ready-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        print("time to ready in headless Chromium:")
        for number, (name, view, options) in enumerate(cases):
            started = time.perf_counter()
            render_html(view, **options)
            render_s = time.perf_counter() - started
            target = Path(scratch) / f"page{number}.html"
            write_html(view, target, **options)
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
            began = time.perf_counter()
            page.goto(target.as_uri())
            page.wait_for_function("() => window.kgReady === true", timeout=120_000)
            wall = time.perf_counter() - began
            timing = page.evaluate("window.kgTiming")
            paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime")
            print(f"  {name:28} render {render_s:5.2f} s | first paint {paint or 0:7.0f} ms | "
                  f"kgReady {timing['ready']:7.0f} ms page clock, {wall:5.2f} s wall")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
