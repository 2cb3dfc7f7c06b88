"""kg serve --cors-origin: pages of a named origin may query the endpoint; every other origin stays refused."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from kg.server import Endpoint
from kg.store import parse_location
from tests.serve.conftest import stop_serving

KG = str(Path(sys.executable).parent / "kg")
NAMED = "http://127.0.0.1:8123"
OTHER = "http://127.0.0.1:8124"
ASK = {"query": "ASK { ?s ?p ?o }"}
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, accept"}


@pytest.fixture(scope="module")
def open_to_one(built):
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, workers=1, cors_origins=(NAMED + "/", "http://localhost:9000")) as running:
        yield running


def test_a_preflight_from_a_named_origin_is_answered(open_to_one):
    answer = requests.options(open_to_one.sparql_url, headers={"Origin": NAMED, **PREFLIGHT}, timeout=30)
    assert answer.status_code == 204
    assert answer.headers["Access-Control-Allow-Origin"] == NAMED
    assert answer.headers["Access-Control-Allow-Methods"] == "GET, HEAD, POST"
    assert answer.headers["Access-Control-Allow-Headers"] == "accept, content-type"
    assert answer.headers["Access-Control-Max-Age"] == "600"
    assert "Origin" in answer.headers["Vary"]
    assert answer.content == b""


@pytest.mark.parametrize(
    "headers, message",
    [
        ({"Access-Control-Request-Method": "PUT"}, "a PUT is not allowed: this endpoint is read-only (GET, HEAD, POST)"),
        ({"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-token"},
         "the request header x-token is not allowed (only accept, content-type)"),
        ({}, "an OPTIONS request without Access-Control-Request-Method is no preflight"),
    ],
)
def test_a_preflight_for_more_than_reading_is_refused(open_to_one, headers, message):
    answer = requests.options(open_to_one.sparql_url, headers={"Origin": NAMED, **headers}, timeout=30)
    assert (answer.status_code, answer.text) == (403, message + "\n")
    assert "Access-Control-Allow-Methods" not in answer.headers


def test_a_preflight_from_an_origin_not_named_is_refused(open_to_one):
    answer = requests.options(open_to_one.sparql_url, headers={"Origin": OTHER, **PREFLIGHT}, timeout=30)
    assert answer.status_code == 405
    assert "Access-Control-Allow-Origin" not in answer.headers


@pytest.mark.parametrize("site", ["same-site", "cross-site"])
def test_a_get_from_a_named_origin_carries_the_header(open_to_one, site):
    answer = requests.get(open_to_one.sparql_url, params=ASK, headers={"Origin": NAMED, "Sec-Fetch-Site": site}, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["boolean"] is True
    assert answer.headers["Access-Control-Allow-Origin"] == NAMED


def test_a_post_from_a_named_origin_is_answered(open_to_one):
    form = requests.post(open_to_one.sparql_url, data=ASK, headers={"Origin": NAMED}, timeout=30)
    typed = requests.post(open_to_one.sparql_url, data=b"ASK { ?s ?p ?o }",
                          headers={"Origin": "http://localhost:9000", "Content-Type": "application/sparql-query"}, timeout=30)
    assert (form.status_code, form.json()["boolean"]) == (200, True)
    assert form.headers["Access-Control-Allow-Origin"] == NAMED
    assert typed.status_code == 200
    assert typed.headers["Access-Control-Allow-Origin"] == "http://localhost:9000"


def test_an_error_to_a_named_origin_is_readable_by_it(open_to_one):
    """YASGUI shows the parser's message, not 'Failed to fetch'."""
    answer = requests.get(open_to_one.sparql_url, params={"query": "SELECT * WHERE { ?s ?p }"}, headers={"Origin": NAMED}, timeout=30)
    assert answer.status_code == 400
    assert answer.headers["Access-Control-Allow-Origin"] == NAMED


@pytest.mark.parametrize("origin", [OTHER, "https://127.0.0.1:8123", "http://127.0.0.1:81234", "null", "http://evil.example"])
def test_a_post_from_an_origin_not_named_stays_refused(open_to_one, origin):
    answer = requests.post(open_to_one.sparql_url, data=ASK, headers={"Origin": origin}, timeout=30)
    assert answer.status_code == 403
    assert answer.text == f"a request from origin {origin!r} is not allowed; only pages served by this endpoint may post to it\n"
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_a_get_from_an_origin_not_named_has_no_header(open_to_one):
    same_site = requests.get(open_to_one.sparql_url, params=ASK, headers={"Origin": OTHER, "Sec-Fetch-Site": "same-site"}, timeout=30)
    cross_site = requests.get(open_to_one.sparql_url, params=ASK, headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}, timeout=30)
    assert same_site.status_code == 200 and "Access-Control-Allow-Origin" not in same_site.headers
    assert cross_site.status_code == 403 and "Access-Control-Allow-Origin" not in cross_site.headers


def test_without_cors_origin_nothing_is_shared(endpoint):
    answer = requests.get(endpoint.sparql_url, params=ASK, headers={"Origin": NAMED}, timeout=30)
    assert answer.status_code == 200
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert "Vary" in answer.headers and "Origin" not in answer.headers["Vary"]


def test_kg_serve_takes_cors_origin(built):
    store, exports = built
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--workers", "1", "--quiet",
         "--cors-origin", NAMED, "--cors-origin", "http://[::1]:5000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = re.fullmatch(r"serving .* read-only at (\S+)\n", process.stdout.readline()).group(1)
        named = requests.post(url, data=ASK, headers={"Origin": "http://[::1]:5000"}, timeout=30)
        other = requests.post(url, data=ASK, headers={"Origin": OTHER}, timeout=30)
    finally:
        stop_serving(process, signal.SIGTERM)
    assert (named.status_code, named.headers["Access-Control-Allow-Origin"]) == (200, "http://[::1]:5000")
    assert other.status_code == 403


@pytest.mark.parametrize(
    "origin, message",
    [
        ("127.0.0.1:8080", "--cors-origin '127.0.0.1:8080' is not an origin: give scheme, host and port, such as http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/yasgui", "--cors-origin 'http://127.0.0.1:8080/yasgui' is not an origin: give scheme, host and port, such as http://127.0.0.1:8080"),
        ("*", "--cors-origin '*' is not an origin: name each origin; '*' would let any web page query the graph"),
    ],
)
def test_kg_serve_refuses_what_is_not_an_origin(built, origin, message):
    store, exports = built
    run = subprocess.run([KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--cors-origin", origin],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr == f"Error: {message}\n"
    assert run.stdout == ""
