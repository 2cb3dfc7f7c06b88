"""A date per article: a `date:` first line, or `--dates dates.csv`; bad dates name the file and line."""

import yaml
from click.testing import CliRunner

from kg.cli import cli

ARTICLE = "Globex outage\n\nGlobex said on Tuesday that its checkout went down for two hours.\n"


def _source_date(case):
    draft = yaml.safe_load(next(case.glob("draft-*.yaml")).read_text(encoding="utf-8"))
    return draft["sources"][0].get("date")


def test_a_date_line_dates_the_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date: 2026-03-12\n" + ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case")])
    assert result.exit_code == 0, result.output
    assert _source_date(tmp_path / "case") == "2026-03-12"


def test_a_dates_file_dates_each_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("file,date\na.txt,2026-04-02\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case"), "--dates", str(dates)])
    assert result.exit_code == 0, result.output
    assert _source_date(tmp_path / "case") == "2026-04-02"


def test_a_bad_row_names_the_file_and_line_and_writes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("file,date\na.txt,2026-02-30\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case"), "--dates", str(dates)])
    assert result.exit_code == 1
    assert result.output == f"Error: {dates}:2: '2026-02-30' is not a real date as YYYY-MM-DD\n"
    assert not (tmp_path / "case").exists()


def test_a_bad_date_line_names_the_file_and_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date: yesterday\n" + ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case")])
    assert result.exit_code == 1
    assert result.output == f"Error: {article}:1: the 'date:' line must give a real date as YYYY-MM-DD, not 'yesterday'\n"
