"""A canned query's ORDER BY, applied in Python to rows gathered from several cases' summaries.

Each case's rows are materialised in the engine's order (:mod:`kg.summaries`);
the rows of many cases are put in one order here. The conditions are read off
the query's last ``ORDER BY`` line: a condition that is a selected variable is
read from the row, any other (``DESC(?polarity)``, ``COALESCE(STR(?date), "~")``)
is computed by the engine at build time as an extra column of each row
(:func:`keyed_text`), so no SPARQL expression is evaluated in Python.

Values compare as SPARQL orders them: unbound first, then blank nodes, IRIs
and literals; numbers by value, other literals by their text (code point by
code point, as Oxigraph does). Each row's place is one string worked out at
build time (:func:`order_key`), so putting many cases' rows in order compares
one string a row.

>>> conditions = order_conditions("SELECT ?a ?b WHERE { }\\nORDER BY ?a DESC(?c)")
>>> conditions
[(False, '?a'), (True, '?c')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.terms import NUMBERS

__all__ = ["order_conditions", "keyed_text", "order_key", "escaped_key", "parse_cell"]

_ORDER = re.compile(r"^ORDER BY\s+(.+)\Z", re.MULTILINE | re.DOTALL)
_DIRECTION = re.compile(r"(ASC|DESC)\((.*)\)", re.IGNORECASE | re.DOTALL)
_VARIABLE = re.compile(r"\?(\w+)")
#: The extra columns' names: no canned query selects a variable of this name.
KEY_PREFIX = "kgOrderKey"


def _split(clause: str) -> list[str]:
    """The conditions of an ORDER BY clause: split on spaces outside parentheses and strings.

    >>> _split('?a COALESCE(STR(?d), "~ x") DESC(?c)')
    ['?a', 'COALESCE(STR(?d), "~ x")', 'DESC(?c)']
    """
    parts, current, depth, quote = [], "", 0, None
    for char in clause:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current] if current else parts


def order_conditions(text: str) -> list[tuple[bool, str]]:
    """``(descending, expression)`` for each condition of the query's top-level ``ORDER BY`` (its last line at column 0)."""
    found = _ORDER.search(text)
    if not found:
        return []
    out = []
    for part in _split(" ".join(line.split("#", 1)[0] for line in found.group(1).splitlines())):
        direction = _DIRECTION.fullmatch(part)
        out.append((direction.group(1).upper() == "DESC", direction.group(2).strip()) if direction else (False, part))
    return out


def keyed_text(text: str, selected: list[str]) -> tuple[str, list[tuple[bool, int]]]:
    """The query with a column for each ORDER BY condition that is not a selected variable, and where each condition is read.

    Each condition becomes ``(descending, column)``: a selected variable's
    column, or an extra one after them, ``(expression AS ?kgOrderKeyN)``.
    The top-level ORDER BY itself is left out: the rows are put in order by
    their order keys (:func:`order_key`), and a query orders by every column
    it selects, so rows whose keys tie are the same row.

    >>> text, where = keyed_text("SELECT ?a\\nWHERE { ?a ?p ?b }\\nORDER BY DESC(?b) ?a", ["a"])
    >>> print(text)
    SELECT ?a (?b AS ?kgOrderKey0)
    WHERE { ?a ?p ?b }
    >>> where
    [(True, 1), (False, 0)]
    """
    extra, where = [], []
    for descending, expression in order_conditions(text):
        variable = _VARIABLE.fullmatch(expression)
        if variable and variable.group(1) in selected:
            where.append((descending, selected.index(variable.group(1))))
        else:
            where.append((descending, len(selected) + len(extra)))
            extra.append(f"({expression} AS ?{KEY_PREFIX}{len(extra)})")
    if extra:
        clause = re.search(r"\nWHERE\b", text)  # the top-level WHERE starts a line; a subquery's is indented
        text = text[: clause.start()] + " " + " ".join(extra) + text[clause.start():]
    found = _ORDER.search(text)
    if found:
        text = text[: found.start()].rstrip() + "\n"
    return text, where


_RANKS = {"unbound": 1, "blank": 2, "iri": 3, "number": 4, "literal": 5}
_HEX_DOWN = str.maketrans("0123456789abcdef", "fedcba9876543210")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescaped(found: re.Match) -> str:
    code = found.group(1)
    return chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPED.get(code, code)


def parse_cell(cell: str) -> tuple[str, str | None]:
    """A summary cell (a term as the engine writes it in SPARQL's TSV results) as ``(text, kind)``: kind None for an
    IRI, ``"_"`` for a blank node, ``"@lang"`` or the datatype for a literal. (The empty cell, unbound, is no term.)

    >>> parse_cell("<urn:a>"), parse_cell("_:b0"), parse_cell('"x"@en'), parse_cell('"a\\\\tb \\\\"c\\\\" \\\\u00e9"')
    (('urn:a', None), ('b0', '_'), ('x', '@en'), ('a\\tb "c" é', 'http://www.w3.org/2001/XMLSchema#string'))
    >>> parse_cell('"2026-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'), parse_cell("-7"), parse_cell("1.5"), parse_cell("true")[1]
    (('2026-03', 'http://www.w3.org/2001/XMLSchema#gYearMonth'), ('-7', 'http://www.w3.org/2001/XMLSchema#integer'), ('1.5', 'http://www.w3.org/2001/XMLSchema#decimal'), 'http://www.w3.org/2001/XMLSchema#boolean')
    """
    first = cell[0]
    if first == "<":
        return cell[1:-1], None
    if first == '"':
        close = cell.rindex('"')
        text, rest = cell[1:close], cell[close + 1 :]
        if "\\" in text:
            text = _ESCAPE.sub(_unescaped, text)
        if not rest:
            return text, _XSD_STRING
        return text, rest if rest[0] == "@" else rest[3:-1]
    if first == "_":
        return cell[2:], "_"
    # Turtle's short forms of a number or a boolean
    if cell in ("true", "false"):
        return cell, _XSD + "boolean"
    if "e" in cell or "E" in cell:
        return cell, _XSD + "double"
    return cell, _XSD + ("decimal" if "." in cell else "integer")


def _number(text: str) -> str | None:
    """A number's 16 hex digits, in the order of the numbers (IEEE 754, sign folded); None if ``text`` is not one."""
    import struct

    try:
        bits = struct.unpack(">Q", struct.pack(">d", float(text)))[0]
    except (ValueError, OverflowError):
        return None
    return f"{bits ^ (0xFFFFFFFFFFFFFFFF if bits >> 63 else 1 << 63):016x}"


@lru_cache(maxsize=1 << 16)
def _part(cell: str, descending: bool) -> str:
    """One condition's part of an order key (see :func:`order_key`); cells repeat, so each is worked out once."""
    if not cell:
        rank, text = "unbound", ""
    else:
        text, kind = parse_cell(cell)
        if kind is None:
            rank = "iri"
        elif kind == "_":
            rank = "blank"
        else:
            number = _number(text) if kind in NUMBERS else None
            rank, text = ("number", number) if number is not None else ("literal", text)
    if not descending:
        return chr(_RANKS[rank]) + text + "\0"
    if rank in ("unbound", "number"):  # fixed width: each digit turned over turns the order over
        return chr(0x10 - _RANKS[rank]) + text.translate(_HEX_DOWN) + "\0"
    raise ValueError("a summarised query orders by DESC() only numbers (kg.summary_order)")


#: A key's control characters (its ranks and NULs, a text's tabs and line breaks) as two characters each, in the same
#: order: ``\x02`` then a printable one. An escaped key sorts as the key did and holds no tab or line break, and ``\x01``
#: after it sorts first. ``\x02`` goes first, so that no escape is escaped again.
_CONTROLS = ["\x02", *(chr(c) for c in range(0x20) if c != 2)]


def _escaped(key: str) -> str:
    """``key`` with each control character escaped (see :data:`_CONTROLS`): one ``str.replace`` a character, in C
    (``str.translate`` with a table of strings takes a Python lookup a character, ten times as long).

    >>> _escaped("\\x03a\\x00\\x02b\\tc")
    '\\x02#a\\x02 \\x02"b\\x02)c'
    """
    for control in _CONTROLS:
        if control in key:
            key = key.replace(control, "\x02" + chr(0x20 + ord(control)))
    return key


@lru_cache(maxsize=1 << 16)
def _escaped_part(cell: str, descending: bool) -> str:
    return _escaped(_part(cell, descending))


def escaped_key(cells: list, descending: list[bool]) -> str:
    """:func:`order_key` with its control characters escaped (:func:`_escaped`), part by part: a line of text that
    sorts as the key does.

    >>> cells = ['"a\\tb"', "2"]
    >>> escaped_key(cells, [False, True]) == _escaped(order_key(cells, [False, True])), "\t" in escaped_key(cells, [False, True])
    (True, False)
    """
    return "".join(map(_escaped_part, cells, descending))


def order_key(cells: list, descending: list[bool]) -> str:
    """One string whose order among rows is the rows' ORDER BY order: each condition's rank and text, NUL after each.

    Unbound comes first, then blank nodes, IRIs, numbers (by value) and other
    literals (by text, code point by code point, as Oxigraph compares them);
    DESC turns a number's order over. Made at build time, so that rows of many
    cases are put in order by comparing one string a row. Cells are terms as
    the engine writes them in TSV (:func:`parse_cell`), ``""`` unbound.

    >>> rows = [['"b"', "1"], ['"a"', "-1"], ['"a"', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'], ["", "0"]]
    >>> [row for row in sorted(rows, key=lambda row: order_key(row, [False, True]))] == [rows[3], rows[2], rows[1], rows[0]]
    True
    """
    return "".join(map(_part, cells, descending))
