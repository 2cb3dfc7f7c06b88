"""``kg build``, ``kg validate`` and ``kg stats``: the graph itself."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors, store_option
from kg.terminal import safe

__all__ = ["build", "validate", "stats", "commands"]


@click.command()
@click.argument("case_dirs", nargs=-1, type=click.Path(file_okay=False))
@click.option(
    "--out",
    default="exports",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for kg.ttl and the other exports.",
)
@click.option(
    "--documents",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Folder with the sources' document files; every quote is checked against them and its offsets recorded. Give it again to search more folders.",
)
@click.option(
    "--max-document-size",
    "max_document_bytes",
    default=5 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest document accepted, in bytes.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (not recommended).")
@store_option
@handle_errors
def build(case_dirs, out, documents, max_document_bytes, no_validate, store):
    """Build CASE_DIRS (default: every case under seeds/) into the store and write OUT/kg.ttl.

    Nothing is written when a case file is malformed or the graph breaks the
    shapes. Example: kg build seeds/amazon-2026-outages --documents ../shared/seeds
    """
    from kg.build import build as build_graph
    from kg.progress import TerminalProgress
    from kg.stats import summarize

    with TerminalProgress() as progress:
        result = build_graph(
            case_dirs or None,
            out=out,
            documents=documents or None,
            max_document_bytes=max_document_bytes,
            store=store,
            validate=not no_validate,
            progress=progress,
        )
    seconds = result.timings.get("total", 0.0)
    click.echo(safe(f"built {', '.join(result.cases)}: {result.triples} triples into {result.store} in {seconds:.1f} s"))
    if documents:
        click.echo(f"quotes located in documents: {result.quotes_checked}")
    else:
        click.echo(
            "quotes not located: no --documents folder given, so no quote was checked against its document"
        )
    for path in result.exports:
        click.echo(safe(f"wrote {path}"))
    _warn_lookalikes(result.graph)
    _print_short_summary(summarize(result.graph))


def _warn_lookalikes(graph) -> None:
    """Two labels that differ only by look-alike letters are one name to a reader: say so."""
    from kg.lookalike import lookalike_pairs
    from kg.query import run_query

    labels = [(str(row.item), str(row.label)) for row in run_query(graph, "item-labels")]
    for (a, a_label), (b, b_label) in lookalike_pairs(labels):
        differ = sorted({f"U+{ord(c):04X}" for c in a_label + b_label if not c.isascii()})
        click.echo(safe(f"warning: {a_label!r} ({a}) and {b_label!r} ({b}) differ only by look-alike letters "
                        f"({', '.join(differ)}); judge the pair in the case data if they are one", layout=False), err=True)


def _print_short_summary(summary, most: int = 6) -> None:
    """A few lines after a build: the commonest classes, the stances, how many questions are open."""
    classes = ", ".join(f"{count} {safe(label, layout=False)}" for label, count in summary.by_class[:most])
    more = len(summary.by_class) - most
    click.echo(f"in the graph: {classes}" + (f" and {more} more classes" if more > 0 else ""))
    if summary.by_stance:
        click.echo("assertions: " + ", ".join(f"{count} {safe(stance, layout=False)}" for stance, count in summary.by_stance))
    click.echo(f"open questions: {len(summary.open_questions)}. `kg stats` lists them; `kg unresolved` shows what "
               "the record leaves unresolved.")


def _print_summary(summary) -> None:
    click.echo("\nby class:")
    for label, count in summary.by_class:
        click.echo(f"  {count:6d}  {safe(label, layout=False)}")
    click.echo("assertions by stance:")
    for stance, count in summary.by_stance:
        click.echo(f"  {count:6d}  {safe(stance, layout=False)}")
    click.echo(f"open questions ({len(summary.open_questions)}):")
    for question in summary.open_questions:
        click.echo(f"  - {safe(question, layout=False)}")


@click.command()
@store_option
@handle_errors
def validate(store):
    """Check the built graph against ontology/shapes.ttl and print the SHACL report.

    Exits non-zero when the graph does not conform.
    """
    from kg.store import open_graph
    from kg.validate import validate_graph

    report = validate_graph(open_graph(store))
    click.echo(safe(report.text.rstrip()))
    if not report.conforms:
        raise click.ClickException(
            f"the graph does not conform to the shapes ({report.violations} violations)"
        )


@click.command()
@store_option
@handle_errors
def stats(store):
    """Print counts by class, assertions by stance, and the open questions."""
    from kg.stats import summarize
    from kg.store import open_graph

    summary = summarize(open_graph(store))
    click.echo(f"{summary.triples} triples")
    _print_summary(summary)


commands = [build, validate, stats]
