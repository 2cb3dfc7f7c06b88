"""``kg html``: the interactive, offline graph explorer."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors, store_option

__all__ = ["commands"]


@click.command("html")
@click.option("--out", default="exports/graph.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the page.")
@click.option("--focus", multiple=True, metavar="ENTITY",
              help="Draw only the neighbourhood of this item (label, alias, id or IRI); repeatable.")
@click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True, help="Hops around --focus.")
@click.option("--max-nodes", type=click.IntRange(1), default=500, show_default=True,
              help="Refuse to draw more nodes than this; use --focus for big graphs.")
@click.option("--title", default=None, help="Page title (default: the case titles).")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed for the layout, so pages are reproducible.")
@click.option("--include-pending", is_flag=True,
              help="Show drafts pending review (as kg ingest writes them) beside the record, drawn as drafts.")
@store_option
@handle_errors
def html(out, focus, depth, max_nodes, title, seed, include_pending, store):
    """Write one self-contained HTML page to explore the graph, offline.

    Nodes are coloured and shaped by class; stance edges show who affirms or
    opposes each proposition; dashed "same?" edges are identity candidates.
    A side panel lists what is unresolved. The page loads nothing from the
    network and shows all document text as text.

    Example: kg html --focus "Dave Treadwell" --depth 2 --out exports/treadwell.html
    """
    from kg.export.html import write_page
    from kg.progress import TerminalProgress, stage
    from kg.store import open_graph

    with TerminalProgress() as progress:
        stage(progress, "opening the store")
        view = write_page(open_graph(store), out, focus=focus, depth=depth, max_nodes=max_nodes, title=title,
                          seed=seed, include_pending=include_pending, progress=progress)
    click.echo(f"wrote {out}: {len(view['nodes'])} nodes, {len(view['edges'])} edges, {len(view['unresolved'])} unresolved items")


commands = [html]
