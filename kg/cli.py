"""The ``kg`` command line: the group, and the commands registered on it.

The commands live under :mod:`kg.commands`, one module a room, each exposing
``commands``; what they share (:func:`~kg.commands.common.handle_errors`,
``--store``) is in :mod:`kg.commands.common`. Every command turns a
:class:`kg.errors.KGError` into a one-line message and exit code 1; a user's
mistake never prints a traceback.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys

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


#: errors of writing the output (a full disk, a quota, a file-size limit), not of kg
_OUTPUT_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def main() -> None:  # pragma: no cover - console entry point
    try:
        cli()
    except OSError as e:
        if e.errno not in _OUTPUT_FULL:
            raise
        # e.g. `kg query ... > file` on a full disk: one line, and no second error when Python flushes at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write(f"Error: cannot write the output: {e.strerror}\n")
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    cli()
