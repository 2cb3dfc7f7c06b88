"""Reading case folders into plain records, keeping file and line for errors.

A case is a folder with ``case.yaml`` and any number of other ``*.yaml``
files holding the sections ``sources``, ``entities``, ``propositions``,
``judgements`` and ``questions`` (see docs/case-format.md). This module
only reads and checks the shape; :mod:`kg.loaders.case` turns the records
into triples.
"""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from kg.errors import LoadError

__all__ = ["Case", "Item", "read_case", "read_yaml", "brief", "SECTIONS", "SLUG", "ALIAS_BUDGET"]

SECTIONS = ("sources", "entities", "propositions", "judgements", "questions")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

try:  # the C parser is much faster on large cases; constructors stay Python
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


#: What YAML aliases may add to a file, in nodes and in characters of text.
#: An alias repeats what its anchor holds; a few nested aliases can expand
#: into billions of nodes, and one alias repeated to a gigabyte of text.
ALIAS_BUDGET = (10_000, 100_000)
#: The longest text value a case file may hold, in characters (a label, a quote, a description).
MAX_TEXT_CHARS = 1 << 20
#: The longest number a case file may hold, in characters; counts and offsets need far fewer.
MAX_NUMBER_CHARS = 30

_BRIEF = reprlib.Repr()
_BRIEF.maxstring = 60
_BRIEF.maxother = 60
_BRIEF.maxlist = _BRIEF.maxdict = 4
_BRIEF.maxlevel = 2


def brief(value: Any) -> str:
    """A short ``repr`` of a value from a case file, for error messages.

    A value can be huge (a long text, or an entry that aliases expand), so
    messages never hold the whole of one.

    >>> brief("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> brief(["a", ["b", ["c"]]])
    "['a', ['b', [...]]]"
    """
    return _BRIEF.repr(value)


class Located(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


#: The first characters of plain scalars that an implicit resolver may type (a number, a boolean, null...).
_TYPED_FIRST = frozenset(k for k in _BaseLoader.yaml_implicit_resolvers if k)


class _Loader(_BaseLoader):
    path: str = "<input>"

    def error(self, node: yaml.Node, message: str) -> LoadError:
        return LoadError(self.path, node.start_mark.line + 1, message)

    def resolve(self, kind, value, implicit):
        """A scalar's tag, as PyYAML resolves it; text (quoted, or plain and starting with a character no implicit
        resolver takes) without trying them: most of a case file's scalars, once each."""
        if kind is yaml.ScalarNode and (not implicit[0] or value and value[0] not in _TYPED_FIRST) and not self.yaml_path_resolvers:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


if None in _BaseLoader.yaml_implicit_resolvers:  # pragma: no cover - a resolver for any first character: try them all
    del _Loader.resolve


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    value = node.value if type(node) is yaml.ScalarNode else loader.construct_scalar(node)
    if "\x00" in value:
        raise loader.error(node, "NUL character in a text value; remove it (a case file is text)")
    if len(value) > MAX_TEXT_CHARS:
        raise loader.error(
            node,
            f"text value too long: {len(value):,} characters, over the {MAX_TEXT_CHARS:,} a case file "
            "may hold; quote the passage, and put whole documents in --documents",
        )
    return value


def _check_number_length(loader: _Loader, node: yaml.ScalarNode) -> None:
    if len(node.value) > MAX_NUMBER_CHARS:
        raise loader.error(
            node,
            f"number too long: {len(node.value):,} characters, over the {MAX_NUMBER_CHARS} a case file may hold",
        )


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    _check_number_length(loader, node)
    return loader.construct_yaml_int(node)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    _check_number_length(loader, node)
    return loader.construct_yaml_float(node)


def _construct_bool(loader: _Loader, node: yaml.ScalarNode) -> bool | str:
    """``true`` and ``false`` are booleans; YAML 1.1's ``yes``, ``no``, ``on``, ``off`` stay the text typed.

    So ``judgement: yes`` is reported as the unknown judgement 'yes', not as ``True``.
    """
    if node.value.lower() in ("true", "false"):
        return node.value.lower() == "true"
    return _construct_str(loader, node)


def _refuse_binary(loader: _Loader, node: yaml.Node):
    raise loader.error(node, "binary value (!!binary) in a case file; case files hold text")


def _refuse_set(loader: _Loader, node: yaml.Node):
    raise loader.error(node, "a set (!!set) in a case file: its order changes from run to run; write a list")


def _check_aliases(path: str, root: yaml.Node) -> None:
    """Refuse a document whose aliases would expand past :data:`ALIAS_BUDGET`.

    Counts the nodes and characters that the expanded document would hold,
    without expanding it: each distinct node is sized once.
    """
    sizes: dict[int, tuple[int, int]] = {}
    visiting: set[int] = set()

    def size(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise LoadError(
                path, node.start_mark.line + 1, "recursive YAML alias: an anchor used inside itself"
            )
        visiting.add(key)
        nodes, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        else:
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                n, c = size(child)
                nodes, chars = nodes + n, chars + c
        visiting.discard(key)
        sizes[key] = (nodes, chars)
        return nodes, chars

    max_nodes, max_chars = ALIAS_BUDGET
    seen: set[int] = set()
    added = [0, 0]

    def walk(node: yaml.Node, line: int) -> None:
        if id(node) in seen:  # a second use: an alias
            nodes, chars = size(node)
            added[0] += nodes
            added[1] += chars
            if added[0] > max_nodes or added[1] > max_chars:
                raise LoadError(
                    path,
                    line,
                    f"YAML aliases expand too far (over {max_nodes:,} nodes or {max_chars:,} characters "
                    "repeated); write the repeated part out, or drop the aliases",
                )
            return
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            # An alias node carries its anchor's position, so a repeat is placed at its sequence.
            for child in node.value:
                walk(child, line if id(child) in seen else child.start_mark.line + 1)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(key, key.start_mark.line + 1)
                walk(value, key.start_mark.line + 1)

    walk(root, root.start_mark.line + 1)


_STR = "tag:yaml.org,2002:str"


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        # Text, the usual key and value, is made at once; the rest (and aliases) through PyYAML's bookkeeping.
        key = _construct_str(loader, key_node) if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise LoadError(
                loader.path, key_node.start_mark.line + 1, f"mapping key must be text, not {brief(key)}"
            )
        key = str(key)
        if key in mapping:
            raise LoadError(
                loader.path, key_node.start_mark.line + 1, f"duplicate key {brief(key)} in the same mapping"
            )
        mapping[key] = (
            _construct_str(loader, value_node) if value_node.tag == _STR else loader.construct_object(value_node, deep=True)
        )
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: the loader checks and types them itself, and YAML's own
# timestamp rules would turn "2026-03" into a string but "2026-03-05" into a date.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:binary", _refuse_binary)
_Loader.add_constructor("tag:yaml.org,2002:set", _refuse_set)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


@dataclass
class Item:
    """One entry of a section: a source, entity, proposition, judgement or question."""

    section: str
    fields: Located
    path: Path

    @property
    def line(self) -> int:
        return self.fields.line

    def line_of(self, key: str) -> int:
        return self.fields.line_of(key)

    def error(self, message: str, key: str | None = None) -> LoadError:
        return LoadError(self.path, self.line_of(key) if key else self.line, message)


@dataclass
class Case:
    slug: str
    title: str
    path: Path
    description: str = ""
    items: list[Item] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def section(self, name: str) -> Iterator[Item]:
        return (item for item in self.items if item.section == name)


#: the largest case file read; the biggest seed file is 17 kB
MAX_CASE_FILE_BYTES = 64 * 1024 * 1024


def read_case_text(path: Path, root: Path | None = None) -> str:
    """The text of one case file, refused unless it is a regular file (inside ``root`` when given).

    A FIFO would hang the reader and ``/dev/zero`` fill memory; a link out of the case folder
    would bring another file's content into the graph. UTF-8 and no NUL, else a :class:`LoadError`.
    """
    from kg.loaders.text import read_bytes

    if root is not None:
        folder = root.resolve()
        if not path.resolve().is_relative_to(folder):
            raise LoadError(path, None, "links outside the case folder; kg reads only case files inside it")
    raw = read_bytes(path, MAX_CASE_FILE_BYTES, "for case files")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LoadError(
            path,
            line,
            f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); save the file as UTF-8",
        ) from e
    if "\x00" in text:
        raise LoadError(
            path, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte) in a YAML file"
        )
    return text


def read_yaml(path: Path, root: Path | None = None) -> Any:
    """Parse one YAML file; every failure is a :class:`LoadError` naming the file and line."""
    return parse_yaml(read_case_text(path, root), path)


def parse_yaml(text: str, where: str | Path = "<input>") -> Any:
    """Parse YAML text with the limits of case files (nesting, aliases, sizes, tags); errors name ``where``.

    ``kg review`` checks its round-trip loads with this first, so a hostile file or edit meets
    the same limits as at ``kg build``.
    """
    loader = _Loader(text)
    loader.path = str(where)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:  # an alias is written *name: without one, nothing repeats
            _check_aliases(str(where), node)
        return loader.construct_document(node)
    except MemoryError as e:
        raise LoadError(
            where, None, "too large to read; a case file holds short texts, not whole documents"
        ) from e
    except RecursionError as e:
        raise LoadError(where, None, "malformed YAML: nested too deeply") from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise LoadError(where, line, f"malformed YAML: {e.problem or e.context}") from e
    except yaml.YAMLError as e:
        raise LoadError(where, None, f"malformed YAML: {e}") from e
    finally:
        loader.dispose()


def read_case(path: str | Path, *, lenient: bool = False) -> Case:
    """Read a case folder: the one reader of case files, for the build and for ingest.

    Raises :class:`LoadError` for a missing folder or ``case.yaml``, malformed
    or non-UTF-8 YAML, unknown sections, entries that are not mappings, and an
    empty case.

    ``lenient`` is for ``kg ingest``, which starts cases and adds to them: a
    missing folder or ``case.yaml`` gives an empty case (its ``slug`` and
    ``title`` empty), and an empty case is no error. The files that are
    there are read as strictly as ever.

    >>> read_case("no/such/case", lenient=True).items
    []
    """
    root = Path(path)
    meta_path = root / "case.yaml"
    if lenient and not meta_path.is_file():
        case = Case(slug="", title="", path=root)
        if root.is_dir():
            _read_sections(case, _case_files(root, None))
        return case
    if not root.is_dir():
        raise LoadError(root, None, "case folder not found")
    if not meta_path.is_file():
        raise LoadError(root, None, "not a case folder: case.yaml is missing")
    meta = read_yaml(meta_path, root)
    if not isinstance(meta, Located):
        raise LoadError(meta_path, 1, "case.yaml must be a mapping with at least 'case' and 'title'")
    slug = meta.get("case")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise LoadError(
            meta_path,
            meta.line_of("case"),
            f"'case' must be a slug of lower-case letters, digits and '-', not {brief(slug)}",
        )
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise LoadError(meta_path, meta.line_of("title"), "'title' is required")
    unknown = sorted(set(meta) - {"case", "title", "description"} - set(SECTIONS))
    if unknown:
        raise LoadError(meta_path, meta.line_of(unknown[0]), f"unknown key {brief(unknown[0])} in case.yaml")
    case = Case(
        slug=slug, title=title.strip(), path=root, description=str(meta.get("description") or "").strip()
    )
    _read_sections(case, _case_files(root, meta))
    if not case.items and not lenient:
        raise LoadError(root, None, "empty case: no sources, entities, propositions, judgements or questions")
    return case


def _case_files(root: Path, meta: Located | None) -> list[tuple[Path, Any]]:
    """Each YAML file of the case, ``case.yaml`` first, with its parsed content (``_`` and ``.`` files skipped)."""
    others = sorted(
        p for p in root.glob("*.yaml") if p.name != "case.yaml" and not p.name.startswith(("_", "."))
    )
    first = [(root / "case.yaml", meta)] if meta is not None else []
    return first + [(file, read_yaml(file, root)) for file in others]


def _read_sections(case: Case, files: list[tuple[Path, Any]]) -> None:
    case.files = [file for file, _ in files]
    for file, content in files:
        if content is None:
            continue
        if not isinstance(content, Located):
            raise LoadError(file, 1, f"a case file must be a mapping of sections ({', '.join(SECTIONS)})")
        for section, entries in content.items():
            if file.name == "case.yaml" and section in ("case", "title", "description"):
                continue
            if section not in SECTIONS:
                raise LoadError(
                    file,
                    content.line_of(section),
                    f"unknown section {brief(section)}; expected one of {', '.join(SECTIONS)}",
                )
            if entries is None:
                continue
            if not isinstance(entries, list):
                raise LoadError(
                    file, content.line_of(section), f"section {brief(section)} must be a list of entries"
                )
            for entry in entries:
                if not isinstance(entry, Located):
                    raise LoadError(
                        file,
                        content.line_of(section),
                        f"each entry of {brief(section)} must be a mapping, not {brief(entry)}",
                    )
                case.items.append(Item(section, entry, file))
