"""`kg serve` as a user runs it: a real process, a real port, Ctrl-C to stop."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.serve.conftest import stop_serving

KG = str(Path(sys.executable).parent / "kg")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_kg_serve_serves_until_stopped(built, stop):
    store, exports = built
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stdout.readline()
        second = process.stdout.readline()
        match = re.fullmatch(rf"serving {re.escape(store)} read-only at (http://127\.0\.0\.1:\d+/sparql)\n", first)
        assert match, first
        url = match.group(1)
        assert second == f"home page: {url[: -len('sparql')]} (Ctrl-C stops)\n"
        answer = requests.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert answer.json()["boolean"] is True
    finally:
        out, err = stop_serving(process, stop)
    assert process.returncode == 0, err
    assert out == "stopped\n"
    assert '"GET /sparql?query=ASK' in err and '" 200 ' in err  # one log line per request


def test_kg_serve_quiet_logs_nothing(built):
    store, exports = built
    process = subprocess.Popen(
        [KG, "serve", "--store", store, "--port", "0", "--exports", str(exports), "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = process.stdout.readline().split(" at ")[1].strip()
        process.stdout.readline()
        requests.get(url, params={"query": "ASK {}"}, timeout=30)
    finally:
        _, err = stop_serving(process)
    assert err == ""


def test_a_file_store_can_be_served(tmp_path):
    """memory:FILE.nt stores (one N-Triples file) are served too."""
    from kg.build import build
    from kg.server import Endpoint
    from kg.store import parse_location
    from tests.helpers import DOCUMENTS, MINI

    location = f"memory:{tmp_path / 'kg.nt'}"
    build([MINI], out=None, documents=DOCUMENTS, store=location, validate=False)
    with Endpoint(parse_location(location), port=0, exports=None, workers=1) as endpoint:
        answer = requests.get(endpoint.sparql_url, params={"query": "SELECT ?l WHERE { <https://w3id.org/kg/id/mini/globex> rdfs:label ?l }"}, timeout=30)
    assert answer.json()["results"]["bindings"] == [{"l": {"type": "literal", "value": "Globex"}}]
