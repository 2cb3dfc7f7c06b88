"""Terminal escapes in the data are shown, never obeyed: one test per command that prints data."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit

#: Sets the terminal's title to T, then clears the screen.
HOSTILE = "\x1b]0;T\x07\x1b[2J"
SHOWN = "\\x1b]0;T\\x07\\x1b[2J"


def assert_inert(text: str, shown: str = SHOWN) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)
    assert shown in text, text


def run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.output


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store built from the mini case with the hostile text in a label and in a question."""
    root = tmp_path_factory.mktemp("terminal")
    case = copy_case(root)
    edit(case / "entities.yaml", "    label: Globex\n", '    label: "Globex\\e]0;T\\a\\e[2J"\n')
    edit(case / "claims.yaml", "asks: Was the Thursday failure related to the Monday outage?", 'asks: "Was the Thursday failure \\e]0;T\\a\\e[2J related?"')
    store = root / "store"
    built = CliRunner().invoke(cli, ["build", str(case), "--documents", str(DOCUMENTS), "--store", str(store), "--out", str(root / "out")])
    assert built.exit_code == 0, built.output
    return store, built.output


def test_kg_build_summary(hostile):
    # The build ends with counts only (the questions, with their hostile text, are `kg stats`'s, below):
    # nothing the case wrote reaches the terminal raw.
    assert "\x1b" not in hostile[1] and "\x07" not in hostile[1], repr(hostile[1])
    assert "open questions: " in hostile[1]


def test_kg_stats(hostile):
    assert_inert(run("stats", "--store", hostile[0]))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_kg_unresolved(hostile, fmt):
    # Markdown escapes the brackets as well: \x1b\]0;T\x07\x1b\[2J
    assert_inert(run("unresolved", "--format", fmt, "--store", hostile[0]), SHOWN if fmt == "text" else "\\x1b\\]0;T\\x07")


def test_kg_query_table(hostile):
    output = run("query", "SELECT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label", "--store", hostile[0])
    assert_inert(output)


def test_kg_path(hostile):
    assert_inert(run("path", "globex", "payments", "--store", hostile[0]))


def test_an_error_that_quotes_the_query(hostile):
    output = run("query", f"SELECT ?x WHERE {{ ?x {HOSTILE} }}", "--store", hostile[0])
    assert output.startswith("Error: syntax error at line 1")
    assert_inert(output)


@pytest.mark.server  # starts kg serve itself, not through the endpoint fixture
def test_the_servers_request_log(built):
    from kg.server import Endpoint
    from kg.store import parse_location

    store, exports = built
    lines: list[str] = []
    with Endpoint(parse_location(store), port=0, exports=exports, workers=1, log=lines.append) as running:
        with socket.create_connection(("127.0.0.1", running.port), timeout=30) as conn:
            conn.sendall(f"GET /{HOSTILE} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
            while conn.recv(65536):
                pass
    assert lines, "nothing was logged"
    assert_inert("\n".join(lines))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build
    from tests.helpers import MINI

    root = tmp_path_factory.mktemp("log")
    build([MINI], out=None, documents=DOCUMENTS, store=str(root / "store"), validate=False)
    return str(root / "store"), root


#: An article whose text sets the title, writes the clipboard (OSC 52) and reverses the line (RLO).
_ARTICLE = ("date: 2026-03-01\n\nKestrel Networks\x1b]0;T\x07\x1b[2J said on Monday that \"a router update caused "
            "the outage\x1b]52;c;aGk=\x07 at the site,\" according to Ravi Patel\u202e, a spokesperson.\n\n"
            "The company denied that customer data was lost.\n")


def _assert_no_controls(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\u202e"), repr(text)


def test_kg_ingest_report(tmp_path):
    article = tmp_path / "a\x1b]0;T\x07.txt"  # the file's name too
    article.write_text(_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    _assert_no_controls(result.output)
    assert "\\x1b]52;c;aGk=\\x07" in result.output and "\\u202e" in result.output


def test_kg_diff_report(hostile, tmp_path):
    store, _ = hostile
    new = tmp_path / "new.ttl"
    assert CliRunner().invoke(cli, ["export", "--format", "turtle", "-o", str(new), "--store", str(store)]).exit_code == 0
    old = tmp_path / "old.ttl"
    old.write_text("", encoding="utf-8")
    output = run("diff", old, new)
    assert_inert(output)
