"""``kg export``: the built graph in a standard format."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors, store_option
from kg.export.registry import FORMATS

__all__ = ["commands"]


@click.command()
@click.option("--format", "format_name", required=True, type=click.Choice(list(FORMATS)), help="Output format; csv writes nodes.csv and edges.csv into the folder PATH.")
@click.option("-o", "--output", "path", required=True, type=click.Path(), metavar="PATH", help="File to write (a folder for csv). Written atomically.")
@store_option
@handle_errors
def export(format_name, path, store):
    """Write the built graph to PATH in a standard format.

    \b
    RDF:     turtle, trig, nquads, jsonld (kg's @context embedded)
    Network: graphml, gexf (Gephi), csv (nodes.csv + edges.csv)

    The same graph always gives the same bytes. Example:
    kg export --format graphml -o exports/kg.graphml
    """
    from kg.export.registry import export_graph
    from kg.store import open_graph

    for written in export_graph(open_graph(store), format_name, path):
        click.echo(f"wrote {written}")


commands = [export]
