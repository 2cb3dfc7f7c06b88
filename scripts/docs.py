"""Regenerate the generated parts of docs/: each command's --help, the layout of the tree, and ingest's speech rules.

    python scripts/docs.py          # rewrite the generated blocks in place
    python scripts/docs.py --check  # exit 1, naming the stale page, if a block is out of date

A generated block sits between ``<!-- generated: NAME -->`` and ``<!-- end: NAME -->``;
everything outside the markers is written by hand. ``tests/test_docs.py`` runs the check,
so a new command, a changed option or a moved module fails the tests until this is run.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: Help is rendered at a fixed width so the page is the same on every terminal.
HELP_WIDTH = 80

#: The page that explains each command; the generated block links to it.
GUIDES = {
    "build": ("case-format.md#building-a-case-kg-build", "building a case"),
    "diff": ("ingest.md#the-change-report", "the change report"),
    "export": ("exports.md#kg-export-every-standard-format", "exports"),
    "html": ("exports.md#the-page-kg-html", "the page"),
    "ingest": ("ingest.md", "drafting a case from articles"),
    "path": ("unresolved.md#kg-path", "explanation paths"),
    "query": ("unresolved.md#kg-query", "asking the graph"),
    "review": ("ingest.md#reviewing-drafts-kg-review", "reviewing drafts"),
    "serve": ("serve.md", "the SPARQL endpoint"),
    "stats": ("case-format.md#checking-it-kg-validate-and-kg-stats", "checking a build"),
    "synth": ("development.md#the-corpus-benchmark", "the corpus benchmark"),
    "unresolved": ("unresolved.md#kg-unresolved", "what the record leaves unresolved"),
    "validate": ("case-format.md#checking-it-kg-validate-and-kg-stats", "checking a build"),
}


def command_help(name: str | None = None) -> str:
    """``kg [NAME] --help`` as a user sees it, at :data:`HELP_WIDTH` columns."""
    from click.testing import CliRunner

    from kg.cli import cli

    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(cli, args, prog_name="kg", terminal_width=HELP_WIDTH)
    if result.exit_code != 0:
        raise SystemExit(f"kg {' '.join(args)} failed:\n{result.output}")
    return result.output


def cli_block() -> str:
    """Every command's usage, in name order, each with a link to the page that explains it."""
    from kg.cli import cli

    parts = ["    $ kg --help", *_indent(command_help())]
    for name in sorted(cli.commands):
        page, topic = GUIDES.get(name, ("", ""))
        parts += ["", f"## `kg {name}`", ""]
        if page:
            parts += [f"Explained in [{topic}]({page}).", ""]
        parts += [f"    $ kg {name} --help", *_indent(command_help(name))]
    return "\n".join(parts)


def _indent(text: str) -> list[str]:
    return [f"    {line}".rstrip() for line in text.rstrip("\n").splitlines()]


def summary(path: Path) -> str:
    """The first paragraph of a module's docstring, or of its package's ``__init__``."""
    source = path / "__init__.py" if path.is_dir() else path
    if not source.exists():
        return ""
    docstring = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    first = " ".join(docstring.strip().split("\n\n")[0].split())
    return re.sub(r":(?:mod|func|class|data):`~?([^`]+)`", r"\1", first).replace("``", "`")


def layout_block() -> str:
    """The package tree, one line per module with the first paragraph of its docstring."""
    lines = ["```text"]
    for path in sorted((ROOT / "kg").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if path.name == "__init__.py":
            relative = relative.parent
            name = f"{relative}/"
        else:
            name = str(relative)
        lines.append(f"{name:<32} {summary(path)}".rstrip())
    lines.append("```")
    return "\n".join(lines)


#: Generated blocks: (page, block name, function that writes it).
def speech_block() -> str:
    """The tree rules of reported speech, from their rows in kg/ingest/speech.py."""
    from kg.ingest.speech import rule_table

    return rule_table()


def kinds_block() -> str:
    """The rows for systems, safeguards and documents named in passing, from kg/ingest/kinds.py."""
    from kg.ingest.kinds import rule_table

    return rule_table()


BLOCKS = [
    ("cli.md", "help", cli_block),
    ("ingest.md", "speech-rules", speech_block),
    ("ingest.md", "kind-rules", kinds_block),
    ("development.md", "layout", layout_block),
]


def regenerate(text: str, name: str, body: str) -> str:
    """``text`` with the block ``name`` replaced by ``body``."""
    begin, end = f"<!-- generated: {name} -->", f"<!-- end: {name} -->"
    if begin not in text or end not in text:
        raise SystemExit(f"the page has no {begin} ... {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for page in sorted({page for page, _, _ in BLOCKS}):
        path = DOCS / page
        text = path.read_text(encoding="utf-8")
        new = text
        for block_page, name, write in BLOCKS:
            if block_page == page:
                new = regenerate(new, name, write())
        if new != text:
            stale.append(page)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print(f"docs/{', docs/'.join(stale)} out of date: run python scripts/docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
