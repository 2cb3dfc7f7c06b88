"""Endpoints on free loopback ports over the mini fixture case, stopped after the tests."""

from __future__ import annotations

import signal
import socket
import subprocess
import threading

import pytest

from kg.build import build
from kg.server import Endpoint, Limits
from kg.store import parse_location
from tests.helpers import DOCUMENTS, MINI

#: The slowest query we know: a three-way cross product of every triple.
#: How long a `kg serve` the tests started may take to stop once signalled. It stops in about a second; on a
#: machine shared by several test runs and builds (load 10 on two cores) it took more than 30 s, so the bound is
#: wide, and a server that never stops still fails the test (and is killed, not left behind).
STOP_SECONDS = 120


def stop_serving(process: subprocess.Popen, signum: int = signal.SIGINT) -> tuple[str, str]:
    """Signal a `kg serve` this test started and wait for it to stop: its standard output and error."""
    process.send_signal(signum)
    try:
        return process.communicate(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"kg serve did not stop within {STOP_SECONDS} s of signal {signum}")


SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(store location, exports folder) for the mini case; exports holds a few files."""
    root = tmp_path_factory.mktemp("serve")
    store = root / "store"
    exports = root / "exports"
    build([MINI], out=str(exports), documents=DOCUMENTS, store=str(store), validate=False)
    (exports / "graph.html").write_text("<!doctype html><title>graph</title><p>the graph page</p>\n", encoding="utf-8")
    (exports / "csv").mkdir()
    (exports / "csv" / "nodes.csv").write_text("id,label\n", encoding="utf-8")
    (exports / ".hidden").write_text("not listed\n", encoding="utf-8")
    (root / "secret.txt").write_text("outside the exports folder\n", encoding="utf-8")
    (exports / "escape").symlink_to(root / "secret.txt")
    return str(store), exports


@pytest.fixture(scope="session")
def endpoint(built):
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=10, max_rows=5000), workers=2, yasgui=None) as running:
        yield running


@pytest.fixture(scope="session")
def limited(built):
    """An endpoint with a one-second timeout and a cap of five rows."""
    store, exports = built
    with Endpoint(parse_location(store), port=0, exports=exports, limits=Limits(timeout=1.0, max_rows=5), workers=2) as running:
        yield running


class Listener:
    """A TCP socket on loopback that records every connection made to it, and closes each at once."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/sparql"
        self._seen: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        import select

        while not self._stop.is_set():
            if not select.select([self._socket], [], [], 0.1)[0]:
                continue
            conn, _ = self._socket.accept()
            conn.settimeout(0.5)
            try:
                self._seen.append(conn.recv(200))
            except OSError:
                self._seen.append(b"")
            conn.close()

    @property
    def connections(self) -> list[bytes]:
        """The first bytes of every connection so far (after a moment for one still in the backlog)."""
        self._stop.wait(0.3)
        return list(self._seen)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._socket.close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()
