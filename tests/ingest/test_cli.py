"""`kg ingest` and `kg diff` as a user runs them."""

import shutil

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.commands.ingest import commands
from kg.ingest import case_graph


@pytest.fixture
def runner():
    return CliRunner()


def test_both_commands_have_help(runner):
    assert [c.name for c in commands] == ["ingest", "diff"]
    for command in commands:
        result = runner.invoke(cli, [command.name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_ingest_prints_one_parseable_line_per_file_then_the_report(runner, tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    article = fixtures / "initech-followup.txt"
    result = runner.invoke(cli, ["ingest", str(article), "--case", str(case), "--date", "2026-03-12"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0].split("\t")
    assert first[0] == "wrote" and first[1].startswith(str(case / "draft-")) and first[2] == str(article)
    assert "identity candidates (1):\n  ~ ACS ~ Advanced Cloud Services (no-judgement)" in result.output
    again = runner.invoke(cli, ["ingest", str(article), "--case", str(case)])
    assert again.exit_code == 0
    assert again.output.startswith(f"unchanged\t{article}\talready in the case as source article-")


@pytest.mark.parametrize(
    "name, message",
    [
        ("image.png", "binary file (a PNG image); kg reads plain text, Markdown or HTML"),
        ("empty.txt", "empty file: nothing to read"),
    ],
)
def test_bad_input_exits_non_zero_with_the_file_named_and_writes_nothing(runner, tmp_path, fixtures, name, message):
    case = tmp_path / "case"
    result = runner.invoke(cli, ["ingest", str(fixtures / "page.html"), str(fixtures / name), "--case", str(case)])
    assert result.exit_code == 1
    assert result.output == f"Error: {fixtures / name}: {message}\n"
    assert not case.exists()


def test_undecodable_text_fails_clearly(runner, tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(128, 256)) * 4 + b"\x01\x02\x03\x04" * 50)
    result = runner.invoke(cli, ["ingest", str(noise), "--case", str(tmp_path / "case")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {noise}")
    assert "Traceback" not in result.output


def test_a_50_mb_file_is_refused(runner, tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = runner.invoke(cli, ["ingest", str(huge), "--case", str(tmp_path / "case")])
    assert result.exit_code == 1
    assert result.output == f"Error: {huge}: too large: 52,428,800 bytes, over the 5,242,880-byte limit (--max-size)\n"


def test_a_bad_date_is_a_usage_error(runner, tmp_path, fixtures):
    result = runner.invoke(cli, ["ingest", str(fixtures / "page.html"), "--case", str(tmp_path / "c"), "--date", "2026-02-30"])
    assert result.exit_code == 2
    assert "'2026-02-30' is not a real date" in result.output


def test_html_scripts_never_reach_the_draft(runner, tmp_path, fixtures):
    case = tmp_path / "acme"
    assert runner.invoke(cli, ["ingest", str(fixtures / "page.html"), "--case", str(case)]).exit_code == 0
    draft = next(case.glob("draft-*.yaml")).read_text()
    for unwanted in ("<script", "secret", "alert(", "Injected", "<b>"):
        assert unwanted not in draft


def test_diff_reports_what_the_new_export_adds(runner, tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    old = tmp_path / "old.ttl"
    case_graph(case).serialize(old, format="turtle")
    assert runner.invoke(cli, ["ingest", str(fixtures / "initech-followup.txt"), "--case", str(case), "--date", "2026-03-12"]).exit_code == 0
    new = tmp_path / "new.ttl"
    case_graph(case).serialize(new, format="turtle")
    result = runner.invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    assert "  + Advanced Cloud Services denies: At least one of its servers had failed. [pending]" in result.output
    assert "open questions touched (1):\n  ? Was the database upgrade tested before release?" in result.output
    same = runner.invoke(cli, ["diff", str(old), str(old)])
    assert same.output == "no changes\n"


def test_diff_names_a_bad_turtle_file(runner, tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n")
    result = runner.invoke(cli, ["diff", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}") and "not valid Turtle" in result.output
    missing = runner.invoke(cli, ["diff", str(good), str(tmp_path / "none.ttl")])
    assert missing.output == f"Error: {tmp_path / 'none.ttl'}: file not found\n"


def test_publisher_option_names_who_published_a_text_file(runner, tmp_path):
    article = tmp_path / "gazette.txt"
    article.write_text("Globex outage\n\nGlobex said in a statement to the Harbour Gazette that the outage was caused by a "
                       "configuration push.\n", encoding="utf-8")
    case = tmp_path / "globex-case"
    result = runner.invoke(cli, ["ingest", str(article), "--case", str(case), "--publisher", "The Harbour Gazette", "--parser", "rules"])
    assert result.exit_code == 0, result.output
    (draft_path,) = case.glob("draft-*.yaml")
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    (outlet,) = [e for e in draft["entities"] if e["id"] == draft["sources"][0]["publisher"]]
    assert (outlet["type"], outlet["label"]) == ("Organization", "The Harbour Gazette")
    assert "Found by rule 'the publisher'" in outlet["note"]  # the one its text names, not a second
