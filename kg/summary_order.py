"""A canned query's ORDER BY, applied in Python to rows gathered from several cases' summaries.

Each case's rows are materialised in the engine's order (:mod:`kg.summaries`);
the rows of many cases are put in one order here. The conditions are read off
the query's last ``ORDER BY`` line: a condition that is a selected variable is
read from the row, any other (``DESC(?polarity)``, ``COALESCE(STR(?date), "~")``)
is computed by the engine at build time as an extra column of each row
(:func:`keyed_text`), so no SPARQL expression is evaluated in Python.

Values compare as SPARQL orders them: unbound first, then blank nodes, IRIs
and literals; numbers by value, other literals by their text (code point by
code point, as Oxigraph does).

>>> conditions = order_conditions("SELECT ?a ?b WHERE { }\\nORDER BY ?a DESC(?c)")
>>> conditions
[(False, '?a'), (True, '?c')]
"""

from __future__ import annotations

import re

from kg.terms import NUMBERS

__all__ = ["order_conditions", "keyed_text", "sort_rows", "sort_key"]

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

    >>> text, where = keyed_text("SELECT ?a\\nWHERE { ?a ?p ?b }\\nORDER BY DESC(?b) ?a", ["a"])
    >>> print(text)
    SELECT ?a (?b AS ?kgOrderKey0)
    WHERE { ?a ?p ?b }
    ORDER BY DESC(?b) ?a
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
    return text, where


def sort_key(cell):
    """A cell of a summary row (:mod:`kg.summaries`' encoding) as SPARQL orders it.

    >>> sorted([[\"b\"], None, \"https://x/a\", [\"2\", \"http://www.w3.org/2001/XMLSchema#integer\"]], key=sort_key)
    [None, 'https://x/a', ['2', 'http://www.w3.org/2001/XMLSchema#integer'], ['b']]
    """
    if cell is None:
        return (0,)
    if type(cell) is str:
        return (2, cell)
    kind = cell[1] if len(cell) > 1 else ""
    if kind == "_":
        return (1, cell[0])
    if kind in NUMBERS:
        try:
            return (3, 0, float(cell[0]), "")
        except ValueError:
            pass
    return (3, 1, 0.0, cell[0])


def sort_rows(rows: list, where: list[tuple[bool, int]]) -> list:
    """``rows`` in the order of the conditions ``where`` (see :func:`keyed_text`); sorted in place, stable.

    >>> rows = [["x", ["1", "http://www.w3.org/2001/XMLSchema#integer"]], ["y", ["2", "http://www.w3.org/2001/XMLSchema#integer"]]]
    >>> [row[0] for row in sort_rows(rows, [(True, 1)])]
    ['y', 'x']
    """
    runs: list[tuple[bool, list[int]]] = []  # conditions of one direction sort together
    for descending, column in where:
        if runs and runs[-1][0] == descending:
            runs[-1][1].append(column)
        else:
            runs.append((descending, [column]))
    for descending, columns in reversed(runs):  # one stable pass a run, the last first
        rows.sort(key=lambda row: tuple(sort_key(row[column]) for column in columns), reverse=descending)
    return rows
