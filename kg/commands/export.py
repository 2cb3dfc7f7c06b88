"""``kg export``: the built graph in a standard format."""

from __future__ import annotations

import click

from kg.commands.common import handle_errors, store_option
from kg.export.registry import FORMATS, formats_help

__all__ = ["commands"]

_FOLDERS = " and ".join(name for name, f in FORMATS.items() if f.folder)


@click.command(help=f"""Write the built graph to PATH in a standard format.

\b
{formats_help()}

The same graph always gives the same bytes. Example:
kg export --format graphml -o exports/kg.graphml
""")
@click.option("--format", "format_name", required=True, type=click.Choice(list(FORMATS)), help=f"Output format; {_FOLDERS} write their files into the folder PATH.")
@click.option("-o", "--output", "path", required=True, type=click.Path(), metavar="PATH", help=f"File to write (a folder for {_FOLDERS}). Written atomically.")
@store_option
@handle_errors
def export(format_name, path, store):
    from kg.export.registry import export_graph
    from kg.store import open_graph

    for written in export_graph(open_graph(store), format_name, path):
        click.echo(f"wrote {written}")


commands = [export]
