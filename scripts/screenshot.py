#!/usr/bin/env python3
"""Save a PNG of the kg graph page, drawn by headless Chromium with no network.

    scripts/screenshot.py VIEW_OR_HTML OUT.png [--width 1400] [--height 900] [--fragment '#view=board']

VIEW_OR_HTML is either a page written by ``kg.export.html`` or a view as JSON
(see that module's docstring), which is rendered first. The page is opened
from file://, every request that would leave the machine is aborted, and the
picture is taken once the page sets ``window.kgReady``. ``--fragment`` opens
the page in a given state (``#view=timeline``, ``#item=<id>``...), as a
shared link would. Needs the Python
``playwright`` package and Debian's chromium at /usr/bin/chromium (override
with --chromium); it never downloads a browser.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def page_path(source: Path, workdir: Path, title: str, seed: int, max_nodes: int) -> Path:
    """The HTML file to open: ``source`` itself, or ``source`` rendered if it is JSON."""
    if source.suffix.lower() != ".json":
        return source
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kg.export.html import write_html

    target = workdir / (source.stem + ".html")
    view = json.loads(source.read_text(encoding="utf-8"))
    write_html(view, target, title=title, seed=seed, max_nodes=max_nodes)
    return target


def screenshot(page_file: Path, out: Path, *, width: int, height: int, chromium: str, timeout_ms: int,
               fragment: str = "", static: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(re.compile(r"^(https?|wss?|ftp)://"),
                       lambda route: (blocked.append(route.request.url), route.abort()))
            started = time.perf_counter()
            page.goto(page_file.resolve().as_uri() + fragment)
            if static:  # a page without scripts, such as unresolved.html
                page.wait_for_load_state("load")
                ready = time.perf_counter() - started
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                return {"ready_s": round(ready, 3), "timing_ms": {}, "blocked": blocked,
                        "stats": {"view": "static page", "nodes": 0, "visibleNodes": 0, "edges": 0}}
            page.wait_for_function("() => window.kgReady === true", timeout=timeout_ms)
            ready = time.perf_counter() - started
            page.wait_for_timeout(700)  # let a fit animation settle
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            timing = page.evaluate("window.kgTiming")
            stats = page.evaluate("window.kgStats")
            stats["view"] = page.evaluate("window.kgViews.current")
        finally:
            browser.close()
    return {"ready_s": round(ready, 3), "timing_ms": timing, "stats": stats, "blocked": blocked}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a kg graph page (.html) or a view (.json)")
    parser.add_argument("out", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--title", default="kg graph", help="page title when rendering a view")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-nodes", type=int, default=500)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the page")
    parser.add_argument("--fragment", default="", help="URL fragment to open with, e.g. '#view=timeline'")
    parser.add_argument("--static", action="store_true", help="the page has no script (unresolved.html): do not wait for it")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        parser.error(f"no such file: {args.source}")
    if not Path(args.chromium).exists():
        parser.error(f"no Chromium at {args.chromium} (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as workdir:
        try:
            page_file = page_path(args.source, Path(workdir), args.title, args.seed, args.max_nodes)
        except Exception as e:  # a KGError or bad JSON: one line, no traceback
            print(f"screenshot: {e}", file=sys.stderr)
            return 1
        result = screenshot(page_file, args.out, width=args.width, height=args.height,
                            chromium=args.chromium, timeout_ms=int(args.timeout * 1000),
                            fragment=args.fragment, static=args.static)
    print(f"wrote {args.out}: {result['stats']['view']} view, {result['stats']['nodes']} nodes, "
          f"{result['stats']['visibleNodes']} shown, {result['stats']['edges']} edges, "
          f"ready after {result['ready_s']} s (page clock {result['timing_ms']})")
    if result["blocked"]:
        print(f"blocked {len(result['blocked'])} outgoing requests: {result['blocked'][:3]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
