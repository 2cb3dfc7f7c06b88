#!/usr/bin/env python3
"""The pictures of the page in docs/: each view (board, timeline, graph) on a phone and on a desktop.

    scripts/page_screenshots.py [PAGE.html] [--out docs/img]

PAGE.html defaults to ``exports/graph.html`` (``make run`` writes it). Each picture is taken
by :mod:`screenshot` (headless Chromium, no network) and named ``page-<size>-<view>.png``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import screenshot  # noqa: E402

#: name: (width, height), the sizes the browser tests check.
SIZES = {"phone": (390, 844), "desktop": (1400, 900)}
VIEWS = ("board", "timeline", "graph")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, nargs="?", default=Path("exports/graph.html"))
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"no such file: {args.page} (make run writes exports/graph.html)")
    for size, (width, height) in SIZES.items():
        for view in VIEWS:
            out = args.out / f"page-{size}-{view}.png"
            result = screenshot(args.page, out, width=width, height=height, chromium=args.chromium,
                                timeout_ms=60_000, fragment=f"#view={view}")
            if result["blocked"]:
                print(f"{out}: blocked {len(result['blocked'])} outgoing requests", file=sys.stderr)
                return 1
            print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
