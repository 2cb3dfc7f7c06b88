"""Bound values for an engine that cannot take ``initBindings``: a remote SPARQL endpoint.

rdflib (``initBindings``) and Oxigraph (``substitutions``) both treat a bound
variable as fixed everywhere in the query's own scope: a ``FILTER`` inside a
``UNION`` branch or an ``OPTIONAL`` sees it, while a subquery that does not
select it has a variable of its own. The SPARQL protocol has no such
parameter, so :func:`bind_values` writes the same scope into the text: a
one-row ``VALUES`` block opens the ``WHERE`` clause and every group inside it
that uses the variable (``UNION`` branches, ``OPTIONAL``, ``MINUS``, ``GRAPH``
and ``EXISTS`` bodies), and no subquery is entered. In each such group the
block is joined with what the group matches, which is what a fixed value
does. The values are SPARQL terms written by rdflib (``Literal.n3()``), never
the user's text.

A trailing ``VALUES`` clause, or the query wrapped as a subquery joined to
``VALUES`` (what rdflib's own SPARQL store does), joins only after the whole
``WHERE`` clause is evaluated: a ``FILTER`` in a nested group never sees the
value, so a name search such as ``find-entity`` finds nothing.

>>> bind_values('SELECT ?x ?name WHERE { ?x ?p ?o { FILTER(?o = ?name) } UNION { ?x ?q ?o } }', {"name": '"Q"'})
'SELECT ?x ?name WHERE { VALUES (?name) { ("Q") } ?x ?p ?o { VALUES (?name) { ("Q") } FILTER(?o = ?name) } UNION { ?x ?q ?o } }'

Groups are found in the text with comments, strings and IRIs blanked out,
so braces and names inside them are never taken for syntax.
"""

from __future__ import annotations

import re
from typing import Mapping

from kg.errors import QueryError

__all__ = ["bind_values"]

# Comments, strings (long ones first) and IRIs: blanked out before looking for braces and variables.
_OPAQUE = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_DATA_BLOCK = re.compile(r"\bVALUES\s*(?:[?$]\w+|\([^()]*\))\s*$", re.IGNORECASE)
_SUBQUERY = re.compile(r"\s*SELECT\b", re.IGNORECASE)
_NAME_CHAR = r"[A-Za-z0-9_\u00B7\u00C0-\uFFFF-]"


def _blank(text: str) -> str:
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _closing(masked: str, opening: int) -> int:
    """Index of the ``}`` that closes the ``{`` at ``opening``."""
    depth = 0
    for at in range(opening, len(masked)):
        if masked[at] == "{":
            depth += 1
        elif masked[at] == "}":
            depth -= 1
            if depth == 0:
                return at
    raise QueryError("cannot bind values: the query's braces do not balance")


def _groups(masked: str, opening: int, found: list[tuple[int, int]]) -> None:
    """Collect (open, close) of the group at ``opening`` and of the groups nested in it, subqueries left out."""
    close = _closing(masked, opening)
    found.append((opening, close))
    at = opening + 1
    while at < close:
        if masked[at] == "{":
            end = _closing(masked, at)
            inline_data = _DATA_BLOCK.search(masked, 0, at)
            if not inline_data and not _SUBQUERY.match(masked, at + 1):
                _groups(masked, at, found)
            at = end
        at += 1


def _where_start(masked: str) -> int | None:
    form = _FORM.search(masked)
    if form is None:
        return None
    at = form.end()
    if form.group(1).upper() == "CONSTRUCT" and not re.match(r"\s*WHERE\b", masked[at:], re.IGNORECASE):
        template = masked.find("{", at)
        if template < 0:
            return None
        at = _closing(masked, template) + 1
    depth = 0
    for position in range(at, len(masked)):
        char = masked[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            return position
    return None


def bind_values(query: str, values: Mapping[str, str]) -> str:
    """``query`` with ``values`` (variable name → SPARQL term) fixed as ``initBindings`` fixes them; see above."""
    if not values:
        return query
    masked = _blank(query)
    start = _where_start(masked)
    if start is None:
        raise QueryError("cannot bind values in a query without a WHERE clause")
    names = [str(name).lstrip("?$") for name in values]
    terms = [values[name] for name in values]
    groups: list[tuple[int, int]] = []
    _groups(masked, start, groups)
    inserts: list[tuple[int, str]] = []
    for opening, close in groups:
        span = masked[opening:close]
        used = [i for i, name in enumerate(names)
                if opening == start or re.search(rf"[?$]{re.escape(name)}(?!{_NAME_CHAR})", span)]
        if used:
            head = " ".join(f"?{names[i]}" for i in used)
            row = " ".join(terms[i] for i in used)
            inserts.append((opening + 1, f" VALUES ({head}) {{ ({row}) }}"))
    out = query
    for at, text in sorted(inserts, reverse=True):
        out = out[:at] + text + out[at:]
    return out
