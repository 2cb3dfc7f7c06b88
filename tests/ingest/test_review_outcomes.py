"""What review decisions do to `kg unresolved --include-pending`: rejected drafts stay out, accepted ones
read as the record, and a case that was never built is named as such."""

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli

UPGRADE = "upgrade-caused-outage"


@pytest.fixture
def drafted(tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    result = CliRunner().invoke(cli, ["ingest", str(fixtures / "initech-followup.txt"), "--case", str(case),
                                      "--date", "2026-03-12"])
    assert result.exit_code == 0, result.output
    return case


def _denial(case) -> str:
    """The drafted assertion that denies the case's own proposition."""
    from kg.review.session import ReviewSession

    session = ReviewSession.open(case)
    found = [i.id for i in session.pending() if i.kind == "assertion" and i.node.get("stance") == "denies"
             and UPGRADE in i.related]
    assert len(found) == 1, found
    return found[0]


def _report(case, tmp_path, *flags):
    store = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build", str(case), "--out", str(tmp_path / "out"), "--store", str(store)])
    assert built.exit_code == 0, built.output
    result = CliRunner().invoke(cli, ["unresolved", "--store", str(store), *flags])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_rejected_draft_never_comes_back_under_include_pending(drafted, tmp_path):
    review = CliRunner().invoke(cli, ["review", str(drafted), "--reject", _denial(drafted), "--no-build"])
    assert review.exit_code == 0, review.output
    pending = json.loads(_report(drafted, tmp_path, "--format", "json", "--include-pending"))
    assert [c for c in pending["contested"] if c["proposition"]["iri"].endswith(UPGRADE)] == []
    assert "a database upgrade caused the payroll outage" not in _report(drafted, tmp_path, "--include-pending")


def test_an_accepted_draft_is_no_longer_a_tentative_reading(drafted, tmp_path):
    """The drafter's confidence is in its own reading; once a person accepts the item, that doubt is settled."""
    from kg.review.session import ReviewSession

    assert "a tentative reading" in _report(drafted, tmp_path, "--include-pending")
    source = next(i.id for i in ReviewSession.open(drafted).pending() if i.kind == "source" and i.id.startswith("article-"))
    review = CliRunner().invoke(cli, ["review", str(drafted), "--accept-from", source, "--no-build"])
    assert review.exit_code == 0, review.output
    text = _report(drafted, tmp_path)
    assert "the upgrade skipped the usual change-approval review" in text  # the accepted claim is listed
    assert "tentative" not in text and "[draft]" not in text


def test_include_pending_on_a_store_without_drafts_says_so(drafted, tmp_path, fixtures):
    """The case was drafted into but the store holds another build: the report says it has no drafts."""
    other = tmp_path / "other"
    shutil.copytree(fixtures / "initech", other)
    store = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build", str(other), "--out", str(tmp_path / "out"), "--store", str(store)])
    assert built.exit_code == 0, built.output
    result = CliRunner().invoke(cli, ["unresolved", "--store", str(store), "--include-pending"])
    assert result.exit_code == 0
    assert ("note: the store holds no drafts pending review (its case: Initech payroll outages (fixture for kg ingest)); "
            "`kg ingest` writes drafts into "
            "a case folder: build that folder (kg build CASE_DIR) to see them here") in result.output
