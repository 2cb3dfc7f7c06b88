"""``kg unresolved`` and ``kg path``: what the record leaves open, and how two items connect."""

from __future__ import annotations

import json

import click

from kg.commands.common import handle_errors, store_option
from kg.terminal import safe

__all__ = ["commands"]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _case_titles(store) -> str:
    from rdflib.namespace import RDF, RDFS

    from kg.store import open_graph
    from kg.vocab import KG

    graph = open_graph(store)
    titles = sorted(str(graph.value(case, RDFS.label)) for case in graph.subjects(RDF.type, KG.Case))
    return "What the record leaves unresolved" + (": " + "; ".join(titles) if titles else "")


@click.command("unresolved")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="A terminal report, JSON for machines (schema in docs/unresolved.md), or Markdown.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Write OUT/unresolved.md, OUT/unresolved.json and OUT/unresolved.html instead, and print the counts.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, metavar="P",
              help="Least probability of a listed identity candidate (default 0.5, 'possible'); judged pairs are always listed.")
@click.option("--across-cases", is_flag=True, help="Also propose identity candidates between items of two cases.")
@click.option("--include-pending", is_flag=True,
              help="Count drafts pending review (as kg ingest writes them) beside the record, each marked as a draft.")
@store_option
@handle_errors
def unresolved(fmt, out, threshold, across_cases, include_pending, store):
    """Show what the record leaves unresolved.

    Identity candidates (items that may be one and the same, each with the
    evidence for and against it and its probability), contested
    propositions, single-source claims, and open questions with what would
    resolve them. A pair judged 'same' or 'different' in the case data
    leaves the list; 'unsure' keeps it, marked as judged.

    Example: kg unresolved --out exports
    """
    from pathlib import Path

    from kg.analysis.report import unresolved as gather
    from kg.atomic import atomic_write
    from kg.store import open_graph

    report = gather(open_graph(store), threshold=threshold, across_cases=across_cases, include_pending=include_pending)
    if out is not None:
        from kg.export.report_html import render_report_html

        page = render_report_html(report, title=_case_titles(store))
        for name, content in (("unresolved.md", report.to_markdown()), ("unresolved.json", _json(report.to_dict())),
                              ("unresolved.html", page)):
            with atomic_write(Path(out) / name) as handle:
                handle.write(content)
            click.echo(safe(f"wrote {Path(out) / name}"))
        click.echo(f"{report.headline()}.")
    elif fmt == "json":
        click.echo(_json(report.to_dict()), nl=False)
    elif fmt == "markdown":
        click.echo(safe(report.to_markdown()), nl=False)
    else:
        click.echo(safe(report.to_text()), nl=False)


@click.command("path")
@click.argument("start")
@click.argument("end")
@click.option("--max", "limit", type=click.IntRange(1, 20), default=3, show_default=True, help="How many paths to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
@handle_errors
def path(start, end, limit, fmt, store):
    """Show how START and END connect, hop by hop, with the source of each hop.

    START and END are labels, aliases, case ids or IRIs. Each path shows
    another way the two connect; hops through hubs cost more.

    Example: kg path "Elon Musk" "Q"
    """
    from kg.analysis.paths import paths_between
    from kg.analysis.render import paths_text
    from kg.store import open_graph

    found = paths_between(open_graph(store), start, end, limit=limit)
    if fmt == "json":
        click.echo(_json({"from": start, "to": end, "paths": [p.to_dict() for p in found]}), nl=False)
    else:
        click.echo(safe(paths_text(found, start, end)), nl=False)


commands = [unresolved, path]
