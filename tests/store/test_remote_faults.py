"""A remote endpoint that is down, slow, or failing: clear errors, bounded retries, no half graph."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.remote import parse_remote, replace_remote
from kg.store import open_graph
from tests.conftest import free_port


class FakeEndpoint:
    """A loopback HTTP server that records requests and answers as ``behaviour`` says."""

    def __init__(self, behaviour):
        self.requests: list[tuple[str, str]] = []  # (path, body)
        self.behaviour = behaviour
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                owner.requests.append((self.path, body))
                status, payload = owner.behaviour(self.path, body, len(owner.requests))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/sparql-results+json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _always(status: int, payload: bytes = b"boom"):
    return lambda path, body, n: (status, payload)


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setenv("KG_REMOTE_TIMEOUT", "0.5")
    monkeypatch.setenv("KG_REMOTE_RETRIES", "2")


def test_an_endpoint_answering_500_is_retried_a_bounded_number_of_times():
    with FakeEndpoint(_always(500, b"internal trouble")) as fake:
        with pytest.raises(StoreError) as caught:
            open_graph(f"sparql+{fake.url}/query")
    assert str(caught.value) == (f"SPARQL endpoint {fake.url}/query answered 500 Internal Server Error: internal trouble "
                                 "after 3 attempts (the query)")
    assert len(fake.requests) == 3


def test_a_client_error_is_not_retried():
    with FakeEndpoint(_always(400, b"bad query")) as fake:
        with pytest.raises(StoreError, match=rf"SPARQL endpoint {fake.url}/query refused the query: answered 400 Bad Request: bad query"):
            open_graph(f"sparql+{fake.url}/query")
    assert len(fake.requests) == 1


@pytest.mark.slow
def test_a_slow_endpoint_times_out_and_names_the_url():
    def slow(path, body, n):
        time.sleep(2)
        return 200, b"{}"

    with FakeEndpoint(slow) as fake:
        started = time.monotonic()
        with pytest.raises(StoreError, match=rf"SPARQL endpoint {fake.url}/query did not answer within 0.5 s after 3 attempts"):
            open_graph(f"sparql+{fake.url}/query")
        assert time.monotonic() - started < 4  # 3 × 0.5 s plus the pauses between attempts


def test_a_closed_port_is_a_clear_cli_error(monkeypatch):
    monkeypatch.setenv("KG_REMOTE_RETRIES", "1")
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["stats", "--store", f"sparql+{url}"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: SPARQL endpoint {url} cannot be reached (")
    assert result.output.endswith("after 2 attempts (the query)\n")
    assert "Traceback" not in result.output


def test_a_load_failing_half_way_never_swaps_and_cleans_up():
    """The second batch fails for good: no MOVE is sent, the staging graph is dropped."""

    def behaviour(path, body, n):
        if path.startswith("/query"):
            return 200, json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode()
        inserts = sum(1 for p, b in fake.requests if b.startswith("INSERT DATA"))
        if body.startswith("INSERT DATA") and inserts >= 2:
            return 500, b"disk full"
        return 204, b""

    lines = [f"<urn:s{i}> <urn:p> \"{i}\" .\n".encode() for i in range(200)]
    with FakeEndpoint(behaviour) as fake:
        endpoint = parse_remote(f"sparql+{fake.url}/query")
        with pytest.raises(StoreError, match=rf"SPARQL endpoint {fake.url}/update answered 500 Internal Server Error: disk full after 3 attempts \(the load\)"):
            replace_remote(endpoint, lines, batch_bytes=2000)
    updates = [body for path, body in fake.requests if path == "/update"]
    assert not any(u.startswith("MOVE") for u in updates)
    assert updates[-1].startswith("DROP SILENT GRAPH <https://w3id.org/kg/graph/staging/")


def test_a_short_count_after_loading_is_refused():
    """The endpoint acknowledges every batch but holds fewer triples: nothing is swapped."""

    def behaviour(path, body, n):
        if path.startswith("/query"):
            rows = [{"n": {"type": "literal", "value": "7"}}] if "COUNT" in body else []
            return 200, json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": rows}}).encode()
        return 204, b""

    lines = [f"<urn:s{i}> <urn:p> \"{i}\" .\n".encode() for i in range(10)]
    with FakeEndpoint(behaviour) as fake:
        with pytest.raises(StoreError, match=r"holds 7 of the 10 triples sent; the previous graph is unchanged"):
            replace_remote(parse_remote(f"sparql+{fake.url}/query"), lines)
    assert not any(body.startswith("MOVE") for _, body in fake.requests)
