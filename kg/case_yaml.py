"""The case format written as YAML: one writer, ruamel.yaml's round trip, in the style of kg's case files.

``kg ingest`` (its drafts and a new case's ``case.yaml``) and ``kg synth`` write new files
with :func:`dump_case_file`; ``kg review`` edits existing
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
import re
from datetime import date
from functools import lru_cache
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
    """A new case file holding ``data``, with ``header`` (lines of text) as a comment on top.

    Plain data in the house style is written by :func:`_fast_case_file`, which gives
    ruamel.yaml's bytes without its machinery (a synthetic corpus of 100,000 triples is
    written about 15 times faster); anything it is unsure of goes through ruamel.yaml.
    """
    try:
        return _fast_case_file(data, header)
    except _Unsure:
        pass
    document = case_document(data)
    if header:
        document.yaml_set_start_comment(header)
    return dump(document)


# ---------------------------------------------------------------- the fast path for new files
# It writes only what it knows ruamel.yaml writes the same way: block mappings and
# sequences, short flow lists of scalars, and scalars whose rendering it takes from
# ruamel.yaml itself (one small dump each, cached) unless they are plain words that
# resolve as text. tests/test_case_yaml.py holds the two paths byte-identical.


class _Unsure(Exception):
    """The fast path cannot vouch for this data: write it with ruamel.yaml."""


#: Text ruamel.yaml writes as it is (plain) in block context, when it also resolves as text.
_PLAIN_BLOCK = re.compile(r"[A-Za-z0-9(][A-Za-z0-9 .,;()'/&+_?!-]*[A-Za-z0-9.)?!']")
#: The same inside a flow list, where ',' '?' and brackets would be indicators.
_PLAIN_FLOW = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'/()-]*[A-Za-z0-9.)']")
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@lru_cache(maxsize=1)
def _scalar_yaml():
    """One ruamel.yaml instance for the scalars the fast path asks it about."""
    return yaml_rt()


@lru_cache(maxsize=1)
def _resolvable_first_characters() -> frozenset[str]:
    """The characters a plain scalar that resolves to something other than text (a number, a date, null) may start with."""
    return frozenset(_scalar_yaml().resolver.versioned_resolver)


def _resolves_as_text(text: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    if text[0] not in _resolvable_first_characters() or (text[0].isalpha() and " " in text):
        return True  # the implicit types starting with a letter are single words: null, true, false
    return _scalar_yaml().resolver.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


@lru_cache(maxsize=4096, typed=True)  # typed: True, 1 and 1.0 are one key otherwise
def _ruamel_scalar(value: Any, flow: bool) -> str:
    """ruamel.yaml's rendering of one scalar, as a mapping's value or inside a flow list."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = io.StringIO()
    if flow:
        seq = CommentedSeq([value])
        seq.fa.set_flow_style()
        _scalar_yaml().dump(CommentedMap(k=seq), out)
        text = out.getvalue()
        rendered = text[len("k: [") : -len("]\n")]
    else:
        _scalar_yaml().dump(CommentedMap(k=value), out)
        text = out.getvalue()
        rendered = text[len("k: ") : -1]
    if "\n" in rendered or not text.endswith("\n") or not rendered:
        raise _Unsure(value)
    return rendered


def _scalar(value: Any, flow: bool) -> str:
    if isinstance(value, str):
        if len(value) > 1000 or "\n" in value:
            raise _Unsure(value)
        plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
        if plain.fullmatch(value) and _resolves_as_text(value):
            return value
        return _ruamel_scalar(value, flow)
    if type(value) is date:
        return value.isoformat()
    if isinstance(value, (bool, int, float, date)):
        return _ruamel_scalar(value, flow)
    raise _Unsure(value)


def _is_flow(value: list) -> bool:
    """The rule of :func:`case_document`: a short list of scalars is written on one line."""
    return all(isinstance(item, (str, int, float)) for item in value) and len(str(list(value))) < FLOW_LIST_CHARACTERS


def _mapping(data: dict, indent: int, lines: list[str], first: str | None = None) -> None:
    """``data`` as a block mapping at column ``indent``; ``first`` starts its first line ('- ')."""
    if not data:
        raise _Unsure(data)
    for key, value in data.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise _Unsure(key)
        lead = first if first is not None else " " * indent
        first = None
        if isinstance(value, dict):
            if not value:
                lines.append(f"{lead}{key}: {{}}")
                continue
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{lead}{key}: []")
            elif _is_flow(list(value)):
                lines.append(f"{lead}{key}: [{', '.join(_scalar(item, True) for item in value)}]")
            else:
                lines.append(f"{lead}{key}:")
                _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{lead}{key}: {_scalar(value, False)}")


def _sequence(items, indent: int, lines: list[str]) -> None:
    """A block sequence whose dashes stand at column ``indent``."""
    for item in items:
        if isinstance(item, dict):
            _mapping(item, indent + 2, lines, first=" " * indent + "- ")
        elif isinstance(item, (list, tuple)):
            raise _Unsure(item)
        else:
            lines.append(f"{' ' * indent}- {_scalar(item, False)}")


@lru_cache(maxsize=64)
def _header(header: str) -> str:
    from ruamel.yaml.comments import CommentedMap

    document = CommentedMap(k=1)
    document.yaml_set_start_comment(header)
    text = dump(document)
    if not text.endswith("k: 1\n"):
        raise _Unsure(header)
    return text[: -len("k: 1\n")]


def _fast_case_file(data: dict, header: str = "") -> str:
    if not isinstance(data, dict):
        raise _Unsure(data)
    lines: list[str] = []
    _mapping(data, 0, lines)
    return (_header(header) if header else "") + "\n".join(lines) + "\n"
