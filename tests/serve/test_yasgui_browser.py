"""YASGUI in a real headless Chromium: kg serve's home page, and YASGUI on another origin through --cors-origin.

YASGUI comes from npm's install (``node_modules/``, which ``make`` fills); without
it these tests skip, except in CI, where they fail. The browser runs in a child
process, as in test_home_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kg.server import Endpoint
from kg.server.editor import YASGUI_FILES, yasgui_dir
from kg.store import parse_location

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
KG = str(Path(sys.executable).parent / "kg")

# The browser's part: open a page, wait for YASGUI, run a query through it, and report what it showed.
SESSION = r'''
import json, sys
from playwright.sync_api import sync_playwright

chromium, pages = sys.argv[1], json.loads(sys.argv[2])
report = {}
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])
    for name, url, action in pages:
        seen = report[name] = {"requests": [], "problems": []}
        page = browser.new_page()
        page.on("request", lambda request, seen=seen: seen["requests"].append(request.url))
        page.on("console", lambda message, seen=seen: message.type == "error" and seen["problems"].append(message.text))
        page.on("pageerror", lambda error, seen=seen: seen["problems"].append(str(error)))
        page.goto(url)
        page.wait_for_selector(".yasqe .CodeMirror")
        if action == "canned":
            page.click('button[data-canned="assertions-by-stance"]')
        else:
            seen["thrown"] = page.evaluate("window.kgYasgui.getTab().getYasqe().query().then(() => null, (error) => String(error))")
        page.wait_for_selector(".yasr table.dataTable tbody tr, .yasr .errorResult", timeout=30000)
        seen["rows"] = page.locator(".yasr table.dataTable tbody tr").all_inner_texts()
        seen["error"] = " ".join(page.locator(".yasr .errorResult").all_inner_texts())
        if action == "canned":
            seen["editor"] = page.evaluate("window.kgYasgui.getTab().getYasqe().getValue()")
            # as a user types: the prefix is declared as it is typed, then the class is completed
            page.evaluate("""(() => {
                const yasqe = window.kgYasgui.getTab().getYasqe();
                yasqe.setValue('SELECT * WHERE { ?s a ');
                yasqe.focus();
                yasqe.getDoc().setCursor({line: 0, ch: 22});
            })()""")
            page.keyboard.type("kg:Inci", delay=50)
            page.keyboard.press("Control+Space")
            page.wait_for_selector(".CodeMirror-hints li")
            seen["hints"] = page.locator(".CodeMirror-hints li").all_inner_texts()
            seen["typed"] = page.evaluate("window.kgYasgui.getTab().getYasqe().getValue()")
        page.close()
    browser.close()
print(json.dumps(report))
'''

# A page of another origin that runs YASGUI on the endpoint it is given (?endpoint=...), as a user's own copy would.
OTHER_PAGE = """<!doctype html>
<meta charset="utf-8"><title>YASGUI elsewhere</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="yasgui.min.css">
<script src="yasgui.min.js"></script>
<div id="yasgui"></div>
<script>
  window.Yasgui.Yasqe.defaults.value = "SELECT ?label WHERE { ?org a kg:Organization ; rdfs:label ?label } ORDER BY ?label";
  window.kgYasgui = new window.Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: new URLSearchParams(location.search).get("endpoint"), method: "POST" },
    persistenceId: null,
  });
</script>
"""


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"YASGUI browser tests must run in CI, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def yasgui():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed")
    build = yasgui_dir()
    if build is None:
        _unavailable("YASGUI is not installed (npm ci, which make runs)")
    return build


class Site:
    """A plain static web server on a free loopback port: another origin, serving YASGUI's page."""

    def __init__(self, folder: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def sites(yasgui, tmp_path_factory):
    folder = tmp_path_factory.mktemp("yasgui-site")
    (folder / "index.html").write_text(OTHER_PAGE, encoding="utf-8")
    for name in YASGUI_FILES:
        (folder / name).symlink_to(yasgui / name)
    named, other = Site(folder), Site(folder)
    yield named, other
    named.close()
    other.close()


@pytest.fixture(scope="module")
def seen(yasgui, sites, built):
    store, exports = built
    named, other = sites
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--workers", "1", "--cors-origin", named.origin],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        sparql = re.fullmatch(r"serving .* read-only at (\S+)\n", process.stdout.readline()).group(1)
        with Endpoint(parse_location(store), port=0, exports=exports, workers=1, yasgui=yasgui) as home:
            pages = [
                ("home", home.url, "canned"),
                ("named", f"{named.origin}/index.html?endpoint={sparql}", "run"),
                ("other", f"{other.origin}/index.html?endpoint={sparql}", "run"),
            ]
            run = subprocess.run([sys.executable, "-c", SESSION, CHROMIUM, json.dumps(pages)], capture_output=True, text=True, timeout=180)
    finally:
        process.terminate()
        _, log = process.communicate(timeout=30)
    assert run.returncode == 0, run.stderr
    return {**json.loads(run.stdout), "home_url": home.url, "sparql": sparql, "log": log, "origins": (named.origin, other.origin)}


def test_the_home_page_runs_a_canned_query_in_yasgui(seen):
    home = seen["home"]
    assert len(home["rows"]) == 2
    assert re.match(r"1\s+asserts\s+\S*2", home["rows"][0]), home["rows"]
    assert "PREFIX kg: <https://w3id.org/kg/ontology#>" in home["editor"]


def test_yasgui_completes_kg_terms_offline(seen):
    assert seen["home"]["hints"][:2] == ["kg:Incident", "kg:IncidentTrend"]
    assert seen["home"]["typed"].startswith("PREFIX kg: <https://w3id.org/kg/ontology#>\n")  # declared as it was typed


def test_the_home_page_reaches_nothing_else_and_breaks_no_rule(seen):
    home = seen["home"]
    assert {urlsplit(url).netloc for url in home["requests"]} == {urlsplit(seen["home_url"]).netloc}
    assert any(url.endswith("/static/yasgui/yasgui.min.js") for url in home["requests"])
    assert home["problems"] == []  # no CSP violation: YASGUI's one fixed <style> is allowed by its hash


def test_yasgui_on_a_named_origin_gets_rows(seen):
    named = seen["named"]
    assert [re.sub(r"\s+", " ", row).strip() for row in named["rows"]] == ["1 Globex", "2 The Wire"]
    assert named["problems"] == []


def test_yasgui_on_an_origin_not_named_is_refused(seen):
    other = seen["other"]
    assert other["rows"] == []
    assert other["error"]
    assert any("CORS" in problem or "Access-Control-Allow-Origin" in problem for problem in other["problems"]), other["problems"]
    named_origin, other_origin = seen["origins"]
    assert '"POST /sparql HTTP/1.1" 403' in seen["log"]  # kg serve refused the other origin's post
    assert '"POST /sparql HTTP/1.1" 200' in seen["log"]
