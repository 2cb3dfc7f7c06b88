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

STORES = ["remote"]


@pytest.fixture(params=STORES)
def store(request, tmp_path) -> str:
    if request.param == "remote":
        from tests.conftest import store_location
        return store_location("remote", tmp_path, request)
    if request.param == "oxigraph":
        return str(tmp_path / "store")
    return f"memory:{tmp_path / 'graph.nt'}"


def run(*args: str):
    """``kg ARGS`` as a user types it, through click's runner."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def build_into(store: str, *cases: Path, out: Path | None = None, documents: Path | None = None):
    import tempfile
    default_out = Path(tempfile.mkdtemp()) / "out" if store.startswith("sparql+") else Path(store.removeprefix("memory:")).parent / "out"
    args = ["build", *cases, "--store", store, "--out", out or default_out]
    if documents:
        args += ["--documents", documents]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def acme(store) -> str:
    """The store, with the acme fixture case built into it."""
    build_into(store, ACME)
    return store


@pytest.fixture
def acme_graph(acme):
    from kg.store import open_graph

    return open_graph(acme)


@pytest.fixture
def acme_projection(acme_graph):
    from kg.analysis.nxgraph import project

    return project(acme_graph)
