"""Fixtures shared by every test folder: stores to build into, and a real Oxigraph server.

``oxigraph_server`` starts ``oxigraph serve`` (the binary from the
``oxigraph`` PyPI package, extra ``server``) once per test session on a free
port, waits until it answers, and stops it by its process id. Without the
binary the tests that need it are skipped, except under ``CI=true``, where
they fail.

``virtuoso_server`` does the same with Debian's Virtuoso (``virtuoso-t``,
package ``virtuoso-opensource``): a minimal ``virtuoso.ini`` in a temporary
folder, free ports, SPARQL update granted to the endpoint's user with
``isql-vt``, and loads through its Graph Store Protocol endpoint.

``store_location(kind, tmp_path)`` gives a fresh location of each kind in
:data:`STORE_KINDS`; the ``remote`` (Oxigraph server) and ``virtuoso`` kinds
are a named graph of their own on the session's server, so tests never see
each other's data. To run a store
parametrised test against the server too::

    @pytest.fixture(params=STORE_KINDS)
    def store(request, tmp_path):
        return store_location(request.param, tmp_path, request)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote
from urllib.request import Request, urlopen

import pytest

# Ctrl-C as a terminal sends it. A suite started in the background of a shell without job control
# (`pytest ... &` in a script, nohup) inherits SIGINT ignored, and so does every kg it starts: the tests that
# stop `kg serve` or interrupt `kg unresolved` with SIGINT then waited out their timeouts (120 s each) and failed.
# Handled again here, in the run and in each xdist worker, it is reset to the default in every process they start.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

STORE_KINDS = ["oxigraph", "memory", "remote", "virtuoso"]
#: The kinds that are a SPARQL endpoint in another process.
REMOTE_KINDS = ["remote", "virtuoso"]

def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")

def _die_with_parent() -> None:
    """In a server's child process: be stopped when the test process dies, even by SIGKILL, whose
    fixtures never run their teardown (Linux; elsewhere a killed run leaves its servers behind)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


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

    def _select(self, query: str) -> list[dict]:
        request = Request(f"{self.query_url}?query=" + quote(query), headers={"Accept": "application/sparql-results+json"})
        with urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())["results"]["bindings"]

    def count(self, graph: str | None = None) -> int:
        """Triples in ``graph`` (every named graph when None), read without kg's code."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        return int(self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")[0]["n"]["value"])

    def graphs(self) -> set[str]:
        return {row["g"]["value"] for row in self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

def start_oxigraph(folder: Path, timeout: float = 30.0) -> tuple[subprocess.Popen, OxigraphServer]:
    binary = oxigraph_binary()
    if binary is None:
        _missing("the oxigraph server (pip install oxigraph)")
    port = free_port()
    log = open(folder.parent / f"{folder.name}.log", "wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_die_with_parent,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}", process.pid, folder)
    _wait_for(process, server, log.name, timeout)
    return process, server

@dataclass(frozen=True)
class VirtuosoServer(OxigraphServer):
    """Virtuoso: one URL for query and update, the Graph Store Protocol at /sparql-graph-crud."""

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def store_url(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    def location(self, graph: str | None = None, **extra: str) -> str:
        return super().location(graph, **{"gsp": self.store_url, **extra})


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
DirsAllowed = {folder}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 10000000
MaxSortedTopRows = 10000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""

# The endpoint's user may update (SPARQL_UPDATE) and write graphs through the Graph Store Protocol.
_VIRTUOSO_GRANTS = 'grant SPARQL_UPDATE to "SPARQL";\nDB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);\n'


def _wait_for(process: subprocess.Popen, server, log_name: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}; see {log_name}")
        try:
            with urlopen(f"{server.query_url}?query=" + quote("ASK {}"), timeout=2):
                return
        except (URLError, ConnectionError, OSError):
            if time.monotonic() > deadline:
                stop_process(process)
                raise RuntimeError(f"{server.query_url} did not answer within {timeout:g} s; see {log_name}")
            time.sleep(0.2)


def start_virtuoso(folder: Path, timeout: float = 90.0) -> tuple[subprocess.Popen, VirtuosoServer]:
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        _missing("Virtuoso (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = open(folder.parent / f"{folder.name}.log", "wb")
    process = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_die_with_parent)
    server = VirtuosoServer(f"http://127.0.0.1:{http_port}", process.pid, folder)
    _wait_for(process, server, log.name, timeout)
    grants = folder / "grants.sql"
    grants.write_text(_VIRTUOSO_GRANTS, encoding="utf-8")
    done = subprocess.run([isql, str(sql_port), "dba", "dba", str(grants)], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        stop_process(process)
        raise RuntimeError(f"isql-vt could not grant SPARQL update: {done.stdout}{done.stderr}")
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


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    process, server = start_virtuoso(tmp_path_factory.mktemp("virtuoso") / "data")
    try:
        yield server
    finally:
        stop_process(process)


@pytest.fixture
def virtuoso_store(virtuoso_server) -> str:
    """A location on the session's Virtuoso, in a named graph of its own."""
    return virtuoso_server.location()

def store_location(kind: str, tmp_path: Path, request=None) -> str:
    """A fresh store location of ``kind`` (one of :data:`STORE_KINDS`)."""
    if kind == "oxigraph":
        return str(tmp_path / "store")
    if kind == "memory":
        return f"memory:{tmp_path / 'graph.nt'}"
    if kind in REMOTE_KINDS:
        if request is None:
            raise ValueError(f"the {kind} kind needs the test's `request` to reach the server fixture")
        return request.getfixturevalue("remote_store" if kind == "remote" else "virtuoso_store")
    raise ValueError(f"unknown store kind {kind!r}")

@pytest.fixture(params=STORE_KINDS)
def any_store(request, tmp_path) -> str:
    """Each kind of store in turn: embedded Oxigraph, rdflib memory (file), Oxigraph server, Virtuoso."""
    return store_location(request.param, tmp_path, request)


class BuiltCases:
    """Cases built once per test process (per xdist worker), shared by every test that only reads them.

    ``location(kind, *cases, documents=None, request=None)`` builds ``cases`` into a store of ``kind``
    (one of :data:`STORE_KINDS`; the remote kinds need the test's ``request``) the first time it is
    asked, through ``kg build`` as a user runs it, and gives the same location every later time. A test
    that writes into a store (builds again, adds or removes triples) takes a fresh one from
    :func:`store_location` instead: a shared store is never written after its build.
    """

    def __init__(self, root: Path):
        self.root = root
        self._built: dict[tuple, str] = {}
        #: what ``kg build`` printed, by location
        self.outputs: dict[str, str] = {}

    def location(self, kind: str, *cases: Path, documents: Path | None = None, request=None) -> str:
        key = (kind, tuple(str(case) for case in cases), str(documents))
        if key not in self._built:
            from click.testing import CliRunner

            from kg.cli import cli

            import tempfile

            folder = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=self.root))
            if kind in REMOTE_KINDS:
                if request is None:
                    raise ValueError(f"the {kind} kind needs the test's `request` to reach the server fixture")
                server = request.getfixturevalue("oxigraph_server" if kind == "remote" else "virtuoso_server")
                location = server.location()
            else:
                location = store_location(kind, folder)
            args = ["build", *map(str, cases), "--store", location, "--out", str(folder / "out")]
            result = CliRunner().invoke(cli, args + (["--documents", str(documents)] if documents else []))
            assert result.exit_code == 0, result.output
            self._built[key] = location
            self.outputs[location] = result.output
        return self._built[key]


@pytest.fixture(scope="session")
def built_cases(tmp_path_factory) -> BuiltCases:
    """Built cases shared by the tests of this process: see :class:`BuiltCases`."""
    return BuiltCases(tmp_path_factory.mktemp("built"))


@pytest.fixture
def hermit(tmp_path):
    """HermiT, as shipped with owlready2, as a function from a graph to 'consistent' or 'inconsistent'.

    owlready2's own ``sync_reasoner_hermit`` stops at xsd:date literals, which are outside the OWL 2
    datatype map, so its bundled HermiT is called with ``--ignoreUnsupportedDatatypes``; dates then take
    no part in the check.
    """
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java")
    owlready2 = pytest.importorskip("owlready2")
    jars = Path(owlready2.__file__).parent / "hermit"

    def check(graph) -> str:
        data = tmp_path / "graph.nt"
        graph.serialize(data, format="nt", encoding="utf-8")
        owlready2.World().get_ontology(data.as_uri()).load()  # owlready2 must read it too
        command = ["java", "-Xmx2g", "-cp", f"{jars}:{jars / 'HermiT.jar'}", "org.semanticweb.HermiT.cli.CommandLine",
                   "-k", "--ignoreUnsupportedDatatypes", data.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if "InconsistentOntologyException" in done.stderr:
            return "inconsistent"
        assert done.returncode == 0, done.stderr[-2000:]
        assert "owl#Thing is satisfiable" in done.stdout, done.stdout
        return "consistent"

    return check


# Lanes: every test is marked by what it needs, so `make test-quick` can leave out the slow ones while
# `make test` runs them all. Marks are derived from the fixtures and parameters a test uses, never listed
# by hand, so a new test lands in the right lane by itself.
#: fixture names → the mark of the component they start.
_FIXTURE_MARKS = {
    "browser": "browser",
    "oxigraph_server": "remote",
    "remote_store": "remote",
    "virtuoso_server": "remote",
    "virtuoso_store": "remote",
    "endpoint": "server",
    "hermit": "jvm",
    "riot": "jvm",
}
#: folders whose every test starts a component of that kind.
_FOLDER_MARKS = {"browser": "browser", "serve": "server"}


def _lanes(item) -> set[str]:
    marks = {_FIXTURE_MARKS[name] for name in getattr(item, "fixturenames", ()) if name in _FIXTURE_MARKS}
    path, tests = Path(str(item.fspath)), Path(__file__).parent
    parts = path.relative_to(tests).parts if path.is_relative_to(tests) else ()  # doctests live in kg/
    if len(parts) > 1 and parts[0] in _FOLDER_MARKS:
        marks.add(_FOLDER_MARKS[parts[0]])
    callspec = getattr(item, "callspec", None)
    if callspec and any(value in REMOTE_KINDS for value in callspec.params.values() if isinstance(value, str)):
        marks.add("remote")
    return marks


def pytest_collection_modifyitems(config, items):
    for item in items:
        for mark in sorted(_lanes(item)):
            item.add_marker(getattr(pytest.mark, mark))


# Leaks between tests: state one test leaves in its process that breaks a later test in the same worker,
# so a test passed alone and failed in a full run, depending on which worker ran what before it.
def _leaked_help_options() -> list[str]:
    """Commands whose help option lost ``-h``: click caches a command's help option on first use, so a
    command object invoked alone (``CliRunner().invoke(ingest, ...)``, a root context without the group's
    ``-h``) prints ``--help`` alone for the rest of the process, even under ``kg``."""
    import sys

    import click

    if "kg.commands" not in sys.modules:  # no command was imported, so none was used
        return []
    import kg.cli as module

    group = click.Context(module.cli, info_name="kg", **module.cli.context_settings)
    names = group.help_option_names
    return [
        name
        for name, command in module.cli.commands.items()
        if (option := command.get_help_option(click.Context(command, parent=group, info_name=name, **command.context_settings)))
        and not set(option.opts) >= set(names) - {o for p in command.params for o in p.opts}
    ]


@pytest.fixture(autouse=True)
def _no_state_leaks(request):
    """Fail the test that leaves state behind, with the cause, rather than a later test in its worker."""
    yield
    import asyncio

    # tests/browser shares a started Playwright, whose loop stays marked as running until the package ends
    if Path(__file__).parent / "browser" not in Path(str(request.node.fspath)).parents:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            pytest.fail("this test left an asyncio event loop marked as running in the thread (a sync "
                        "Playwright left started?): asyncio.run() fails in every later test of this process")
    leaked = _leaked_help_options()
    if leaked:
        import kg.cli

        for name in leaked:  # dropped from click's cache, so only the test that leaked it fails
            kg.cli.cli.commands[name]._help_option = None
        pytest.fail(f"the help option of {', '.join(leaked)} lost -h: invoke commands through the group, "
                    f"CliRunner().invoke(cli, ['{leaked[0]}', ...]), not the command object alone")
