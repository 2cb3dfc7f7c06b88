"""Fixtures shared by every test folder: stores to build into, and a real Oxigraph server.

``oxigraph_server`` starts ``oxigraph serve`` (the binary from the
``oxigraph`` PyPI package, extra ``server``) once per test session on a free
port, waits until it answers, and stops it by its process id. Without the
binary the tests that need it are skipped, except under ``CI=true``, where
they fail.

``store_location(kind, tmp_path)`` gives a fresh location of each kind in
:data:`STORE_KINDS`; the ``remote`` kind is a named graph of its own on the
session's server, so tests never see each other's data. To run a store
parametrised test against the server too::

    @pytest.fixture(params=STORE_KINDS)
    def store(request, tmp_path):
        return store_location(request.param, tmp_path, request)
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote
from urllib.request import urlopen

import pytest

STORE_KINDS = ["oxigraph", "memory", "remote"]

def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} must be installed in CI")
    pytest.skip(f"{what} not installed")

@dataclass(frozen=True)
class OxigraphServer:
    base: str  # http://127.0.0.1:PORT
    pid: int
    folder: Path

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def location(self, graph: str | None = None, **extra: str) -> str:
        """A ``--store`` location on this server; ``graph`` defaults to a fresh named graph."""
        params = {"graph": graph or f"urn:kg:test:{uuid.uuid4().hex}", **extra}
        return f"sparql+{self.query_url}?" + "&".join(f"{k}={v}" for k, v in params.items())

    def count(self, graph: str | None = None) -> int:
        """Triples in ``graph`` (every named graph when None), read without kg's code."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        with urlopen(f"{self.query_url}?query=" + quote(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"), timeout=30) as answer:

            return int(json.loads(answer.read())["results"]["bindings"][0]["n"]["value"])

    def graphs(self) -> set[str]:
        with urlopen(f"{self.query_url}?query=" + quote("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), timeout=30) as answer:

            return {row["g"]["value"] for row in json.loads(answer.read())["results"]["bindings"]}

def start_oxigraph(folder: Path, timeout: float = 30.0) -> tuple[subprocess.Popen, OxigraphServer]:
    binary = oxigraph_binary()
    if binary is None:
        _missing("the oxigraph server (pip install oxigraph)")
    port = free_port()
    log = open(folder.parent / f"{folder.name}.log", "wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}", process.pid, folder)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}; see {log.name}")
        try:
            with urlopen(f"{server.query_url}?query=" + quote("ASK {}"), timeout=2):
                break
        except (URLError, ConnectionError, OSError):
            if time.monotonic() > deadline:
                stop_process(process)
                raise RuntimeError(f"oxigraph serve did not answer on port {port} within {timeout:g} s")
            time.sleep(0.1)
    return process, server

def stop_process(process: subprocess.Popen) -> None:
    """Stop one process we started, by its id: SIGTERM, then SIGKILL."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    process, server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "data")
    try:
        yield server
    finally:
        stop_process(process)

@pytest.fixture
def remote_store(oxigraph_server) -> str:
    """A location on the session's Oxigraph server, in a named graph of its own."""
    return oxigraph_server.location()

def store_location(kind: str, tmp_path: Path, request=None) -> str:
    """A fresh store location of ``kind`` (one of :data:`STORE_KINDS`)."""
    if kind == "oxigraph":
        return str(tmp_path / "store")
    if kind == "memory":
        return f"memory:{tmp_path / 'graph.nt'}"
    if kind == "remote":
        if request is None:
            raise ValueError("the remote kind needs the test's `request` to reach the server fixture")
        return request.getfixturevalue("remote_store")
    raise ValueError(f"unknown store kind {kind!r}")

@pytest.fixture(params=STORE_KINDS)
def any_store(request, tmp_path) -> str:
    """Each kind of store in turn: embedded Oxigraph, rdflib memory (file), a remote endpoint."""
    return store_location(request.param, tmp_path, request)
