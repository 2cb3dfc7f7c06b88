"""The review session's keys, typed through prompt_toolkit's pipe input (the terminal tests do the same in a pty)."""

from __future__ import annotations

import shutil

import pytest

from kg.review.session import ReviewSession
from tests.helpers import FIXTURES


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "drafted"
    shutil.copytree(FIXTURES / "cases" / "drafted", target)
    return target


def _walk(case, typed: str) -> int:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from kg.review.interactive import Documents, walk

    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        return walk(ReviewSession.open(case), Documents(case, None), edit=lambda text: None, input=pipe,
                    output=DummyOutput())


def test_the_id_to_merge_into_is_read_as_a_whole_line(case):
    """In a trial, the letters of a typed id ran as keys: 'e', 'r' (reject), 's' (skip)..."""
    # skip the incident and one entity, then merge ravi-patel into kestrel-networks, typed over the offered id
    made = _walk(case, "ss" + "m" + "\x15" + "kestrel-networks\r" + "q")
    session = ReviewSession.open(case)
    assert made == 1
    assert session.item("network-outage").status == "pending"
    assert session.item("kestrel-networks").status == "pending"
    assert session.item("ravi-patel").status == "reviewed"
    judged = session.item("judgement:kestrel-networks~ravi-patel")
    assert judged.node["judgement"] == "same"
