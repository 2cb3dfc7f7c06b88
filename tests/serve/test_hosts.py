"""DNS rebinding and cross-site posts: which Host and Origin headers the endpoint answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from kg.server import Endpoint
from kg.store import parse_location
from tests.serve.conftest import stop_serving

KG = str(Path(sys.executable).parent / "kg")
ASK = {"query": "ASK { ?s ?p ?o }"}


def refused_host(host: str) -> str:
    return f"host {host!r} is not allowed; use http://127.0.0.1, or start kg serve with --allow-host NAME\n"


@pytest.mark.parametrize("host", ["127.evil.example", "127.0.0.1.nip.io", "localhost.evil.example", "evil.example", "127.1", "0x7f000001"])
def test_names_that_only_look_local_are_refused(endpoint, host):
    answer = requests.get(endpoint.sparql_url, params=ASK, headers={"Host": f"{host}:{endpoint.port}"}, timeout=30)
    assert (answer.status_code, answer.text) == (403, refused_host(f"{host}:{endpoint.port}"))


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "[::1]"])
def test_localhost_and_loopback_addresses_are_answered(endpoint, host):
    answer = requests.get(endpoint.sparql_url, params=ASK, headers={"Host": f"{host}:{endpoint.port}"}, timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.json()["boolean"] is True


def test_allow_host_adds_a_name(built):
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, workers=1, allowed_hosts=("kg.lan",)) as running:
        named = requests.get(running.sparql_url, params=ASK, headers={"Host": f"kg.lan:{running.port}"}, timeout=30)
        other = requests.get(running.sparql_url, params=ASK, headers={"Host": f"other.lan:{running.port}"}, timeout=30)
    assert named.status_code == 200
    assert other.status_code == 403


def test_a_post_from_the_endpoints_own_page_is_answered(endpoint):
    origin = f"http://127.0.0.1:{endpoint.port}"
    answer = requests.post(endpoint.sparql_url, data=ASK, headers={"Origin": origin}, timeout=30)
    assert answer.status_code == 200
    assert answer.json()["boolean"] is True


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://127.0.0.1:{port}", "http://127.0.0.1:1", "http://localhost:{port}"])
def test_a_post_from_another_origin_is_refused(endpoint, origin):
    origin = origin.format(port=endpoint.port)
    for kwargs in ({"data": ASK}, {"data": b"ASK {}", "headers": {"Content-Type": "application/sparql-query"}}):
        headers = {"Origin": origin, **kwargs.pop("headers", {})}
        answer = requests.post(endpoint.sparql_url, headers=headers, timeout=30, **kwargs)
        assert answer.status_code == 403
        assert answer.text == f"a request from origin {origin!r} is not allowed; only pages served by this endpoint may post to it\n"


def test_a_post_without_origin_is_answered(endpoint):
    """Clients that are not browsers (curl, SPARQLWrapper) send no Origin."""
    answer = requests.post(endpoint.sparql_url, data=ASK, timeout=30)
    assert answer.status_code == 200


def test_listening_beyond_loopback_warns(built):
    store, exports = built
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--host", "0.0.0.0", "--port", "0", "--exports", str(exports), "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = process.stdout.readline().split(" at ")[1].strip()
        port = url.rsplit(":", 1)[1].split("/")[0]
        assert requests.get(url.replace("0.0.0.0", "127.0.0.1"), params=ASK, timeout=30).status_code == 200
    finally:
        _, err = stop_serving(process)
    assert err.splitlines(keepends=True)[:1] == [f"warning: listening on 0.0.0.0: the endpoint is reachable from the network, and anyone who can reach port {port} can read the whole graph\n"]


def test_listening_on_loopback_does_not_warn(built):
    store, exports = built
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = process.stdout.readline().split(" at ")[1].strip()
        assert requests.get(url, params=ASK, timeout=30).status_code == 200  # serving, past the warning
    finally:
        _, err = stop_serving(process)
    assert err == ""
