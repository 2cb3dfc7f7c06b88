"""The case format written as YAML: one writer, ruamel.yaml's round trip, in the style of kg's case files.

``kg ingest`` writes new drafts with :func:`dump_case_file`; ``kg review`` edits existing
files through :func:`load_text` and :func:`dump`, which keep their comments, key order and
formatting. Both go through :func:`yaml_rt`, so a drafted file and a reviewed one look
alike: two-space mappings, list items indented under their key, short lists of names in
flow style, long multi-line text as a literal block, and lines never re-wrapped.
:mod:`kg.case` reads what this module writes.

>>> print(dump_case_file({"entities": [{"id": "acme", "type": "Organization", "label": "Acme",
...     "aliases": ["Acme Corp.", "ACME"]}]}, header="Written by hand."), end="")
# Written by hand.
entities:
  - id: acme
    type: Organization
    label: Acme
    aliases: [Acme Corp., ACME]
"""

from __future__ import annotations

import io
from typing import Any

from kg.errors import LoadError

__all__ = ["yaml_rt", "dump", "load_text", "case_document", "dump_case_file"]

#: A list of scalars shorter than this (as Python prints it) is written on one line.
FLOW_LIST_CHARACTERS = 80
#: A string with a line break and longer than this is written as a literal block.
BLOCK_TEXT_CHARACTERS = 60


def yaml_rt():
    """A round-trip ruamel.yaml loader and dumper in the style of kg's case files."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a researcher's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(node: Any) -> str:
    """``node`` as YAML text (comments attached to it included)."""
    out = io.StringIO()
    yaml_rt().dump(node, out)
    return out.getvalue()


def load_text(text: str, where: str = "<edited item>") -> Any:
    """Parse YAML text round trip; a syntax error is a :class:`LoadError` with the line.

    The text first passes :func:`kg.case.parse_yaml`, the case reader's limits (nesting depth,
    alias expansion, sizes, refused tags): ruamel.yaml has none of them.
    """
    from ruamel.yaml import YAMLError

    from kg.case import parse_yaml

    parse_yaml(text, where)
    try:
        return yaml_rt().load(text)
    except RecursionError as e:
        raise LoadError(where, None, "malformed YAML: nested too deeply") from e
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise LoadError(
            where, mark.line + 1 if mark else None, f"malformed YAML: {getattr(e, 'problem', None) or e}"
        ) from e


def case_document(value: Any) -> Any:
    """Plain data (dicts, lists, scalars) as ruamel.yaml nodes in the house style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = case_document(item)
        return mapping
    if isinstance(value, (list, tuple)):
        sequence = CommentedSeq(case_document(item) for item in value)
        if (
            all(isinstance(item, (str, int, float)) for item in value)
            and len(str(list(value))) < FLOW_LIST_CHARACTERS
        ):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str) and "\n" in value and len(value) > BLOCK_TEXT_CHARACTERS:
        return LiteralScalarString(value)
    return value


def dump_case_file(data: dict, header: str = "") -> str:
    """A new case file holding ``data``, with ``header`` (lines of text) as a comment on top."""
    document = case_document(data)
    if header:
        document.yaml_set_start_comment(header)
    return dump(document)
