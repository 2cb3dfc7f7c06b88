"""``kg ingest`` and ``kg diff``: draft case files from articles; report what changed.

Thin commands over :mod:`kg.ingest`: parse, call, print. A :class:`KGError`
becomes a one-line message and exit code 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from kg.commands.common import handle_errors
from kg.terminal import safe

__all__ = ["ingest", "diff", "commands"]


def _check_date(ctx, param, value):
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD")
    if value is not None:
        from kg.ingest.dates import parse_iso

        if parse_iso(value) is None:
            raise click.BadParameter(f"{value!r} is not a real date")
    return value


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--case", "case_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Case folder to draft into; created (with a case.yaml named after it) when missing.")
@click.option("--date", default=None, callback=_check_date, metavar="YYYY-MM-DD", help="Publication date; used over the file's own metadata, and anchors 'Tuesday', 'earlier this month'.")
@click.option("--dates", "dates_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of file,date rows: each article's own publication date, used over --date.")
@click.option("--publisher", default=None, metavar="NAME",
              help="Who published the articles (\"The Guardian\"); used over an HTML page's own site name.")
@click.option("--max-size", "max_bytes", default=5 * 1024 * 1024, show_default=True, type=click.IntRange(min=1), help="Largest article accepted, in bytes.")
@click.option("--parser", type=click.Choice(["spacy", "rules"]), default=None,
              help="What reads the text: spaCy's parse under the rules (the default), or the rules alone. Default: $KG_INGEST_PARSER, else spacy.")
@handle_errors
def ingest(articles, case_dir, date, dates_file, publisher, max_bytes, parser):
    """Draft candidate entities, incidents, safeguards, assertions and open
    questions from ARTICLES (plain text, Markdown or HTML) into CASE.

    A text file may give its date on its first line: "date: 2026-03-12".
    Each article becomes CASE/draft-<sha256 prefix>.yaml, every item pending
    review and pointing at the text it came from. An article already in the
    case (same SHA-256) changes nothing. Bad input writes nothing at all.
    Ends with a report of what the drafts add to the case.

    Example: kg ingest article.html --case seeds/my-case --date 2026-03-12
    """
    from kg.ingest import format_report
    from kg.ingest import ingest as run_ingest

    from kg.ingest.pipeline import read_dates
    from kg.progress import TerminalProgress

    dates = read_dates(dates_file) if dates_file else None
    with TerminalProgress() as progress:
        result = run_ingest(articles, case_dir, date=date, dates=dates, publisher=publisher, max_bytes=max_bytes,
                            progress=progress, parser=parser)
    for outcome in result.outcomes:
        if outcome.status == "written":
            counts = outcome.counts
            summary = f"{counts.get('entities', 0)} entities, {counts.get('assertions', 0)} assertions, {counts.get('questions', 0)} questions"
            fields = ["wrote", outcome.draft, outcome.article, summary]
        else:
            fields = ["unchanged", outcome.article, f"already in the case as source {outcome.source_id}"]
        # an article's name and text are untrusted: shown, never obeyed by the terminal
        click.echo("\t".join(safe(str(field), layout=False) for field in fields))
    if not result.report.is_empty():
        click.echo("")
        click.echo(safe(format_report(result.report)))


@click.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@handle_errors
def diff(old, new):
    """Report what NEW.ttl adds to OLD.ttl: new entities and assertions,
    propositions that became contested, open questions touched, new identity
    candidates.

    Example: kg diff exports/kg-before.ttl exports/kg.ttl
    """
    from kg.ingest import compare_graphs, format_report, read_turtle

    report = compare_graphs(read_turtle(old), read_turtle(new))
    click.echo(safe(format_report(report)))


commands = [ingest, diff]
