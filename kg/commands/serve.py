"""``kg serve``: the read-only SPARQL endpoint and its home page."""

from __future__ import annotations

import os
import signal

import click

from kg.commands.common import handle_errors, store_option

__all__ = ["commands"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. Only loopback by default; use 0.0.0.0 to share on a network, knowingly.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on; 0 picks a free one.")
@click.option("--exports", default="exports", show_default=True, type=click.Path(file_okay=False), help="Folder whose files (graph.html, kg.ttl, ...) are served read-only under /exports/.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1), help="Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a query may return (422 beyond).")
@click.option("--max-bytes", default=16 << 20, show_default=True, type=click.IntRange(min=1024), help="Largest answer in bytes (422 beyond), however few its rows.")
@click.option("--max-memory", "memory_mb", default=1024, show_default=True, type=click.IntRange(min=64), metavar="MB",
              help="Memory a query worker may take beyond the open store; a query past it is a 503 and the worker is replaced.")
@click.option("--workers", default=min(8, max(2, os.cpu_count() or 2)), show_default="CPUs, 2 to 8", type=click.IntRange(min=1), help="Query worker processes.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME", help="Also answer requests whose Host header names NAME (repeatable). Only localhost and loopback addresses are answered otherwise, against DNS rebinding.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages of ORIGIN (such as http://127.0.0.1:8080, a query editor on another port) query the endpoint: "
              "their requests get CORS headers and their preflights an answer (repeatable). Off by default.")
@click.option("--quiet", is_flag=True, help="Do not log each request to stderr.")
@store_option
@handle_errors
def serve(host, port, exports, timeout, max_rows, max_bytes, memory_mb, workers, allow_hosts, cors_origins, quiet, store):
    """Serve the built graph as a read-only SPARQL 1.1 endpoint at /sparql.

    The home page (/) has a query editor, the canned queries and links to the
    exports. Updates, SERVICE and LOAD are refused; nothing is fetched from the
    network. Ctrl-C stops the server.
    Example: kg serve --port 7878, then open http://127.0.0.1:7878/
    """
    from kg.server import Endpoint, Limits
    from kg.store import open_graph, parse_location

    location = parse_location(store)
    open_graph(store)  # fails early, with the usual message, when nothing is built
    endpoint = Endpoint(
        location,
        host=host,
        port=port,
        exports=exports,
        limits=Limits(timeout=timeout, max_rows=max_rows, max_bytes=max_bytes, memory_mb=memory_mb),
        workers=workers,
        log=None if quiet else (lambda line: click.echo(line, err=True)),
        allowed_hosts=allow_hosts,
        cors_origins=cors_origins,
    )
    if not endpoint.is_loopback:
        click.echo(f"warning: listening on {host}: the endpoint is reachable from the network, and anyone who can reach port {endpoint.port} can read the whole graph", err=True)
    click.echo(f"serving {location} read-only at {endpoint.sparql_url}")
    click.echo(f"home page: {endpoint.url} (Ctrl-C stops)")
    previous = signal.signal(signal.SIGTERM, _stop)  # a supervisor's stop is a clean stop too
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        endpoint.close()


def _stop(signum, frame):
    raise KeyboardInterrupt


commands = [serve]
