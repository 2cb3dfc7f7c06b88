"""Every command behaves the same on every store: embedded Oxigraph, rdflib memory, Oxigraph server, Virtuoso.

Each command runs as a user runs it (CliRunner) against a store of each kind holding the mini case,
and its output, or the bytes it writes, must be those of the embedded store.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kg.cli import cli
from kg.server import Endpoint, Limits
from kg.sparql import canned_queries
from kg.store import parse_location
from tests.conftest import STORE_KINDS
from tests.helpers import DOCUMENTS, MINI


def _run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (args, result.output)
    return result.output


def _build(location: str, out: Path) -> str:
    return _run("build", MINI, "--documents", DOCUMENTS, "--store", location, "--out", out)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("reference")
    location = str(folder / "store")
    _build(location, folder / "out")
    return location


@pytest.fixture(params=STORE_KINDS)
def built(request, built_cases) -> str:
    """The mini case in a store of each kind, built once per process: every test here only reads it."""
    location = built_cases.location(request.param, MINI, documents=DOCUMENTS, request=request)
    assert "triples into" in built_cases.outputs[location]
    return location


@functools.cache
def _expected(reference: str, *args) -> str:
    """What a command prints on the embedded reference store, which no test writes: run once for every store kind."""
    return _run(*args, "--store", reference)


def _alike(reference: str, store: str, *args) -> None:
    expected = _expected(reference, *args)
    assert _run(*args, "--store", store) == expected, args


def test_stats_validate_unresolved_and_path(reference, built):
    _alike(reference, built, "stats")
    if built.startswith("memory:"):  # pyshacl's report: the same verdict, its own wording
        assert _run("validate", "--store", built).splitlines()[:2] == ["Validation Report", "Conforms: True"]
    else:
        _alike(reference, built, "validate")
    for fmt in ("text", "json", "markdown"):
        _alike(reference, built, "unresolved", "--format", fmt)
    _alike(reference, built, "path", "Globex", "Deploy bot")


def test_every_canned_query_in_every_format(reference, built):
    for name in canned_queries():
        for fmt in ("json", "csv"):
            args = ["query", name, "--format", fmt] + (["--bind", 'name="globex"'] if name == "find-entity" else [])
            expected = _expected(reference, *args)
            got = _run(*args, "--store", built)
            if name.startswith("projection-"):  # unordered: the projection sorts them itself
                expected, got = sorted(expected.splitlines()), sorted(got.splitlines())
            assert got == expected, (name, fmt)


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "graphml"])
def test_exports_are_byte_identical(reference, built, tmp_path, fmt):
    paths = [tmp_path / f"reference.{fmt}", tmp_path / f"store.{fmt}"]
    for location, path in zip((reference, built), paths):
        _run("export", "--format", fmt, "-o", path, "--store", location)
    assert paths[1].read_bytes() == paths[0].read_bytes()


def test_html_pages_are_byte_identical(reference, built, tmp_path):
    pages = [tmp_path / "reference.html", tmp_path / "store.html"]
    for location, page in zip((reference, built), pages):
        _run("html", "--focus", "Globex", "--out", page, "--store", location)
    assert pages[1].read_bytes() == pages[0].read_bytes()


@pytest.mark.server  # starts kg serve itself, not through the endpoint fixture
def test_serve_answers_alike(reference, built):
    query = "SELECT ?org ?label WHERE { ?org a kg:Organization ; rdfs:label ?label } ORDER BY ?label"
    answers = []
    for location in (reference, built):
        with Endpoint(parse_location(location), port=0, limits=Limits(timeout=10, max_rows=100), workers=1) as running:
            answer = requests.post(running.sparql_url, data={"query": query}, headers={"Accept": "text/csv"}, timeout=10)
            assert answer.status_code == 200, answer.text
            answers.append(answer.text)
    assert answers[1] == answers[0] and "Globex" in answers[0]
