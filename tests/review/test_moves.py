"""Two review moves: an assertion moved to another proposition, and an opposing assertion added to one."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.review.casefiles import ReviewError
from kg.review.session import ReviewSession
from tests.helpers import FIXTURES

DRAFT = "draft-de9977ca4aa7.yaml"


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "drafted"
    shutil.copytree(FIXTURES / "cases" / "drafted", target)
    return target


def _quotes(session, proposition_id):
    node = session.item(proposition_id).node
    return [a["quote"]["exact"] if hasattr(a["quote"], "get") else a["quote"] for a in node.get("assertions") or []]


def test_kg_review_move_puts_an_assertion_under_another_proposition(case):
    result = CliRunner().invoke(cli, ["review", str(case), "--move",
                                      "the-outage-lasted-most-of-the-day/1=router-update-caused-the-outage", "--no-build"])
    assert result.exit_code == 0, result.output
    assert "moved the-outage-lasted-most-of-the-day/1 to router-update-caused-the-outage" in result.output
    session = ReviewSession.open(case)
    assert _quotes(session, "the-outage-lasted-most-of-the-day") == []
    assert "the outage lasted for most of the day" in _quotes(session, "router-update-caused-the-outage")


def test_a_move_to_something_that_is_not_a_proposition_is_refused(case):
    with pytest.raises(ReviewError, match=r"^cannot move an assertion to entity 'ravi-patel': name a proposition$"):
        ReviewSession.open(case).move("no-customer-data-was-lost/1", "ravi-patel")
    assert (case / DRAFT).read_bytes() == (FIXTURES / "cases" / "drafted" / DRAFT).read_bytes()


def test_an_opposing_assertion_is_added_reviewed_and_the_case_still_loads(case):
    session = ReviewSession.open(case)
    text = "party: kestrel-networks\nsource: article-de9977ca4aa7\nstance: denies\nquote: a router update pushed that morning caused the outage\n"
    added = session.oppose("router-update-caused-the-outage", text)
    assert added.status == "reviewed"
    stances = [a["stance"] for a in ReviewSession.open(case).item("router-update-caused-the-outage").node["assertions"]]
    assert stances == ["asserts", "denies"]


def test_an_opposing_assertion_that_does_not_oppose_is_refused(case):
    session = ReviewSession.open(case)
    text = "party: kestrel-networks\nsource: article-de9977ca4aa7\nstance: asserts\nquote: x\n"
    with pytest.raises(ReviewError, match=r"^an opposing assertion's stance is one of denies, disputes, narrows; not 'asserts'$"):
        session.oppose("router-update-caused-the-outage", text)


def test_the_session_keys_move_and_oppose(case):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from kg.review.interactive import Documents, walk

    template = []

    def editor(text):
        template.append(text)
        return text.replace("party: \n", "party: kestrel-networks\n").replace("quote: \n", "quote: no customer data was lost\n")

    typed = "sssss" + "o" + "ssss" + "v" + "\x15" + "router-update-caused-the-outage\r" + "q"
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        walk(ReviewSession.open(case), Documents(case, None), edit=editor, input=pipe, output=DummyOutput())
    session = ReviewSession.open(case)
    assert "stance: denies" in template[0]
    no_loss = session.item("no-customer-data-was-lost").node["assertions"]
    assert [a["stance"] for a in no_loss] == ["asserts", "denies"]
    assert "the outage lasted for most of the day" in _quotes(session, "router-update-caused-the-outage")
