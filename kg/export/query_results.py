"""A query's result as text for a terminal or another program: an aligned table, or the W3C results formats.

>>> from rdflib import Graph
>>> from kg.sparql import evaluate
>>> print(format_result(evaluate(Graph(), "SELECT ?x WHERE { VALUES ?x { kg:Incident } }")), end="")
x
-----------
kg:Incident
(1 row)
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import QueryError
from kg.sparql import PREFIXES
from kg.store import normalize_term

__all__ = ["FORMATS", "format_result", "compact"]

FORMATS = ("table", "json", "csv", "tsv")
_CELL = 60  # widest column of a table, in characters
_WIDE = 120  # a table wider than this prints each row as a block instead


def _json_term(term) -> dict:
    from rdflib import BNode

    term = normalize_term(term)
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _tsv_term(term) -> str:
    from rdflib import BNode

    term = normalize_term(term)
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    escaped = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if term.language:
        return f'"{escaped}"@{term.language}'
    if term.datatype == XSD.integer and re.fullmatch(r"[+-]?\d+", str(term)):
        return str(term)
    if term.datatype is not None:
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def _csv_term(term) -> str:
    from rdflib import BNode

    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def compact(term) -> str:
    """A term as a table shows it: prefixed IRIs, literals as their text.

    >>> compact(URIRef("https://w3id.org/kg/id/mini/globex"))
    'kgr:mini/globex'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, iri in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if str(term).startswith(iri) and len(str(term)) > len(iri):
                return f"{prefix}:{str(term)[len(iri):]}"
        return f"<{term}>"
    return str(term)


def _table(names: list[str], rows: list[list[str]]) -> str:
    """Aligned columns; rows as blocks of ``name  value`` lines when the columns would not fit."""
    import textwrap

    flat = [[" ".join(cell.split()) for cell in row] for row in rows]
    cut = [[c if len(c) <= _CELL else c[: _CELL - 1] + "…" for c in row] for row in flat]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    count = f"({len(rows)} row{'' if len(rows) == 1 else 's'})"
    if sum(widths) + 2 * len(widths) <= _WIDE:
        lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(), "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cut]
        return "\n".join([*lines, count]) + "\n"
    key = max(len(n) for n in names)
    lines = []
    for number, row in enumerate(flat, 1):
        lines.append(f"-[ {number} ]" + "-" * max(0, _WIDE // 2 - 6 - len(str(number))))
        for name, value in zip(names, row):
            wrapped = textwrap.wrap(value, _WIDE - key - 2) or [""]
            lines.append(f"{name.ljust(key)}  {wrapped[0]}".rstrip())
            lines += [f"{' ' * key}  {more}" for more in wrapped[1:]]
    return "\n".join([*lines, count]) + "\n"


def format_result(result: Result, fmt: str = "table") -> str:
    """A query result as text: an aligned table, or the W3C SPARQL 1.1 JSON, CSV or TSV results format.

    The table leaves out ``?x`` when ``?xLabel`` is selected too, cuts long
    cells, and when it would be too wide prints each row as a block of
    ``name  value`` lines instead; the other formats give every value in full.

    ASK results are ``true`` or ``false`` (W3C JSON for ``json``); CONSTRUCT and
    DESCRIBE results are Turtle, in the ``table`` format only.
    """
    import csv
    import io
    import json

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt != "table":
            raise QueryError(f"a {result.type} query gives a graph, printed as Turtle; --format {fmt} is for SELECT and ASK queries")
        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        graph += ((s, p, normalize_term(o)) for s, p, o in result.graph)
        return graph.serialize(format="turtle")
    names = [str(v) for v in result.vars or []]
    rows = [list(row) for row in result]
    if fmt == "json":
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else _tsv_term(t) for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    # A table keeps to what a reader needs: ?x is left out when ?xLabel is there too.
    shown = [i for i, n in enumerate(names) if f"{n}Label" not in names]
    return _table([names[i] for i in shown], [[compact(row[i]) for i in shown] for row in rows])
