"""The home page in a real headless Chromium: one click runs a canned query, nothing leaves the machine."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page(endpoint):
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        opened = browser.new_page()
        opened.seen_requests = []
        opened.problems = []
        opened.on("request", lambda request: opened.seen_requests.append(request.url))
        opened.on("console", lambda message: message.type == "error" and opened.problems.append(message.text))
        opened.on("pageerror", lambda error: opened.problems.append(str(error)))
        opened.goto(endpoint.url)
        yield opened
        browser.close()


def test_one_click_runs_a_canned_query(page):
    page.click('button[data-canned="assertions-by-stance"]')
    page.wait_for_selector("#result table")
    cells = page.locator("#result tbody td").all_inner_texts()
    assert cells == ["asserts", "2", "denies", "1"]
    assert page.locator("#status").inner_text().startswith("done in ")
    assert "assertions-by-stance" not in page.input_value("#query") and "skos:notation ?stance" in page.input_value("#query")


def test_the_editor_shows_the_parsers_message(page):
    page.fill("#query", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_selector("#result pre.error")
    assert page.locator("#status").inner_text().startswith("400 ")
    assert page.locator("#result pre.error").inner_text().startswith("malformed query: Expected SelectQuery")


def test_construct_as_turtle(page):
    page.fill("#query", "CONSTRUCT WHERE { <https://w3id.org/kg/id/mini/globex> rdfs:label ?l }")
    page.select_option("#accept", "text/turtle")
    page.click("#run")
    page.wait_for_selector("#result pre:not(.error)")
    assert page.locator("#result pre").inner_text().strip().endswith('<https://w3id.org/kg/id/mini/globex> rdfs:label "Globex" .')


def test_nothing_was_requested_from_elsewhere_and_nothing_failed(page, endpoint):
    origin = urlsplit(endpoint.url).netloc
    assert page.seen_requests
    assert {urlsplit(url).netloc for url in page.seen_requests} == {origin}
    # The only failed load is the malformed query we sent on purpose.
    assert page.problems == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
