"""A hostile remote endpoint: kg makes no outbound request on its say-so and reads no local file.

The endpoint fixture is a loopback server that answers CONSTRUCT with JSON-LD whose ``@context``
is remote or a ``file:`` URL, redirects to another host, or leaves variables unbound. A second
loopback server stands for "the outside": any request it records is a fetch kg was tricked into.
An audit hook records every file kg opens and every socket it connects, for the proof.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from kg.cli import cli

_WATCH: dict[str, list] = {"opened": [], "connected": []}


def _audit(event, args):
    if event == "open" and isinstance(args[0], str):
        _WATCH["opened"].append(args[0])
    elif event == "socket.connect":
        _WATCH["connected"].append(args[1])


sys.addaudithook(_audit)  # hooks cannot be removed; it only appends to two lists


class Server:
    """A loopback HTTP server; ``answer(method, path, body)`` gives (status, headers, payload)."""

    def __init__(self, answer):
        self.seen: list[tuple[str, str, str]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else ""
                owner.seen.append((method, self.path, body))
                status, headers, payload = answer(method, self.path, body)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._reply("GET")

            def do_POST(self):
                self._reply("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _rows(*rows: dict) -> bytes:
    names = sorted({k for row in rows for k in row})
    return json.dumps({"head": {"vars": names}, "results": {"bindings": list(rows)}}).encode()


_ONE_ROW = _rows({"s": {"type": "uri", "value": "urn:x"}})
_JSON = {"Content-Type": "application/sparql-results+json"}


@pytest.fixture
def outside():
    server = Server(lambda method, path, body: (200, {"Content-Type": "application/ld+json"},
                                                b'{"@context": {"name": "urn:stolen:"}}'))
    yield server
    server.close()


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret-context.jsonld"
    path.write_text('{"@context": {"@vocab": "urn:secret:"}}', encoding="utf-8")
    return path


def _hostile(construct):
    """An endpoint that holds a graph (ASK/SELECT say so) and answers CONSTRUCT with ``construct``."""

    def answer(method, path, body):
        query = parse_qs(body).get("query", [""])[0]
        if "CONSTRUCT" in query:
            return construct(method, path, body)
        return 200, _JSON, _ONE_ROW

    return Server(answer)


def _export(endpoint, tmp_path, format_name="turtle"):
    _WATCH["opened"].clear()
    _WATCH["connected"].clear()
    out = tmp_path / f"out.{format_name}"
    result = CliRunner().invoke(cli, ["export", "--format", format_name, "-o", str(out), "--store",
                                      f"sparql+{endpoint.url}/query"])
    return result, out


def _ports_connected() -> set[int]:
    return {address[1] for address in _WATCH["connected"] if isinstance(address, tuple) and len(address) >= 2}


@pytest.mark.parametrize("context", ["remote", "file"])
def test_a_json_ld_answer_is_refused_before_any_context_is_fetched_or_read(tmp_path, outside, secret, context):
    where = f"{outside.url}/context.jsonld" if context == "remote" else secret.as_uri()
    document = json.dumps({"@context": where, "@id": "urn:x", "name": "hello"}).encode()
    endpoint = _hostile(lambda m, p, b: (200, {"Content-Type": "application/ld+json"}, document))
    try:
        result, out = _export(endpoint, tmp_path)
    finally:
        endpoint.close()
    assert result.exit_code == 1, result.output
    assert result.output == (f"Error: SPARQL endpoint {endpoint.url}/query answered in application/ld+json; "
                             "kg reads a graph only as N-Triples or N-Quads\n")
    assert outside.seen == []
    assert outside.port not in _ports_connected()
    assert str(secret) not in _WATCH["opened"]
    assert not out.exists()


def test_kg_asks_for_n_triples_or_n_quads_only(tmp_path):
    endpoint = _hostile(lambda m, p, b: (200, {"Content-Type": "application/n-triples"},
                                         b"<urn:a> <urn:p> \"x\" .\n"))
    try:
        result, out = _export(endpoint, tmp_path, "turtle")
    finally:
        endpoint.close()
    assert result.exit_code == 0, result.output
    construct = [body for method, path, body in endpoint.seen if "CONSTRUCT" in body]
    assert construct
    assert "urn:a" in out.read_text(encoding="utf-8")


def test_an_n_quads_answer_is_read_as_its_triples(tmp_path):
    endpoint = _hostile(lambda m, p, b: (200, {"Content-Type": "application/n-quads"},
                                         b"<urn:a> <urn:p> \"x\" <urn:g> .\n"))
    try:
        result, out = _export(endpoint, tmp_path, "turtle")
    finally:
        endpoint.close()
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "<urn:a> <urn:p> \"x\" ." in written
    assert "urn:g" not in written


def test_a_broken_n_triples_answer_is_a_clear_error(tmp_path):
    endpoint = _hostile(lambda m, p, b: (200, {"Content-Type": "application/n-triples"}, b"<urn:a> <urn:p> oops\n"))
    try:
        result, out = _export(endpoint, tmp_path)
    finally:
        endpoint.close()
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: SPARQL endpoint {endpoint.url}/query sent N-Triples kg cannot read: ")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_redirect_to_another_host_is_not_followed(tmp_path, outside):
    endpoint = Server(lambda m, p, b: (303, {"Location": f"{outside.url}/query"}, b""))
    try:
        result, out = _export(endpoint, tmp_path)
    finally:
        endpoint.close()
    assert result.exit_code == 1
    assert result.output == (f"Error: SPARQL endpoint {endpoint.url}/query redirected the query to {outside.url}/query; "
                             "kg follows no redirect to another host\n")
    assert outside.seen == []
    assert outside.port not in _ports_connected()


def test_a_select_answer_in_another_syntax_is_refused(tmp_path, outside):
    """Result.parse would pick a parser from the answer's Content-Type: only SPARQL JSON results are read."""
    document = json.dumps({"@context": f"{outside.url}/c", "@id": "urn:x"}).encode()
    endpoint = Server(lambda m, p, b: (200, {"Content-Type": "application/ld+json"}, document))
    try:
        result = CliRunner().invoke(cli, ["query", "--store", f"sparql+{endpoint.url}/query",
                                          "SELECT ?s WHERE { ?s ?p ?o }"])
    finally:
        endpoint.close()
    assert result.exit_code == 1
    assert "answered in application/ld+json" in result.output
    assert outside.seen == []


def test_unbound_variables_in_an_answer_are_a_clear_error(tmp_path):
    """A row without ?o where kg asked for whole triples: a one-line error, never a traceback."""
    rows = _rows({"s": {"type": "uri", "value": "urn:a"}, "p": {"type": "uri", "value": "urn:p"}})

    def answer(method, path, body):
        return 200, _JSON, rows

    endpoint = Server(answer)
    try:
        result, out = _export(endpoint, tmp_path, "nquads")
    finally:
        endpoint.close()
    assert result.exit_code == 1, result.output
    assert result.output == (f"Error: SPARQL endpoint {endpoint.url}/query answered a row without ?o "
                             "where every variable must be bound\n")
    assert not out.exists()
