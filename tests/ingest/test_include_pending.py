"""`kg unresolved --include-pending` and `kg html --include-pending`: drafts beside the record, marked as drafts."""

import json
import shutil

from click.testing import CliRunner

from kg.cli import cli


def _build(tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(fixtures / "initech-followup.txt"), "--case", str(case), "--date", "2026-03-12"])
    assert result.exit_code == 0, result.output
    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(case), "--out", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return runner, store


def test_without_the_flag_only_reviewed_items_count(tmp_path, fixtures):
    runner, store = _build(tmp_path, fixtures)
    plain = json.loads(runner.invoke(cli, ["unresolved", "--store", str(store), "--format", "json"]).output)
    pending = json.loads(runner.invoke(cli, ["unresolved", "--store", str(store), "--format", "json", "--include-pending"]).output)
    assert "draft" not in json.dumps(plain)
    assert plain["counts"]["contested"] == 0
    # Initech's denial in the follow-up restates the case's own proposition: contested once drafts count.
    contested = [c for c in pending["contested"] if c["proposition"]["iri"].endswith("/upgrade-caused-outage")]
    assert len(contested) == 1
    assert [a["party"]["label"] for a in contested[0]["opposing"]] == ["Initech"]
    assert contested[0]["opposing"][0]["draft"] is True
    assert "draft" not in contested[0]["affirming"][0]


def test_text_report_marks_drafts(tmp_path, fixtures):
    runner, store = _build(tmp_path, fixtures)
    text = runner.invoke(cli, ["unresolved", "--store", str(store), "--include-pending"]).output
    assert "[draft] Initech — denies: “a database upgrade caused the payroll outage”" in text
    assert "[draft]" not in runner.invoke(cli, ["unresolved", "--store", str(store)]).output


def test_html_includes_drafts_only_with_the_flag(tmp_path, fixtures):
    runner, store = _build(tmp_path, fixtures)
    plain = runner.invoke(cli, ["html", "--store", str(store), "--out", str(tmp_path / "plain.html")])
    pending = runner.invoke(cli, ["html", "--store", str(store), "--out", str(tmp_path / "pending.html"), "--include-pending"])
    assert plain.exit_code == 0 and pending.exit_code == 0, pending.output
    count = lambda output: int(output.split(": ")[1].split(" nodes")[0])  # noqa: E731
    assert count(pending.output) > count(plain.output)


def test_an_entry_naming_an_existing_proposition_adds_assertions_to_it(tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    more = case / "more.yaml"
    more.write_text("propositions:\n  - proposition: upgrade-caused-outage\n    assertions:\n"
                    "      - {party: initech, source: first-report, stance: denies, quote: a database upgrade caused the outage}\n")
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(case), "--out", str(tmp_path / "out"), "--store", str(store)]).exit_code == 0
    report = json.loads(runner.invoke(cli, ["unresolved", "--store", str(store), "--format", "json"]).output)
    assert [c["proposition"]["label"] for c in report["contested"]] == ["A database upgrade caused the payroll outage."]
    more.write_text(more.read_text().replace("upgrade-caused-outage", "upgrade-caused-outag"))
    result = runner.invoke(cli, ["build", str(case), "--out", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 1
    assert result.output == f"Error: {more}:2: 'proposition' refers to undefined id 'upgrade-caused-outag' (did you mean 'upgrade-caused-outage'?)\n"
