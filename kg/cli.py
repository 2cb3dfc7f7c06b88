"""The ``kg`` command line: the group, and the commands registered on it.

The commands live under :mod:`kg.commands`, one module a room, each exposing
``commands``; what they share (:func:`~kg.commands.common.handle_errors`,
``--store``) is in :mod:`kg.commands.common`. Every command turns a
:class:`kg.errors.KGError` into a one-line message and exit code 1; a user's
mistake never prints a traceback.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["cli", "COMMAND_MODULES"]

#: Modules under kg/commands/ that each expose ``commands``: a list of click commands.
COMMAND_MODULES = ["build", "query", "unresolved", "html", "ingest", "serve", "export", "synth", "review"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """kg: turn documents about incidents into a knowledge graph of sourced,
    conflicting assertions, and show what the record leaves unresolved.

    Start with `kg build` to build the cases under seeds/, then `kg stats`.
    """


def _register() -> None:
    # Command modules import their heavy dependencies inside the commands, so
    # registering them all keeps `kg --help` fast.
    for name in COMMAND_MODULES:
        for command in importlib.import_module(f"kg.commands.{name}").commands:
            cli.add_command(command)


_register()


def main() -> None:  # pragma: no cover - console entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    cli()
