"""The home page and the exports: offline, escaped, read-only, no way out of the folder."""

from __future__ import annotations

import re
import socket

import pytest
import requests

from kg.sparql import canned_queries


def test_home_page_lists_the_canned_queries_and_exports(endpoint):
    answer = requests.get(endpoint.url, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    page = answer.text
    for name in canned_queries():
        assert f'data-canned="{name}"' in page
    assert '<a href="/exports/graph.html">' in page
    assert '<a href="/exports/kg.ttl">kg.ttl</a>' in page
    assert '<a href="/exports/csv/nodes.csv">csv/nodes.csv</a>' in page
    assert ".hidden" not in page
    assert '<textarea id="query"' in page
    assert endpoint.sparql_url in page


def test_home_page_loads_nothing_from_elsewhere(endpoint):
    answer = requests.get(endpoint.url, timeout=10)
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "script-src 'self'" in policy
    sources = re.findall(r'(?:src|href)="([^"]+)"', answer.text)
    assert sources and all(s.startswith("/") or s == "data:," for s in sources), sources
    for asset in ("/static/home.js", "/static/home.css"):
        body = requests.get(endpoint.url.rstrip("/") + asset, timeout=10)
        assert body.status_code == 200
        assert "http://" not in body.text and "https://" not in body.text


def test_canned_query_texts_are_embedded_safely(endpoint):
    import json

    page = requests.get(endpoint.url, timeout=10).text
    data = page.split('<script type="application/json" id="canned-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # nothing in a query can close the script element
    assert json.loads(data) == {name: query.text for name, query in canned_queries().items()}


def test_an_export_file_is_served(endpoint, built):
    _, exports = built
    answer = requests.get(endpoint.url + "exports/kg.ttl", timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert answer.content == (exports / "kg.ttl").read_bytes()
    page = requests.get(endpoint.url + "exports/graph.html", timeout=10)
    assert page.text == (exports / "graph.html").read_text(encoding="utf-8")
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]


def test_head_gives_the_length_without_a_body(endpoint, built):
    answer = requests.head(endpoint.url + "exports/kg.ttl", timeout=10)
    assert answer.status_code == 200
    assert int(answer.headers["Content-Length"]) == (built[1] / "kg.ttl").stat().st_size
    assert answer.content == b""


def raw_get(endpoint, path: str) -> tuple[int, bytes]:
    """GET without any client-side path normalisation."""
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1]


@pytest.mark.parametrize(
    "path",
    [
        "/exports/../secret.txt",
        "/exports/%2e%2e/secret.txt",
        "/exports/csv/../../secret.txt",
        "/exports/%2E%2E%2Fsecret.txt",
        "/exports//etc/passwd",
        "/exports/escape",  # a symlink that points out of the folder
        "/exports/.hidden",
        "/exports/csv",  # a folder
        "/exports/",
        "/exports/..%5Csecret.txt",
        "/exports/missing.ttl",
    ],
)
def test_nothing_outside_the_exports_folder_is_served(endpoint, path):
    status, body = raw_get(endpoint, path)
    assert status == 404
    assert b"outside the exports folder" not in body
    assert b"root:" not in body


def test_exports_are_read_only(endpoint, built):
    before = (built[1] / "kg.ttl").read_bytes()
    for method in ("PUT", "DELETE", "POST"):
        answer = requests.request(method, endpoint.url + "exports/kg.ttl", data=b"x", timeout=10)
        assert answer.status_code == 405
    assert (built[1] / "kg.ttl").read_bytes() == before


def test_unknown_paths_are_404(endpoint):
    answer = requests.get(endpoint.url + "admin", timeout=10)
    assert answer.status_code == 404
    assert answer.text == "not found: /admin\n"


def test_labels_from_documents_are_escaped_in_export_names(built, endpoint):
    hostile = built[1] / "<img src=x onerror=alert(1)>.txt"
    hostile.write_text("x", encoding="utf-8")
    try:
        page = requests.get(endpoint.url, timeout=10).text
    finally:
        hostile.unlink()
    assert "<img" not in page
    assert '<a href="/exports/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt">&lt;img src=x onerror=alert(1)&gt;.txt</a>' in page
