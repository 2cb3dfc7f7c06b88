"""Requests a hostile client or page sends to ``kg serve``, over a real socket: each gets a clear 4xx."""

from __future__ import annotations

import socket

import pytest
import requests


def _raw(endpoint, head: str, body: bytes = b"") -> str:
    """Send ``head`` (request line and headers) and ``body`` on a fresh socket; the status line and body."""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as conn:
        conn.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except socket.timeout:
            pass  # a server still waiting for body bytes: the status is whatever came before
    status, _, rest = answer.partition(b"\r\n")
    return status.decode("latin-1") + " | " + rest.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


def _post(endpoint, length_headers: str) -> str:
    head = (f"POST /sparql HTTP/1.1\nHost: 127.0.0.1:{endpoint.port}\nContent-Type: application/sparql-query\n"
            f"{length_headers}Connection: close\n")
    return _raw(endpoint, head, b"ASK { ?s ?p ?o }")


@pytest.mark.parametrize("length", ["-1", "-100", "1_000", "+5", " 0x10"])
def test_a_content_length_that_is_not_a_plain_count_is_refused_unread(endpoint, length):
    assert _post(endpoint, f"Content-Length: {length}\n") == (
        f"HTTP/1.1 400 Bad Request | bad Content-Length: {length.strip()!r}\n")


def test_a_chunked_body_is_refused_unread(endpoint):
    answer = _post(endpoint, "Transfer-Encoding: chunked\nContent-Length: 16\n")
    assert answer == "HTTP/1.1 411 Length Required | a POST needs a Content-Length header and no Transfer-Encoding\n"


def test_a_host_with_text_after_the_brackets_is_refused(endpoint):
    answer = requests.get(endpoint.sparql_url, params={"query": "ASK {}"}, headers={"Host": "[::1]evil.example"},
                          timeout=30)
    assert answer.status_code == 403
    assert answer.text == "host '[::1]evil.example' is not allowed; use http://127.0.0.1, or start kg serve with --allow-host NAME\n"


def test_a_cross_site_request_for_a_query_is_refused(endpoint):
    """What an <img src=".../sparql?query=..."> on another site sends: the browser marks it cross-site."""
    answer = requests.get(endpoint.sparql_url, params={"query": "ASK { ?s ?p ?o }"},
                          headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}, timeout=30)
    assert answer.status_code == 403
    assert answer.text == "a query from another site is not allowed; open this endpoint's own page to query it\n"


@pytest.mark.parametrize("site", ["same-origin", "none"])
def test_a_same_origin_or_typed_request_is_answered(endpoint, site):
    answer = requests.get(endpoint.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Sec-Fetch-Site": site},
                          timeout=30)
    assert answer.status_code == 200


@pytest.mark.parametrize("escape", ["\\U00110000", "\\uD800"])
def test_an_escape_beyond_unicode_is_a_400(endpoint, escape):
    answer = requests.get(endpoint.sparql_url, params={"query": f'SELECT * WHERE {{ ?s ?p "{escape}" }}'}, timeout=30)
    assert answer.status_code == 400, answer.text
