"""``kg review`` the way a researcher uses it: a session in a real pseudo-terminal
that types keys, and the non-interactive flags, on the ``drafted`` fixture case
(a reviewed record and one draft in the format ``kg ingest`` writes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, FIXTURES

DRAFTED = FIXTURES / "cases" / "drafted"
DRAFT = "draft-de9977ca4aa7.yaml"
SOURCE = "article-de9977ca4aa7"
D = "https://w3id.org/kg/id/drafted/"


@pytest.fixture
def case(tmp_path):
    target = tmp_path / "drafted"
    shutil.copytree(DRAFTED, target)
    return target


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _statuses(case) -> dict:
    from kg.review.session import ReviewSession

    return {i.id: i.status for i in ReviewSession.open(case).items()}


def _projection(case, documents=DOCUMENTS):
    from kg.analysis.nxgraph import project
    from kg.build import load_cases

    graph, _, _ = load_cases([case], documents=documents)
    return project(graph)


def _comments_kept(case) -> None:
    record = (case / "record.yaml").read_text(encoding="utf-8")
    assert record.startswith(
        "# The reviewed record, before the draft. Comments here must survive a review.\n"
    )
    assert "  - id: kestrel            # the provider\n" in record
    assert "  # The cause, as first reported.\n" in record
    draft = (case / DRAFT).read_text(encoding="utf-8")
    assert draft.startswith("# Draft written by `kg ingest` from kestrel-outage.txt")
    assert "# then merge it into the case files." in draft


# ---------------------------------------------------------------- the terminal session

EDITOR = textwrap.dedent("""
    import sys
    from pathlib import Path
    path = Path(sys.argv[1])
    path.write_text(path.read_text().replace("label: Ravi Patel", "label: Ravi K. Patel"))
""")


@pytest.fixture
def terminal(case, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    env = {
        **os.environ,
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": f"{sys.executable} {editor}",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
    }
    kg = shutil.which("kg", path=os.path.dirname(sys.executable)) or "kg"
    child = pexpect.spawn(
        kg,
        ["review", str(case), "--documents", str(DOCUMENTS)],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 200),
    )
    yield child
    child.close(force=True)


def _decide(child, item: str, *keys: str) -> None:
    child.expect(f"(incident|entity|source|proposition|assertion|judgement|question) {item} ")
    child.expect_exact("[q]uit >")
    for key in keys:
        child.send(key)


@pytest.mark.slow
def test_a_session_accepts_rejects_edits_and_merges(case, terminal):
    child = terminal
    _decide(child, "network-outage", "a")
    child.expect_exact("accepted network-outage")
    # The quote in context: the document's passage at the item's span.
    _decide(child, "kestrel-networks")
    child.send("m")
    child.expect_exact("merge into (an id): ")
    child.sendline("")  # the offered candidate: the case's own Kestrel
    child.expect_exact("merged kestrel-networks into kestrel")
    _decide(child, "ravi-patel", "e")
    child.expect_exact("edited ravi-patel; the case still loads")
    _decide(child, "ravi-patel", "a")  # shown again, edited
    child.expect_exact("accepted ravi-patel")
    _decide(child, SOURCE, "a")
    _decide(child, "router-update-caused-the-outage")
    child.send("m")
    child.expect_exact("merge into (an id): ")
    child.sendline("")  # the proposition its note says it may restate
    child.expect_exact("merged router-update-caused-the-outage into router-caused-outage")
    _decide(child, "no-customer-data-was-lost", "a")
    _decide(child, "the-outage-lasted-most-of-the-day", "r")
    child.expect_exact("rejected the-outage-lasted-most-of-the-day (kept as status: rejected)")
    _decide(child, "no-customer-data-was-lost/1", "a")
    child.expect_exact("accepted no-customer-data-was-lost/1")
    _decide(child, "the-outage-lasted-most-of-the-day/1", "a")
    child.expect_exact("accepted the-outage-lasted-most-of-the-day/1")
    _decide(child, "router-caused-outage/2", "u")  # on second thoughts
    child.expect_exact("undid the last decision on the-outage-lasted-most-of-the-day/1")
    _decide(child, "the-outage-lasted-most-of-the-day/1", "r")
    _decide(child, "router-caused-outage/2", "a")
    _decide(child, "q-when-will-kestrel-publish-a-review", "s")
    child.expect_exact("Nothing left to review (1 skipped).")
    child.expect_exact("decisions written to")
    child.expect_exact("kg build: the case builds.")
    child.expect_exact("What the decisions changed in the reviewed record (as kg diff reports it):")
    child.expect_exact("+ Person  Ravi K. Patel")
    child.expect_exact("+ Ravi K. Patel asserts: A faulty router update caused the March outage.")
    child.expect(r"kg unresolved( before|: unchanged): .*\r\n")
    child.expect(pexpect_eof())
    child.close()
    assert child.exitstatus == 0

    _comments_kept(case)
    statuses = _statuses(case)
    assert (
        statuses["network-outage"]
        == statuses["ravi-patel"]
        == statuses["no-customer-data-was-lost"]
        == "reviewed"
    )
    assert (
        statuses["the-outage-lasted-most-of-the-day"]
        == statuses["the-outage-lasted-most-of-the-day/1"]
        == "rejected"
    )
    assert statuses["router-update-caused-the-outage"] == "rejected"  # merged: its assertion moved
    assert statuses["router-caused-outage/2"] == "reviewed"
    assert statuses["q-when-will-kestrel-publish-a-review"] == "pending"
    assert statuses["judgement:kestrel~kestrel-networks"] == "reviewed"

    g = _projection(case)
    labels = {g.nodes[n]["label"] for n in g}
    assert "Ravi K. Patel" in labels and "Ravi Patel" not in labels
    assert "No customer data was lost in the outage." in labels
    assert "The outage lasted for most of the day." not in labels
    assert "When will Kestrel publish a full review?" not in labels  # skipped: still pending
    assert g.has_edge(D + "kestrel", D + "kestrel-networks") or g.has_edge(
        D + "kestrel-networks", D + "kestrel"
    )
    on_cause = sorted(
        g.nodes[u]["quote"]
        for u, _, k in g.in_edges(D + "router-caused-outage", keys=True)
        if g.nodes[u].get("cls") == "Assertion"
    )
    assert on_cause == ["a faulty router update", "a router update pushed that morning caused the outage"]


def pexpect_eof():
    import pexpect

    return pexpect.EOF


def test_the_session_shows_the_quote_in_its_passage_and_what_it_may_restate(terminal):
    child = terminal
    _decide(child, "network-outage", "a")
    child.expect(r"entity kestrel-networks — draft-de9977ca4aa7.yaml:17, confidence 0.9")
    child.expect_exact("In the document (characters 0–16):")
    child.expect_exact("Kestrel Networks")
    child.expect_exact("May restate or duplicate:")
    child.expect_exact("kestrel: Kestrel Networks")
    child.send("s")
    child.expect_exact("skipped kestrel-networks")
    _decide(child, "ravi-patel", "q")
    child.expect_exact("quit")
    child.expect(pexpect_eof())


def test_a_bad_edit_is_refused_and_the_file_left_alone(case, terminal, tmp_path):
    child = terminal
    (tmp_path / "editor.py").write_text(
        EDITOR.replace(
            '"label: Ravi Patel", "label: Ravi K. Patel"',
            '"memberOf: kestrel-networks", "memberOf: nobody-known"',
        ),
        encoding="utf-8",
    )
    before = (case / DRAFT).read_bytes()
    _decide(child, "network-outage", "s")
    _decide(child, "kestrel-networks", "s")
    _decide(child, "ravi-patel", "e")
    child.expect_exact("not done: ")
    child.expect_exact("'memberOf' refers to undefined id 'nobody-known'")
    _decide(child, "ravi-patel", "q")
    child.expect(pexpect_eof())
    assert (case / DRAFT).read_bytes() == before


# ---------------------------------------------------------------- without a terminal


def test_list_as_table_and_json(case):
    result = run("review", case, "--list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "kind", "where", "summary"]
    assert [line.split()[0] for line in lines[1:4]] == ["network-outage", "kestrel-networks", "ravi-patel"]
    items = json.loads(run("review", case, "--list", "--format", "json").output)
    kinds = [i["kind"] for i in items]
    assert kinds == sorted(
        kinds, key=["incident", "entity", "source", "proposition", "assertion", "judgement", "question"].index
    )
    restated = next(i for i in items if i["id"] == "router-update-caused-the-outage")
    assert restated["related"] == ["router-caused-outage"]
    assert {i["id"]: i["source"] for i in items}["no-customer-data-was-lost/1"] == SOURCE


def test_accept_reject_and_accept_from(case):
    result = run(
        "review",
        case,
        "--accept",
        "network-outage",
        "--reject",
        "the-outage-lasted-most-of-the-day",
        "--accept-from",
        SOURCE,
        "--documents",
        DOCUMENTS,
    )
    assert result.exit_code == 0, result.output
    assert "accepted network-outage\nrejected the-outage-lasted-most-of-the-day\n" in result.output
    assert "accepted 8 items read in article-de9977ca4aa7: kestrel-networks, ravi-patel," in result.output
    assert "new entities (4):" in result.output and "  + Person  Ravi Patel" in result.output
    assert (
        "kg unresolved before: 0 identity candidates, 0 contested propositions, 1 single-source claim, 0 open questions."
        in result.output
    )
    assert re.search(
        r"kg unresolved after: .*, 0 contested propositions, 3 single-source claims, 1 open question\.",
        result.output,
    )
    statuses = _statuses(case)
    assert statuses["the-outage-lasted-most-of-the-day/1"] == "pending"  # its proposition was rejected
    assert statuses["judgement:kestrel~kestrel-networks"] == "pending"
    _comments_kept(case)
    # Only the status lines changed in the draft, and accepted items lost the drafter's confidence.
    original = (DRAFTED / DRAFT).read_text(encoding="utf-8").splitlines()
    now = (case / DRAFT).read_text(encoding="utf-8").splitlines()
    assert sum("confidence:" in line for line in now) < sum("confidence:" in line for line in original)
    original = [line for line in original if "confidence:" not in line]
    now = [line for line in now if "confidence:" not in line]
    changed = [(a, b) for a, b in zip(original, now) if a != b]
    assert len(original) == len(now) and changed
    assert all(
        a.replace("pending", "X") in (b.replace("reviewed", "X"), b.replace("rejected", "X"))
        for a, b in changed
    )
    assert (case / "record.yaml").read_bytes() == (DRAFTED / "record.yaml").read_bytes()


def test_an_unknown_id_is_an_error_and_nothing_is_written(case):
    result = run("review", case, "--accept", "ravi-patell")
    assert result.exit_code == 1
    assert f"Error: no item 'ravi-patell' in {case} (did you mean 'ravi-patel'?)" in result.output
    assert (case / DRAFT).read_bytes() == (DRAFTED / DRAFT).read_bytes()


def test_without_a_terminal_a_session_is_refused(case):
    result = run("review", case, "--no-build")
    assert result.exit_code == 2
    assert (
        "kg review needs a terminal for a session; without one, use --accept, --reject, --accept-from or --list"
        in result.output
    )


def test_an_interrupted_write_leaves_the_file_whole(case, monkeypatch):
    """Each file is replaced atomically: killed after the new text is written but before it is
    renamed into place, the old file is whole and no temporary file is left."""
    from kg.review.session import ReviewSession

    session = ReviewSession.open(case)

    def killed(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        session.accept("ravi-patel")
    assert (case / DRAFT).read_bytes() == (DRAFTED / DRAFT).read_bytes()
    assert sorted(p.name for p in case.iterdir()) == sorted(p.name for p in DRAFTED.iterdir())


def test_a_draft_that_kg_ingest_wrote(tmp_path):
    """The whole road: ingest an article, list its drafts, merge a near-duplicate entity, accept the rest."""
    case = tmp_path / "initech"
    shutil.copytree(FIXTURES / "ingest" / "initech", case)
    result = run("ingest", "--case", case, FIXTURES / "ingest" / "initech-followup.txt")
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in json.loads(run("review", case, "--list", "--format", "json").output)}
    [restated] = [i for i in items.values() if i["id"].startswith("upgrade-caused-outage/")]
    assert restated["kind"] == "assertion" and restated["related"] == ["upgrade-caused-outage"]
    [article] = [i["id"] for i in items.values() if i["kind"] == "source" and i["id"].startswith("article-")]

    from kg.review.session import ReviewSession

    session = ReviewSession.open(case)
    assert session.candidates(session.item("advanced-cloud-services")) == ["acs"]
    session.merge("advanced-cloud-services", "acs")
    result = run("review", case, "--accept-from", article)
    assert result.exit_code == 0, result.output
    assert "kg build: the case builds." in result.output
    g = _projection(case, FIXTURES / "ingest")
    base = "https://w3id.org/kg/id/initech/"
    assert g.has_edge(base + "acs", base + "advanced-cloud-services") or g.has_edge(
        base + "advanced-cloud-services", base + "acs"
    )
    on_cause = {
        (g.nodes[u]["stance"], g.nodes[u]["quote"])
        for u, _, k in g.in_edges(base + "upgrade-caused-outage", keys=True)
        if g.nodes[u].get("cls") == "Assertion"
    }
    assert ("denies", "a database upgrade caused the payroll outage") in on_cause


def test_a_merge_killed_between_its_two_files_loses_nothing(case, monkeypatch):
    """A merge writes the file that gains the assertions first: killed before the draft is
    written, the assertion is in both files (the draft's copy still pending), never in neither."""
    from kg.build import load_cases
    from kg.review.session import ReviewSession

    session = ReviewSession.open(case)
    real, calls = os.replace, []

    def second_call_killed(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "replace", second_call_killed)
    with pytest.raises(KeyboardInterrupt):
        session.merge("router-update-caused-the-outage", "router-caused-outage")
    monkeypatch.setattr(os, "replace", real)
    assert [p.name for p in map(Path, calls)] == ["record.yaml", DRAFT]
    assert "a router update pushed that morning caused the outage" in (case / "record.yaml").read_text(
        encoding="utf-8"
    )
    assert (case / DRAFT).read_bytes() == (DRAFTED / DRAFT).read_bytes()
    load_cases([case], documents=DOCUMENTS)  # still a case that loads


def test_control_characters_from_a_draft_are_shown_not_obeyed(case):
    from tests.helpers import edit

    edit(case / DRAFT, "    label: Ravi Patel\n", '    label: "Ravi\\e]0;owned\\aPatel"\n')
    result = run("review", case, "--list")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Ravi\\x1b]0;owned\\x07Patel" in result.output
