"""The home page in a real headless Chromium: one click runs a canned query, nothing leaves the machine.

The browser runs in a child process: Playwright's sync API allows one session per
process (tests/browser holds one open while its tests run), and while it is started its
event loop stays marked as running in the thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")

SESSION = r'''
import json, sys
from playwright.sync_api import sync_playwright

url, chromium = sys.argv[1], sys.argv[2]
seen = {"requests": [], "problems": []}
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])
    page = browser.new_page()
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: message.type == "error" and seen["problems"].append(message.text))
    page.on("pageerror", lambda error: seen["problems"].append(str(error)))
    page.goto(url)

    page.click('button[data-canned="assertions-by-stance"]')
    page.wait_for_selector("#result table")
    seen["canned_cells"] = page.locator("#result tbody td").all_inner_texts()
    seen["canned_status"] = page.locator("#status").inner_text()
    seen["canned_editor"] = page.input_value("#query")

    page.fill("#query", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_selector("#result pre.error")
    seen["error_status"] = page.locator("#status").inner_text()
    seen["error_text"] = page.locator("#result pre.error").inner_text()

    page.fill("#query", "CONSTRUCT WHERE { <https://w3id.org/kg/id/mini/globex> rdfs:label ?l }")
    page.select_option("#accept", "text/turtle")
    page.click("#run")
    page.wait_for_selector("#result pre:not(.error)")
    seen["turtle"] = page.locator("#result pre").inner_text()
    browser.close()
print(json.dumps(seen))
'''


@pytest.fixture(scope="module")
def seen(endpoint):
    def unavailable(reason: str):
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI, but {reason}")
        pytest.skip(reason)

    if not Path(CHROMIUM).exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed")
    run = subprocess.run([sys.executable, "-c", SESSION, endpoint.url, CHROMIUM], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_one_click_runs_a_canned_query(seen):
    assert seen["canned_cells"] == ["asserts", "2", "denies", "1"]
    assert seen["canned_status"].startswith("done in ")
    assert "skos:notation ?stance" in seen["canned_editor"]


def test_the_editor_shows_the_parsers_message(seen):
    assert seen["error_status"].startswith("400 ")
    assert seen["error_text"].startswith("malformed query: Expected SelectQuery")


def test_construct_as_turtle(seen):
    assert seen["turtle"].strip().endswith('<https://w3id.org/kg/id/mini/globex> rdfs:label "Globex" .')


def test_nothing_was_requested_from_elsewhere_and_nothing_failed(seen, endpoint):
    origin = urlsplit(endpoint.url).netloc
    assert seen["requests"]
    assert {urlsplit(url).netloc for url in seen["requests"]} == {origin}
    # The only failed load is the malformed query sent on purpose.
    assert seen["problems"] == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
