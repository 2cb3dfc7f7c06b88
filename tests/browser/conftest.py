"""A real headless Chromium for the page tests, with every request recorded.

Uses Debian's /usr/bin/chromium (or $KG_CHROMIUM) through the Python
playwright package; it never downloads a browser. Without either the tests
skip, except when CI=true: CI must really run them, so there they fail.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.export.html import write_html
from tests.helpers import FIXTURES

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def load_view(name: str) -> dict:
    return json.loads((FIXTURES / "html" / f"{name}.json").read_text(encoding="utf-8"))


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI, but {reason}")
    pytest.skip(reason)


# Package scope, not session: while Playwright's sync API is started, its event loop stays marked as
# running in this thread, so any later asyncio.run() in the process fails ("cannot be called from a
# running event loop"); prompt_toolkit's prompts under kg review call it. Torn down as soon as a worker
# leaves tests/browser, the browser is shared by every page test and never outlives them.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Loaded:
    """An opened page and what it did while loading and afterwards."""

    page: object
    view: dict
    seconds_to_ready: float
    console: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        point = self.evaluate("""(id) => {
            const net = window.kgNetwork;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("graph").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id)
        return point[0], point[1]

    def wait_still(self):
        """Let a focus or fit animation finish."""
        self.page.wait_for_timeout(700)


@pytest.fixture
def open_page(browser, tmp_path):
    """open_page(view, fragment=..., viewport=(width, height), **render options) -> Loaded, waiting for window.kgReady."""
    contexts = []

    def opener(view: dict, fragment: str = "", viewport: tuple[int, int] = (1400, 900), **render) -> Loaded:
        target = tmp_path / f"page{len(contexts)}.html"
        write_html(view, target, **render)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        loaded = Loaded(page=page, view=view, seconds_to_ready=0.0)
        page.on("console", lambda message: loaded.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: loaded.errors.append(str(error)))
        page.on("request", lambda request: loaded.requests.append(request.url))
        # Recorded above first; aborted here so a slip cannot hang a test offline.
        page.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
        started = time.perf_counter()
        page.goto(target.as_uri() + fragment)
        # A function, not a string: the page's CSP forbids eval, which string predicates use.
        page.wait_for_function("() => window.kgReady === true", timeout=60_000)
        loaded.seconds_to_ready = time.perf_counter() - started
        return loaded

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def seed_view(tmp_path_factory) -> dict:
    """The view of the seed case, built the way `make run` builds it."""
    from click.testing import CliRunner

    from kg.export.html_view import graph_view
    from kg.cli import cli
    from kg.store import open_graph
    from tests.helpers import ARTICLES, SEEDS

    where = tmp_path_factory.mktemp("seed")
    store = f"memory:{where / 'graph.nt'}"
    args = ["build", str(SEEDS), "--store", store, "--out", str(where / "out")]
    if ARTICLES.is_dir():
        args += ["--documents", str(ARTICLES)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return graph_view(open_graph(store))
