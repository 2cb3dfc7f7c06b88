"""What every command shares: KGError → a clean message, and the ``--store`` option."""

from __future__ import annotations

import functools
from typing import Callable

import click

from kg.errors import KGError, ValidationError
from kg.terminal import safe

__all__ = ["handle_errors", "store_option"]


def handle_errors(func: Callable) -> Callable:
    """Turn :class:`KGError` into a one-line message and exit code 1; a ValidationError's report goes to stderr."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as e:
            if e.report:
                click.echo(safe(e.report), err=True)
            raise click.ClickException(safe(str(e))) from e
        except KGError as e:  # messages quote user data: labels, file names, query text
            raise click.ClickException(safe(str(e))) from e

    return wrapper


store_option = click.option(
    "--store",
    envvar="KG_STORE",
    default=None,
    metavar="LOC",
    help="Store location: a folder (embedded Oxigraph, default .kg/store), 'memory', or 'memory:FILE.nt'. Also KG_STORE.",
)
