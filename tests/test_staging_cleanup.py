"""A build killed while writing its exports leaves a hidden staging folder; the next build removes it,
and never one that a live build is still writing."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from kg.atomic import StagedFiles
from kg.cli import cli
from tests.helpers import DOCUMENTS, MINI

_KILLED = """
import os, signal, sys
from kg.atomic import StagedFiles
staged = StagedFiles(sys.argv[1], "exports")
staged.write("kg.ttl", "half of a graph")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_next_build_removes_a_killed_builds_staging_folder_but_not_a_live_one(tmp_path):
    out = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(out)], capture_output=True, timeout=60)
    assert killed.returncode == -9
    assert len(list(out.glob(".kg-staged-*"))) == 1
    live = StagedFiles(out, "exports")  # another build, still writing
    live.write("kg.ttl", "being written")
    result = CliRunner().invoke(cli, ["build", str(MINI), "--out", str(out), "--store", str(tmp_path / "store"),
                                      "--documents", str(DOCUMENTS)])
    assert result.exit_code == 0, result.output
    assert list(out.glob(".kg-staged-*")) == [live.stage]
    live.discard()
    assert list(out.glob(".kg-staged-*")) == []


def test_a_build_keeps_no_descriptor_of_its_staging_folder_open(tmp_path):
    """Each build's lock on its staging folder is released with the folder, not at the process's exit."""
    import os

    import pytest

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("no /proc/self/fd to count open descriptors")

    def staged_descriptors() -> int:
        return sum(".kg-staged-" in os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
                   if os.path.exists(f"/proc/self/fd/{fd}"))

    before = staged_descriptors()
    for run in range(3):
        result = CliRunner().invoke(cli, ["build", str(MINI), "--out", str(tmp_path / "out"),
                                          "--store", str(tmp_path / f"store{run}"), "--documents", str(DOCUMENTS)])
        assert result.exit_code == 0, result.output
    failed = StagedFiles(tmp_path / "discarded", "exports")
    failed.discard()
    assert staged_descriptors() == before
