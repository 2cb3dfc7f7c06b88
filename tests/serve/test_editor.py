"""The home page's editor over HTTP: YASGUI from npm's install when present, else the plain box with a note."""

from __future__ import annotations

import json

import pytest
import requests

from kg.server import Endpoint
from kg.server.editor import YASGUI_FILES, style_hashes, yasgui_dir
from kg.store import parse_location


@pytest.fixture(scope="module")
def fake_yasgui(tmp_path_factory):
    """A stand-in for YASGUI's build: two files, one of which inserts a fixed <style> as YASGUI's does."""
    build = tmp_path_factory.mktemp("node_modules") / "@zazuko" / "yasgui" / "build"
    build.mkdir(parents=True)
    (build / "yasgui.min.js").write_text("r.createStyle(a,`.grip{height:0px}`);window.Yasgui=function(){};\n", encoding="utf-8")
    (build / "yasgui.min.css").write_text(".yasgui{}\n", encoding="utf-8")
    return build


@pytest.fixture(scope="module")
def with_yasgui(built, fake_yasgui):
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, workers=1, yasgui=fake_yasgui) as running:
        yield running


def test_yasgui_dir_finds_npms_install(fake_yasgui):
    assert yasgui_dir(fake_yasgui.parents[2]) == fake_yasgui
    assert yasgui_dir(fake_yasgui.parents[3]) is None  # no node_modules/@zazuko/yasgui there


def test_the_home_page_offers_yasgui_with_kgs_prefixes_and_terms(with_yasgui):
    answer = requests.get(with_yasgui.url, timeout=10)
    page = answer.text
    assert '<script src="/static/yasgui/yasgui.min.js" defer></script>' in page
    assert '<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">' in page
    assert '<div id="yasgui"></div>' in page and '<textarea id="query"' not in page
    settings = json.loads(page.split('<script type="application/json" id="editor-data">', 1)[1].split("</script>", 1)[0])
    assert settings["endpoint"] == with_yasgui.sparql_url
    assert settings["prefixes"]["kg"] == "https://w3id.org/kg/ontology#"
    assert "https://w3id.org/kg/ontology#Incident" in settings["classes"]
    assert "https://w3id.org/kg/ontology#stance" in settings["properties"]
    assert settings["query"].startswith("PREFIX kg: <https://w3id.org/kg/ontology#>")


def test_yasgui_is_served_from_the_install_under_the_csp(with_yasgui, fake_yasgui):
    policy = requests.get(with_yasgui.url, timeout=10).headers["Content-Security-Policy"]
    (digest,) = style_hashes(fake_yasgui)
    assert f"style-src 'self' {digest};" in policy  # the one fixed style, by its hash; no 'unsafe-inline'
    assert "script-src 'self';" in policy and "unsafe" not in policy
    for name, media_type in YASGUI_FILES.items():
        answer = requests.get(with_yasgui.url + "static/yasgui/" + name, timeout=10)
        assert (answer.status_code, answer.headers["Content-Type"]) == (200, media_type)
        assert answer.content == (fake_yasgui / name).read_bytes()
    assert requests.get(with_yasgui.url + "static/yasgui/yasgui.min.js.map", timeout=10).status_code == 404


def test_without_yasgui_the_plain_box_says_how_to_get_it(endpoint):
    page = requests.get(endpoint.url, timeout=10).text
    assert '<textarea id="query"' in page and "yasgui" not in page.split("<p class=\"note\">")[0].lower()
    assert ("This is the plain query box: YASGUI, a fuller editor, is not installed. With Node.js,\n  <code>npm ci</code>"
            " in the project folder (<code>make</code> runs it) installs it") in page
    assert requests.get(endpoint.url + "static/yasgui/yasgui.min.js", timeout=10).status_code == 404
    assert requests.get(endpoint.url, timeout=10).headers["Content-Security-Policy"].count("style-src 'self';") == 1


def test_the_real_install_has_the_fixed_style_yasgui_inserts():
    """The hash is read from YASGUI's script: if a new version writes its style another way, this says so."""
    build = yasgui_dir()
    if build is None:
        pytest.skip("YASGUI is not installed (npm ci, which make runs)")
    assert len(style_hashes(build)) == 1
