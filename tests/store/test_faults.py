"""The embedded store under faults: concurrent builds, a build killed half way, a failing export.

These run real ``kg build`` processes on a synthetic corpus big enough to
take a few seconds, and send real signals.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.atomic import atomic_write
from kg.build import build
from kg.errors import ExportError
from kg.store import open_graph
from kg.synth import synthesize
from tests.helpers import DOCUMENTS, MINI

KG = [str(Path(sys.executable).parent / "kg")]  # the console script, as a user runs it


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return synthesize(tmp_path_factory.mktemp("corpus") / "synth", triples=150_000, seed=3).out


def _start_build(corpus: Path, store: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "KG_BUILD_WORKERS": "1"}  # one process: slower, so there is time to act
    return subprocess.Popen([*KG, "build", str(corpus), "--store", str(store), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


def _writing(store: Path) -> bool:
    lock = store / ".lock"
    return lock.exists() and "pid" in lock.read_text()


@pytest.mark.slow
def test_second_build_fails_clearly_while_the_first_writes(corpus, tmp_path):
    store = tmp_path / "store"
    first = _start_build(corpus, store, tmp_path / "o1")
    try:
        _wait_for(lambda: _writing(store))
        second = subprocess.run([*KG, "build", str(MINI), "--store", str(store), "--out", str(tmp_path / "o2")],
                                capture_output=True, text=True, timeout=120)
        assert first.poll() is None, "the first build ended before the second started; use a bigger corpus"
    finally:
        out, err = first.communicate(timeout=300)
    assert second.returncode == 1
    assert second.stderr == (f"Error: store {store} is being written by kg build (pid {first.pid}); "
                             "wait for that build to finish and try again\n")
    assert first.returncode == 0, err
    built = int(out.split(" triples into ")[0].rsplit(" ", 1)[1])
    assert len(open_graph(store)) == built
    assert not (tmp_path / "o2").exists()


def test_a_build_killed_half_way_leaves_the_previous_graph(corpus, tmp_path):
    store = tmp_path / "store"
    good = build([MINI], out=None, store=store)
    good_generation = (store / "current").resolve()
    killed = _start_build(corpus, store, tmp_path / "o")
    try:
        _wait_for(lambda: any(p != good_generation and any(p.iterdir()) for p in store.glob("data-*")))
        time.sleep(0.3)  # well into the write
        assert killed.poll() is None, "the build ended before it could be killed; use a bigger corpus"
        os.kill(killed.pid, signal.SIGKILL)
    finally:
        killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    half = [p for p in store.glob("data-*") if p != good_generation]
    assert half, "the killed build left no half-written generation to test against"
    assert (store / "current").resolve() == good_generation
    assert len(open_graph(store)) == good.triples
    stats = subprocess.run([*KG, "stats", "--store", str(store)], capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0 and f"{good.triples} triples" in stats.stdout
    # The next build takes the lock the dead one held, and clears its leftovers.
    again = build([MINI], out=None, store=store, documents=DOCUMENTS)
    assert len(open_graph(store)) == again.triples != good.triples
    assert not any(p.exists() for p in half)


def test_a_failing_export_leaves_the_previous_file(tmp_path):
    """An exporter that dies half way through its file: the previous file stays, no temp file is left."""
    out = tmp_path / "out"
    build([MINI], out=out, store=tmp_path / "store")
    before = (out / "kg.ttl").read_bytes()
    (out / "extra.ttl").write_text("previous\n", encoding="utf-8")

    def failing(graph, path):
        with atomic_write(path) as handle:
            handle.write("@prefix kg: <https://w3id.org/kg/ontology#> .\n" * 1000)  # half a file
            raise RuntimeError("serializer crashed")

    with pytest.raises(RuntimeError, match="serializer crashed"):
        build([MINI], out=out, store=tmp_path / "store", exporters=[("extra.ttl", failing)])
    assert (out / "extra.ttl").read_text(encoding="utf-8") == "previous\n"
    assert (out / "kg.ttl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["extra.ttl", "kg.ttl"]


def test_turtle_from_oxigraph_that_fails_half_way_leaves_the_previous_file(tmp_path, monkeypatch):
    from kg.export import turtle

    build([MINI], out=None, store=tmp_path / "store")
    target = tmp_path / "kg.ttl"
    target.write_text("previous\n", encoding="utf-8")

    class Crashing:
        def dump(self, output, **options):
            output.write(b"@prefix kg: <https://w3id.org/kg/ontology#> .\n")
            raise OSError("disk full")

    from kg import backends

    monkeypatch.setattr(backends, "backend_of", lambda graph: backends.OxigraphBackend(store=Crashing()))
    with pytest.raises(ExportError) as failed:  # a clean message, not a traceback
        turtle.write(open_graph(tmp_path / "store"), target)
    assert str(failed.value) == f"cannot write {target}: disk full"
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
