"""Decisions made at the same time on one case are all kept: ten ``kg review --accept`` processes at
once, and a session left open while another command decides."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.review.casefiles import ReviewError
from kg.review.session import ReviewSession
from tests.helpers import FIXTURES

KG = str(Path(sys.executable).parent / "kg")
DRAFTED = FIXTURES / "cases" / "drafted"


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "drafted"
    shutil.copytree(DRAFTED, target)
    return target


def _status(case, item_id: str) -> str:
    return ReviewSession.open(case).item(item_id).status


@pytest.mark.slow
def test_ten_accepts_at_once_keep_every_decision(case):
    ids = [item.id for item in ReviewSession.open(case).pending()][:10]
    assert len(ids) == 10
    runs = [subprocess.Popen([KG, "review", str(case), "--accept", item_id, "--no-build"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for item_id in ids]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 10, outputs
    assert {item_id: _status(case, item_id) for item_id in ids} == {item_id: "reviewed" for item_id in ids}


def test_a_session_left_open_does_not_revert_another_commands_decision(case):
    open_session = ReviewSession.open(case)  # read now, decides later
    ReviewSession.open(case).reject("kestrel-networks")  # another command, meanwhile
    open_session.accept("ravi-patel")
    assert (_status(case, "kestrel-networks"), _status(case, "ravi-patel")) == ("rejected", "reviewed")
    assert open_session.item("kestrel-networks").status == "rejected"  # the session sees it too


def test_undo_never_reverts_another_commands_decision(case):
    session = ReviewSession.open(case)
    session.accept("ravi-patel")
    ReviewSession.open(case).reject("kestrel-networks")  # same file, written after
    with pytest.raises(ReviewError, match=r"draft-de9977ca4aa7.yaml changed since this session's last decision"):
        session.undo()
    assert (_status(case, "kestrel-networks"), _status(case, "ravi-patel")) == ("rejected", "reviewed")
