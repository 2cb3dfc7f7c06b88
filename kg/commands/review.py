"""``kg review``: walk the pending drafts of a case and decide each, or decide them by id."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.commands.common import handle_errors

__all__ = ["commands"]


def _table(items) -> str:
    if not items:
        return "no pending items\n"
    from kg.terminal import safe

    rows = [("id", "kind", "where", "summary")] + [
        (safe(i.id, layout=False), i.kind, f"{i.path.name}:{i.line}", safe(i.summary, layout=False))
        for i in items
    ]
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    lines = ["  ".join(r[c].ljust(widths[c]) for c in range(3)) + "  " + r[3] for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _edit(text: str) -> str | None:
    """``text`` edited in ``$EDITOR`` (None if left unchanged); an editor that fails is a review error."""
    from kg.review.casefiles import ReviewError

    try:
        return click.edit(text, extension=".yaml")
    except click.ClickException as e:
        raise ReviewError(f"the editor failed: {e.message}") from e
    except FileNotFoundError as e:
        raise ReviewError("the editor removed the file it was editing; nothing changed") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewError(f"the edited file cannot be read back: {e}; nothing changed") from e


@click.command("review")
@click.argument("case_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--accept",
    "accepts",
    multiple=True,
    metavar="ID",
    help="Accept these items (repeatable) without a terminal session.",
)
@click.option(
    "--reject", "rejects", multiple=True, metavar="ID", help="Reject these items (kept as status: rejected)."
)
@click.option(
    "--accept-from",
    "accept_from",
    multiple=True,
    metavar="SOURCE",
    help="Accept every pending draft read in the source SOURCE.",
)
@click.option(
    "--move",
    "moves",
    multiple=True,
    metavar="ASSERTION=PROPOSITION",
    help="Move an assertion to another proposition (repeatable); kept only if the case still loads.",
)
@click.option("--list", "list_items", is_flag=True, help="List the pending items, in review order, and stop.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="With --list: a table, or JSON.",
)
@click.option(
    "--documents",
    "documents",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder(s) holding the sources' documents, to show each quote in its passage (as kg build --documents).",
)
@click.option("--no-build", is_flag=True, help="Do not rebuild the case afterwards.")
@handle_errors
def review(case_dir, accepts, rejects, accept_from, moves, list_items, fmt, documents, no_build):
    """Review the pending items of CASE_DIR: accept, reject, edit or merge each.

    In a terminal, walks the pending items (incidents and entities first,
    then propositions, then assertions), showing each drafted item, its quote
    in the document's passage and what it may restate; keys: a accept,
    r reject, e edit ($EDITOR), m merge, v move an assertion to another
    proposition, o add an opposing assertion to a proposition, s skip,
    u undo, q quit. Decisions are
    written into the case files at once (comments and order kept, each file
    replaced atomically). Without a terminal, use --accept, --reject,
    --accept-from or --list. Afterwards the case is rebuilt and what the
    decisions changed in `kg unresolved` is printed.

    Example: kg review seeds/amazon --documents ../articles
    """
    from kg.review.session import ReviewSession
    from kg.review.summary import describe_changes, snapshot

    session = ReviewSession.open(case_dir)
    if list_items:
        pending = session.pending()
        if fmt == "json":
            click.echo(json.dumps([i.to_dict() for i in pending], ensure_ascii=False, indent=2))
        else:
            click.echo(_table(pending), nl=False)
        return
    folders = list(documents) or None
    before = None if no_build else snapshot(case_dir, folders)
    if accepts or rejects or accept_from or moves:
        for item_id in accepts:
            session.accept(item_id)
            click.echo(f"accepted {item_id}")
        for item_id in rejects:
            session.reject(item_id)
            click.echo(f"rejected {item_id}")
        for move in moves:
            assertion, _, proposition = move.partition("=")
            if not assertion or not proposition:
                raise click.UsageError(f"--move takes ASSERTION=PROPOSITION, not {move!r}")
            session.move(assertion.strip(), proposition.strip())
            click.echo(f"moved {assertion.strip()} to {proposition.strip()}")
        for source in accept_from:
            done = session.accept_from(source)
            click.echo(
                f"accepted {len(done)} item{'' if len(done) == 1 else 's'} read in {source}"
                + (": " + ", ".join(i.id for i in done) if done else "")
            )
    else:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise click.UsageError(
                "kg review needs a terminal for a session; without one, use --accept, --reject, --accept-from or --list"
            )
        from kg.review.interactive import Documents, walk

        made = walk(session, Documents(case_dir, folders), edit=_edit)
        click.echo(f"{made} decision{'' if made == 1 else 's'} written to {case_dir}")
    if before is not None:
        click.echo(describe_changes(before, snapshot(case_dir, folders)), nl=False)


commands = [review]
