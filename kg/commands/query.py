"""``kg query``: run a canned question, a ``.rq`` file, or SPARQL text."""

from __future__ import annotations

import warnings

import click

from kg.commands.common import handle_errors, store_option
from kg.terminal import safe

__all__ = ["commands"]


@click.command("query")
@click.argument("query", required=False, metavar="NAME|FILE.rq|'SELECT ...'")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table", show_default=True,
              help="An aligned table (long cells cut; ?x left out when ?xLabel is selected), or the W3C SPARQL 1.1 results formats (JSON, CSV, TSV) in full.")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME before the query runs (repeatable). <iri> or http(s):// is an IRI, "
                   "\"quoted\" text a literal, a number a number; other text names an item (label, alias or id), "
                   "and is an error, with the nearest names, when it names none.")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and what each answers.")
@store_option
@handle_errors
def query(query, fmt, binds, list_queries, store):
    """Ask the graph a question in SPARQL.

    QUERY is the name of a canned query (see --list), a .rq file, or SPARQL
    text; the usual prefixes (kg:, rdfs:, skos:, prov:, schema:, ...) need no
    declaration. SELECT prints rows, ASK prints true or false, CONSTRUCT
    prints Turtle.

    Examples: kg query contested; kg query who-asserts --bind entity=Q;
    kg query 'SELECT ?i ?l WHERE { ?i a kg:Incident ; rdfs:label ?l }' --format csv
    """
    from kg.errors import UnknownTermWarning
    from kg.query import run_query
    from kg.export.query_results import format_result
    from kg.sparql import canned_queries, parse_binding

    if list_queries:
        queries = canned_queries()
        width = max(len(name) for name in queries)
        for name, canned in queries.items():
            click.echo(f"{name.ljust(width)}  {canned.title}")
        click.echo("\nEach file's header says more: kg/queries/NAME.rq")
        return
    if not query:
        raise click.UsageError("give a query NAME, a FILE.rq or SPARQL text, or --list")
    from kg.query import cli_resolver
    from kg.store import open_graph

    graph = open_graph(store)
    bindings = dict(parse_binding(text, resolve=cli_resolver(graph)) for text in binds)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", UnknownTermWarning)
        result = run_query(graph, query, bindings)
    for warning in said:
        click.echo(f"warning: {safe(str(warning.message))}", err=True)
    text = format_result(result, fmt)
    # The table is for reading; the W3C formats are data for other programs and stay exact
    # (JSON already escapes control characters).
    click.echo(safe(text) if fmt == "table" else text, nl=False)


commands = [query]
