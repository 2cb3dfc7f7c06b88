"""Summaries materialised at build time, so that the canned questions do not scan the world.

Every reference in a case resolves inside that case or to the ontology, so
the rows of a canned query that joins items, follows their relations and
groups by them are the rows of each case put together. A build answers each
query of :data:`SUMMARISED` case by case while it reads the case, in a small
in-memory Oxigraph store holding the ontology and that one case, and keeps
the rows in the embedded store's named graph :data:`GRAPH`: one JSON literal
per case and query, ``<case> <rows/NAME/FINGERPRINT> "[...]"``. The
fingerprint is the query text's (and the encoding's): a store built with
another text of the query has no rows for this one, and the query runs as
written.

Reading a query's rows gathers the literals (of every case, or of the one
case a bound item is in), adds up the counts of a query that counts items
(:class:`Summary`), puts them in the query's ORDER BY order
(:mod:`kg.summary_order`), and gives them as rdflib terms, the same terms
Oxigraph's own answer gives (:func:`rdflib_rows`), or as plain values
(:func:`plain_rows`) for the projection.

The canned queries stay the reference: a store without the summaries (one
built before them, rdflib's memory, a remote endpoint) runs them as written,
and the tests hold that both give the same rows, in the same order.

A cell of a row is ``null`` (unbound), a string (an IRI), or a list: a
literal's ``[text]`` (xsd:string), ``[text, "@lang"]`` or ``[text, datatype]``,
a blank node's ``[label, "_"]``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from kg.summary_order import keyed_text, order_key
from kg.terms import NUMBERS

__all__ = ["GRAPH", "SUMMARISED", "Summary", "prepare_summaries", "case_summary", "summarised", "rdflib_rows", "plain_rows"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_BASE = "https://w3id.org/kg/summary/"
#: The named graph of the materialised rows.
GRAPH = _BASE + "queries"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_IN_CASE = "https://w3id.org/kg/ontology#inCase"
#: The rows' encoding (below and kg.summary_order's keys); part of each fingerprint, so a store that kept
#: them otherwise runs the queries as written.
_ENCODING = "cells 2, order key 1"

@dataclass(frozen=True)
class Summary:
    """How a canned query's rows of each case make its rows of the whole graph.

    ``binds``: variables a caller may bind. Each must be bound in every row
    the query gives (so that binding it only keeps the rows with that value)
    and name a case item (so that only that item's case is read).
    ``sums``: for a query that counts items over cases (``COUNT(DISTINCT
    ?item)`` of case items, grouped by what is not a case item, such as a
    stance or a class), the count columns: the cases' rows with the same
    other columns are one row, their counts added. Every item is in one case,
    so the sum is the count over the whole graph.
    """

    binds: tuple[str, ...] = ()
    sums: tuple[str, ...] = ()


_ROWS, _PROPOSITION, _ENTITY, _COUNT = Summary(), Summary(binds=("proposition",)), Summary(binds=("entity",)), Summary(sums=("count",))

#: The canned queries answered from the summaries, and how.
SUMMARISED: dict[str, Summary] = {
    "contested": _ROWS,
    "single-source": _ROWS,
    "stance-history": _PROPOSITION,
    "stance-network": _ROWS,
    "who-asserts": _ENTITY,
    "item-labels": _ROWS,
    "incidents": _ROWS,
    "safeguards": _ROWS,
    "judgements": _ROWS,
    "open-questions": _ROWS,
    "projection-nodes": _ROWS,
    "projection-edges": _ROWS,
    "assertions-by-stance": _COUNT,
    "count-by-class": _COUNT,
    "page-size": _COUNT,
    "pending-drafts": Summary(sums=("drafts",)),
}


@lru_cache(maxsize=None)
def _plan(name: str) -> tuple[str, str, list[str], list[tuple[bool, int]]]:
    """(predicate, text run per case, selected variables, order conditions) of a summarised query."""
    import pyoxigraph as ox

    canned = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")  # as kg.sparql reads it; it declares its prefixes
    selected = [v.value for v in ox.Store().query(canned).variables]  # asked of the engine: no answer, the variables
    text, where = keyed_text(canned, selected)
    if SUMMARISED[name].sums and any(column >= len(selected) for _, column in where):
        raise ValueError(f"kg/queries/{name}.rq: a query whose counts are added over cases orders by selected columns only")
    fingerprint = hashlib.sha256(f"{_ENCODING}\n{canned}".encode("utf-8")).hexdigest()[:16]
    return f"{_BASE}rows/{name}/{fingerprint}", text, selected, where


def prepare_summaries() -> None:
    """The ontology's N-Triples and the queries' plans, made once (a build calls this before its workers fork)."""
    from kg.ontology import ontology_ntriples

    ontology_ntriples()
    for name in SUMMARISED:
        _plan(name)


@lru_cache(maxsize=None)
def _cell_maker():
    """A pyoxigraph term → its cell (see the module's docstring); made once, with the engine's classes at hand."""
    import pyoxigraph as ox

    named, literal, string = ox.NamedNode, ox.Literal, _XSD + "string"

    def cell(term):
        kind = type(term)
        if kind is named:
            return term.value
        if term is None:
            return None
        if kind is literal:
            language = term.language
            if language:
                return [term.value, "@" + language]
            datatype = term.datatype.value
            return [term.value] if datatype == string else [term.value, datatype]
        return [term.value, "_"]

    return cell


def case_summary(slug: str, ntriples: bytes) -> bytes:
    """N-Quads: the rows of each summarised query over one case's N-Triples and the ontology.

    >>> from kg.build import case_chunks, find_cases
    >>> chunk = next(case_chunks(find_cases(["tests/fixtures/cases/mini"]), validate=False))
    >>> lines = case_summary(chunk.slug, chunk.ntriples).decode().splitlines()
    >>> len(lines) == len(SUMMARISED), lines[0].startswith("<https://w3id.org/kg/id/mini> <https://w3id.org/kg/summary/rows/")
    (True, True)
    """
    import pyoxigraph as ox

    from kg.loaders.case import case_iri
    from kg.ontology import ontology_ntriples

    store = ox.Store()
    store.bulk_load(ontology_ntriples()[0] + ntriples, format=ox.RdfFormat.N_TRIPLES)
    case, graph, cell = ox.NamedNode(str(case_iri(slug))), ox.NamedNode(GRAPH), _cell_maker()
    quads = []
    for name in SUMMARISED:
        predicate, text, selected, where = _plan(name)
        rows = [list(map(cell, solution)) for solution in store.query(text)]
        if where and not SUMMARISED[name].sums:  # the row's order key takes the place of the conditions' own columns
            descending = [down for down, _ in where]
            rows = [[*row[: len(selected)], order_key([row[column] for _, column in where], descending)] for row in rows]
        quads.append(ox.Quad(case, ox.NamedNode(predicate), ox.Literal(json.dumps(rows, ensure_ascii=False, separators=(",", ":"))), graph))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def summarised(store, name: str, bindings: dict | None = None) -> bool:
    """Can ``name`` with ``bindings`` (variable → value) be answered from the pyoxigraph ``store``'s summaries?"""
    import pyoxigraph as ox

    if name not in SUMMARISED or not set(bindings or ()) <= set(SUMMARISED[name].binds):
        return False
    predicate = ox.NamedNode(_plan(name)[0])
    return next(iter(store.quads_for_pattern(None, predicate, None, ox.NamedNode(GRAPH))), None) is not None


def _rows(store, name: str, bindings: dict | None, cases=None) -> tuple[list[str], list]:
    """The selected variables and the rows, in order, of a summarised query (cells in this module's encoding).

    A row of an ordered query ends with its order key, after the selected variables' cells.

    ``cases`` (case IRIs), if given, are the only cases read.
    """
    import pyoxigraph as ox

    predicate, _, selected, where = _plan(name)
    wanted = {selected.index(variable): _cell_of(value) for variable, value in (bindings or {}).items()}
    cases = None if cases is None else {ox.NamedNode(case) for case in cases}
    if wanted:  # the bound item's case only
        items = [ox.NamedNode(cell) for cell in wanted.values() if type(cell) is str]
        found = {quad.object for item in items for quad in store.quads_for_pattern(item, ox.NamedNode(_IN_CASE), None, ox.DefaultGraph())}
        cases = found if cases is None else cases & found
        if len(items) < len(wanted) or not cases:
            return selected, []
    rows: list = []
    for case in sorted(cases, key=str) if cases is not None else [None]:
        for quad in store.quads_for_pattern(case, ox.NamedNode(predicate), None, ox.NamedNode(GRAPH)):
            found = json.loads(quad.object.value)
            if wanted:
                found = [row for row in found if all(row[i] == cell for i, cell in wanted.items())]
            rows.extend(found)
    sums = [selected.index(column) for column in SUMMARISED[name].sums]
    if sums:
        rows = _added(rows, sums)
        if where:
            descending = [down for down, _ in where]
            rows.sort(key=lambda row: order_key([row[column] for _, column in where], descending))
    elif where:  # each row ends with its order key (see case_summary)
        rows.sort(key=itemgetter(len(selected)))
    return selected, rows


def _added(rows: list, sums: list[int]) -> list:
    """The rows of every case as one: rows alike but for the ``sums`` columns are one, those columns added.

    >>> integer = "http://www.w3.org/2001/XMLSchema#integer"
    >>> _added([[["denies"], ["2", integer]], [["affirms"], ["1", integer]], [["denies"], ["3", integer]]], [1])
    [[['denies'], ['5', 'http://www.w3.org/2001/XMLSchema#integer']], [['affirms'], ['1', 'http://www.w3.org/2001/XMLSchema#integer']]]
    """
    totals: dict = {}
    for row in rows:
        key = tuple(tuple(cell) if type(cell) is list else cell for i, cell in enumerate(row) if i not in sums)
        found = totals.get(key)
        if found is None:
            totals[key] = [list(cell) if type(cell) is list else cell for cell in row]
            continue
        for i in sums:
            found[i] = [str(int(found[i][0]) + int(row[i][0])), found[i][1]]
    return list(totals.values())


def _cell_of(value):
    """An rdflib term (a bound value) in this module's encoding."""
    from rdflib import BNode, Literal

    if isinstance(value, Literal):
        if value.language:
            return [str(value), "@" + value.language]
        kind = str(value.datatype) if value.datatype is not None else _XSD + "string"
        return [str(value)] if kind == _XSD + "string" else [str(value), kind]
    return [str(value), "_"] if isinstance(value, BNode) else str(value)


def plain_rows(store, name: str, cases=None) -> tuple[list[str], Iterator[tuple]]:
    """The variables and rows of summarised query ``name`` as plain values (see :func:`kg.sparql.plain_rows`).

    ``cases`` (case IRIs), if given: the rows of those cases only.
    """
    selected, rows = _rows(store, name, None, cases)
    width = len(selected)
    return selected, (tuple(_plain(cell) for cell in row[:width]) for row in rows)


def _plain(cell):
    if cell is None or type(cell) is str:
        return cell
    if len(cell) > 1 and cell[1] in NUMBERS:
        try:
            return NUMBERS[cell[1]](cell[0])
        except ValueError:
            return cell[0]
    if len(cell) > 1 and cell[1] == _XSD + "boolean":
        return cell[0] in ("true", "1")
    return cell[0]


def rdflib_rows(store, name: str, bindings: dict | None = None) -> tuple[list, list[dict]]:
    """The variables (rdflib ``Variable``) and rows of summarised query ``name`` as rdflib terms, as Oxigraph's answer
    gives them through oxrdflib.

    ``bindings`` (variable → rdflib term, variables of :data:`SUMMARISED`) keep only the rows with those values.
    """
    from rdflib import Variable

    from kg.summary_terms import TermMaker

    selected, rows = _rows(store, name, bindings)
    names = [Variable(v) for v in selected]  # the rows' keys are these very objects: a row looks them up faster
    make = TermMaker()
    return names, [dict(zip(names, map(make, row))) for row in rows]  # zip stops at the names: the order key is left
