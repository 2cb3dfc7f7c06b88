"""``kg unresolved`` and ``kg path``: what the record leaves open, and how two items connect."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors, store_option
from kg.terminal import safe

__all__ = ["commands"]


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
@click.option("--workers", type=click.IntRange(1, 256), default=None, metavar="N",
              help="Processes that analyse the cases (default: one a core, from the ninth case on; also "
                   "KG_UNRESOLVED_WORKERS). The report is the same for any N.")
@store_option
@handle_errors
def unresolved(fmt, out, threshold, across_cases, include_pending, workers, store):
    """Show what the record leaves unresolved.

    Identity candidates (items that may be one and the same, each with the
    evidence for and against it and its probability), contested
    propositions, single-source claims, and open questions with what would
    resolve them. A pair judged 'same' or 'different' in the case data
    leaves the list; 'unsure' keeps it, marked as judged.

    Example: kg unresolved --out exports
    """
    from kg.progress import TerminalProgress

    try:
        with TerminalProgress() as progress:
            report, written = _gather(store, out, progress, threshold=threshold, across_cases=across_cases,
                                      include_pending=include_pending, workers=workers)
    except KeyboardInterrupt:  # the workers stop with this process, quietly; --out's files are staged, none half written
        click.echo("interrupted", err=True)
        raise click.exceptions.Exit(130) from None
    if written is not None:
        from kg.export.report_text import headline

        for path in written:
            click.echo(safe(f"wrote {path}"))
        click.echo(f"{headline(report)}.")
        return
    from kg.export import report_text
    from kg.export.unresolved import report_json_pieces

    if fmt == "json":
        for piece in report_json_pieces(report):
            click.echo(piece, nl=False)
    elif fmt == "markdown":
        click.echo(safe(report_text.markdown(report)), nl=False)
    else:
        click.echo(safe(report_text.text(report)), nl=False)


def _gather(store, out, progress, **options):
    """The report, and the files written when ``out`` is given (else None)."""
    from kg.progress import stage
    from kg.store import open_graph

    stage(progress, "opening the store")
    graph = open_graph(store)
    include_pending = options["include_pending"]
    if include_pending:
        from kg.analysis.record import drafts_by_case

        drafts = drafts_by_case(graph)
        if not any(drafts.values()):  # e.g. drafts ingested into a case folder that was never built into this store
            cases = ", ".join(drafts) or "none"
            click.echo(safe(f"note: the store holds no drafts pending review (its case: {cases}); `kg ingest` writes "
                            "drafts into a case folder: build that folder (kg build CASE_DIR) to see them here"), err=True)
    if out is not None:
        from kg.export.unresolved import write_unresolved

        return write_unresolved(graph, out, progress=progress, **options)
    from kg.analysis.report import unresolved as gather

    return gather(graph, progress=progress, **options), None


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
    from kg.export.report_text import paths_text
    from kg.store import open_graph

    found = paths_between(open_graph(store), start, end, limit=limit)
    if fmt == "json":
        import json

        click.echo(json.dumps({"from": start, "to": end, "paths": [p.to_dict() for p in found]}, ensure_ascii=False, indent=2) + "\n", nl=False)
    else:
        click.echo(safe(paths_text(found, start, end)), nl=False)


commands = [unresolved, path]
