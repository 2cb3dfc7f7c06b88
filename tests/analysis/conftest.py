"""Stores the analysis, query and unresolved tests run against, and builds into them.

``store`` yields a store location under ``tmp_path`` for each kind of store, so
every test that takes it runs once per store: the embedded Oxigraph (its own
SPARQL engine) and rdflib's in-memory store saved to a file (rdflib's engine).
A remote endpoint can join by adding a parameter here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import FIXTURES

ACME = FIXTURES / "cases" / "acme"
UNRELATED = FIXTURES / "cases" / "unrelated"
BASE = "https://w3id.org/kg/id/"

STORES = ["oxigraph", "memory"]


@pytest.fixture(params=STORES)
def store(request, tmp_path) -> str:
    if request.param == "oxigraph":
        return str(tmp_path / "store")
    return f"memory:{tmp_path / 'graph.nt'}"


def run(*args: str):
    """``kg ARGS`` as a user types it, through click's runner."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def build_into(store: str, *cases: Path, out: Path | None = None, documents: Path | None = None):
    args = ["build", *cases, "--store", store, "--out", out or Path(store.removeprefix("memory:")).parent / "out"]
    if documents:
        args += ["--documents", documents]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def shared_build(built_cases, store: str, *cases: Path, documents: Path | None = None) -> str:
    """``cases`` built into a store of the kind of ``store``, once per process, for tests that only read
    it (see tests/conftest.py's BuiltCases): a test that writes builds into ``store`` itself."""
    kind = "memory" if store.startswith("memory:") else "oxigraph"
    return built_cases.location(kind, *cases, documents=documents)


@pytest.fixture
def acme(store, built_cases) -> str:
    """A store of the kind of ``store`` with the acme fixture case built into it (shared: only read it)."""
    return shared_build(built_cases, store, ACME)


@pytest.fixture
def acme_graph(acme):
    from kg.store import open_graph

    return open_graph(acme)


@pytest.fixture
def acme_projection(acme_graph):
    from kg.analysis.nxgraph import project

    return project(acme_graph)
