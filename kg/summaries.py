"""Summaries materialised at build time, so that the canned questions do not scan the world.

Every reference in a case resolves inside that case or to the ontology, so
the rows of a canned query that joins items, follows their relations and
groups by them are the rows of each case put together. A build answers each
query of :data:`SUMMARISED` case by case while it reads the case, in a small
in-memory Oxigraph store holding the ontology and that one case, and keeps
the rows in the embedded store's named graph :data:`GRAPH`: one literal
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

A case's rows are the lines of its literal, each ended by a line break, and a
row's cells are separated by tabs: the engine's own tab-separated results
(SPARQL 1.1 TSV) less their header. A cell is the term as the engine writes it
there: ``<iri>``, ``"text"``, ``"text"@lang``, ``"…"^^<datatype>``, a number
or boolean bare (``7``, ``1.5``, ``true``), ``_:label``, and ``""`` (the
empty text) when unbound. A row of an ordered query starts with its order key
(:func:`kg.summary_order.escaped_key`: its control characters escaped so that
the key holds no tab or line break and still sorts as before) and ``\x01``, so
that the rows of many cases are put in order by sorting the lines. The build
turns no term into a Python object, and the reader splits text, sorts lines
and makes one rdflib term or plain value per distinct cell
(:mod:`kg.summary_terms`), not one per cell.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, cycle, repeat
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.collector import no_collection
from kg.summary_order import escaped_key, keyed_text, order_conditions, order_key, parse_cell
from kg.vocab import BASE_IRI

__all__ = ["GRAPH", "SUMMARISED", "Summary", "prepare_summaries", "case_summary", "batch_store", "cases_summaries", "summarised", "rdflib_rows", "plain_rows"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_BASE = "https://w3id.org/kg/summary/"
#: The named graph of the materialised rows.
GRAPH = _BASE + "queries"
_IN_CASE = "https://w3id.org/kg/ontology#inCase"
#: The rows' encoding (below and kg.summary_order's keys); part of each fingerprint, so a store that kept
#: them otherwise runs the queries as written.
_ENCODING = "rows 4 (TSV lines, escaped order key first), order key 2"

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
    ``search``: for a query that searches the names of items for a bound
    text (``find-entity``), the variable bound to it. The build materialises
    every name the query could match (``kg/queries/summaries/NAME.rq``), and
    reading keeps the rows the query's filters keep (:func:`_searched`): no
    label is read out of the store one at a time.
    """

    binds: tuple[str, ...] = ()
    sums: tuple[str, ...] = ()
    search: str = ""


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
    "find-entity": Summary(search="name"),
}


@lru_cache(maxsize=None)
def _plan(name: str) -> tuple[str, str, list[str], list[tuple[bool, int]]]:
    """(predicate, text run per case, selected variables, order conditions) of a summarised query."""
    canned = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")  # as kg.sparql reads it; it declares its prefixes
    if SUMMARISED[name].search:  # every name searched, materialised; the canned filters and order are applied when read
        text = (QUERY_DIR / "summaries" / f"{name}.rq").read_text(encoding="utf-8")
        return _fingerprinted(name, canned + text), text, _variables(text), []
    selected = _variables(canned)
    text, where = keyed_text(canned, selected)
    if SUMMARISED[name].sums and any(column >= len(selected) for _, column in where):
        raise ValueError(f"kg/queries/{name}.rq: a query whose counts are added over cases orders by selected columns only")
    return _fingerprinted(name, canned), text, selected, where


def _variables(text: str) -> list[str]:
    """The variables a query selects, asked of the engine (no answer, the variables)."""
    import pyoxigraph as ox

    return [v.value for v in ox.Store().query(text).variables]


def _fingerprinted(name: str, texts: str) -> str:
    """The predicate of a query's rows: its name and a fingerprint of its texts and of the encoding."""
    fingerprint = hashlib.sha256(f"{_ENCODING}\n{texts}".encode("utf-8")).hexdigest()[:16]
    return f"{_BASE}rows/{name}/{fingerprint}"


def prepare_summaries() -> None:
    """The ontology's N-Triples and the queries' plans, made once (a build calls this before its workers fork)."""
    from kg.ontology import ontology_ntriples

    ontology_ntriples()
    for name in SUMMARISED:
        _plan(name)


def case_summary(slug: str, ntriples: bytes) -> bytes:
    """N-Quads: the rows of each summarised query over one case's N-Triples and the ontology (:func:`cases_summaries`).

    >>> from kg.build import case_chunks, find_cases
    >>> chunk = next(case_chunks(find_cases(["tests/fixtures/cases/mini"]), validate=False))
    >>> lines = case_summary(chunk.slug, chunk.ntriples).decode().splitlines()
    >>> len(lines) == len(SUMMARISED), lines[0].startswith("<https://w3id.org/kg/id/mini> <https://w3id.org/kg/summary/rows/")
    (True, True)
    """
    return cases_summaries([(slug, ntriples)])[0]


def batch_store(cases: list[tuple[str, bytes]]):
    """A small in-memory Oxigraph store holding the ontology and ``cases`` (slug, N-Triples), for :func:`cases_summaries`.

    Parsed leniently (the engine checks no IRI again), as the store the build loads them into parses them
    (``own`` of :meth:`kg.backends.Backend.load`): the lines are the build's own, every IRI in them a slug's, the
    ontology's or one the engine's IRI parser checked as the case was read (:func:`kg.loaders.values.external_iri`).
    At 100k, 0.18-0.20 s of CPU for the seven batches' stores strictly, 0.15 s leniently."""
    import pyoxigraph as ox

    from kg.ontology import ontology_ntriples

    store = ox.Store()
    data = b"".join([ontology_ntriples()[0], *(data for _, data in cases)])
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return store


def cases_summaries(cases: list[tuple[str, bytes]], store=None) -> list[bytes]:
    """N-Quads for each of ``cases`` (slug, N-Triples): the rows of each summarised query over that case and the ontology.

    The cases are loaded together into one small in-memory store and each query
    is run once over them (parsing and planning a query costs as much as
    answering it over one case). Every relation stays inside a case, so each
    row is one case's: the case whose items its IRIs are
    (:func:`_case_of_row`). A query whose counts are added over cases
    (:attr:`Summary.sums`) keeps the counts of all of ``cases`` with the first
    of them, and an empty literal with the others: read over the whole graph,
    the counts add up the same. ``store``: :func:`batch_store` of ``cases``, if made already.
    """
    import pyoxigraph as ox

    from kg.loaders.case import case_iri

    store = batch_store(cases) if store is None else store
    slugs = [slug for slug, _ in cases]
    lines: dict[str, list[str]] = {slug: [] for slug in slugs}
    for name in SUMMARISED:
        predicate, text, selected, where = _plan(name)
        written = store.query(text).serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
        rows = written.split("\n")[1:-1]  # the header first; a line break ends each row
        if SUMMARISED[name].sums:
            each = {slugs[0]: rows}
        else:
            each = {slug: [] for slug in slugs}
            for row in rows:
                each[_case_of_row(row, name)].append(row)
        for slug in slugs:
            lines[slug].append(_quad(case_iri(slug), predicate, _body(each.get(slug, []), name, selected, where)))
    return ["".join(lines[slug]).encode("utf-8") for slug in slugs]


_ITEM = "<" + BASE_IRI
_CELL_ITEM = "\t" + _ITEM


def _case_of_row(row: str, name: str) -> str:
    """The slug of the case whose items a row's IRIs are (``<BASE/SLUG/ID>``, or ``<BASE/SLUG>``, the case itself).

    >>> _case_of_row('"<https://w3id.org/kg/id/x/y>"\\t<https://w3id.org/kg/id/acme-2/incident-1>\\t<https://w3id.org/kg/id/acme-2>', "q")
    'acme-2'
    >>> _case_of_row('<https://w3id.org/kg/id/acme>\\t"a"', "q")
    'acme'
    >>> _case_of_row('"x"\\t2', "q")
    Traceback (most recent call last):
    ValueError: kg/queries/q.rq: a row names no case item, so no case is its own: '"x"\\t2'
    """
    padded = "\t" + row
    found = padded.find(_CELL_ITEM)  # the first cell that is an item's IRI: a tab inside a cell is written escaped
    if found >= 0:
        start = found + len(_CELL_ITEM)
        end = padded.index(">", start)
        slash = padded.find("/", start, end)
        return padded[start : slash if slash >= 0 else end]
    raise ValueError(f"kg/queries/{name}.rq: a row names no case item, so no case is its own: {row[:200]!r}")


def _body(rows: list[str], name: str, selected: list[str], where: list) -> str:
    """A case's rows of query ``name`` as its literal's text: each row a line, in order (see the module's docstring)."""
    if where and not SUMMARISED[name].sums:  # the row's order key first; the columns made for it left out
        descending, tab = [down for down, _ in where], "\t"
        rows = [
            f"{escaped_key([row[column] for _, column in where], descending)}\x01{tab}{tab.join(row[: len(selected)])}"
            for row in map(str.split, rows, repeat(tab))
        ]
    rows.sort()  # the engine's order of rows varies from run to run: the same store from the same case
    return "".join(f"{row}\n" for row in rows)


def _quad(case: str, predicate: str, body: str) -> str:
    literal = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'<{case}> <{predicate}> "{literal}" <{GRAPH}> .\n'


def summarised(store, name: str, bindings: dict | None = None) -> bool:
    """Can ``name`` with ``bindings`` (variable → value) be answered from the pyoxigraph ``store``'s summaries?"""
    import pyoxigraph as ox

    if name not in SUMMARISED:
        return False
    search = SUMMARISED[name].search
    if search and (set(bindings or ()) != {search} or _searched_text(bindings[search]) is None):
        return False
    if not search and not set(bindings or ()) <= set(SUMMARISED[name].binds):
        return False
    predicate = ox.NamedNode(_plan(name)[0])
    return next(iter(store.quads_for_pattern(None, predicate, None, ox.NamedNode(GRAPH))), None) is not None


def _rows(store, name: str, bindings: dict | None, value: Callable[[str], object], cases=None) -> tuple[list[str], Iterable[tuple]]:
    """The selected variables and the rows, in order, of a summarised query: each row a tuple of ``value(cell)``
    of its cells (in this module's encoding).

    ``cases`` (case IRIs), if given, are the only cases read. Unbound and not
    added up, the rows are cut from one list of every cell (:func:`_cut`);
    else each line is split on its own.
    """
    import pyoxigraph as ox

    if SUMMARISED[name].search:
        return _searched(store, name, bindings[SUMMARISED[name].search], value)
    predicate, _, selected, where = _plan(name)
    wanted = {selected.index(variable): _cell_of(value) for variable, value in (bindings or {}).items()}
    cases = None if cases is None else {ox.NamedNode(case) for case in cases}
    if wanted:  # the bound item's case only
        items = [ox.NamedNode(cell[1:-1]) for cell in wanted.values() if cell is not None]
        found = {quad.object for item in items for quad in store.quads_for_pattern(item, ox.NamedNode(_IN_CASE), None, ox.DefaultGraph())}
        cases = found if cases is None else cases & found
        if len(items) < len(wanted) or not cases:
            return selected, []
    texts = [quad.object.value for case in (sorted(cases, key=str) if cases is not None else [None])
             for quad in store.quads_for_pattern(case, ox.NamedNode(predicate), None, ox.NamedNode(GRAPH))]
    sums = [selected.index(column) for column in SUMMARISED[name].sums]
    ordered = bool(where) and not sums
    if not wanted and not sums:
        return selected, _cut(texts, len(selected), ordered, value)
    lines = "".join(texts).split("\n")
    lines.pop()  # after the last line break
    if ordered:
        lines.sort()  # each line starts with its row's order key (see case_summary)
    rows = list(map(str.split, lines, repeat("\t")))
    if ordered:
        rows = list(map(itemgetter(slice(1, None)), rows))  # the order key left
    if wanted:
        rows = [row for row in rows if all(row[i] == cell for i, cell in wanted.items())]
    if sums:
        rows = _added(rows, sums)
        if where:
            descending = [down for down, _ in where]
            rows.sort(key=lambda row: order_key([row[column] for _, column in where], descending))
    return selected, map(tuple, map(map, repeat(value), rows))


def _searched_text(term) -> str | None:
    """The text a search query is bound to: a plain or ``xsd:string`` literal's; None for any other term (the engine
    runs the query as written)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if type(term) is not Literal or term.language is not None or term.datatype not in (None, XSD.string):
        return None
    return str(term)


#: What the engine escapes in a TSV cell: a searched text holding any of these is looked for in every row.
_ESCAPED_IN_CELLS = frozenset('\\"\x7f').union(map(chr, range(32)))


def _searched(store, name: str, term, value: Callable[[str], object]) -> tuple[list[str], list[tuple]]:
    """The rows of a search query (:attr:`Summary.search`) for the bound ``term``: the materialised names kept as the
    query's filters keep them, each with its tier, in the query's order (``find-entity``: ``label`` or ``alias`` when a
    name is the text, ignoring case, ``partial`` when it holds it, ``id`` when the item's IRI ends with ``/`` and it).

    The names of every case are one text; only its lines that hold the text (ignoring case) are split into cells,
    unless the text holds what a cell escapes or the names are not ASCII, where every line is read.
    """
    import pyoxigraph as ox

    predicate, _, _, _ = _plan(name)
    selected, columns, descending = _search_order(name)
    wanted = _searched_text(term)
    lowered, ending = wanted.lower(), "/" + wanted
    bound = '"' + "".join(_TSV_ESCAPES.get(char, char) for char in wanted) + '"'
    text = "".join(quad.object.value for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.NamedNode(GRAPH)))
    if text.isascii() and not _ESCAPED_IN_CELLS.intersection(wanted):
        lines = _lines_holding(text, text.lower(), lowered)
    else:
        lines = [line for line in text.split("\n") if line and (lowered in line.lower() or not line.isascii() or "\\" in line)]
    rows = set()
    for line in lines:
        item, label, kind, found, how = line.split("\t")
        found, how = parse_cell(found)[0], parse_cell(how)[0]
        if how == "id":
            if found.endswith(ending):
                rows.add((item, label, kind, '"id"', bound))
        elif lowered in found.lower():
            rows.add((item, label, kind, '"partial"', bound))
            if found.lower() == lowered:
                rows.add((item, label, kind, f'"{how}"', bound))
    ordered = sorted(rows, key=lambda row: (order_key([row[column] for column in columns], descending), row))
    return selected, [tuple(map(value, row)) for row in ordered]


@lru_cache(maxsize=None)
def _search_order(name: str) -> tuple[list[str], list[int], list[bool]]:
    """A search query's selected variables, and the columns and directions of its ORDER BY, read once."""
    canned = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
    selected, conditions = _variables(canned), order_conditions(canned)
    return selected, [selected.index(expression[1:]) for _, expression in conditions], [down for down, _ in conditions]


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _lines_holding(text: str, lowered_text: str, wanted: str) -> list[str]:
    """The lines of ``text`` (ASCII, so ``lowered_text`` has its offsets) where ``lowered_text`` holds ``wanted``.

    >>> _lines_holding("Ab\\nxy\\naB ab\\n", "ab\\nxy\\nab ab\\n", "ab"), _lines_holding("a\\nb\\n", "a\\nb\\n", "")
    (['Ab', 'aB ab'], ['a', 'b'])
    """
    if not wanted:  # every line holds the empty text
        return [line for line in text.split("\n") if line]
    lines, start = [], lowered_text.find(wanted)
    while start >= 0:
        begins = text.rfind("\n", 0, start) + 1
        ends = text.find("\n", start)
        ends = len(text) if ends < 0 else ends
        lines.append(text[begins:ends])
        start = lowered_text.find(wanted, ends)
    return lines


def _cut(texts: list[str], width: int, ordered: bool, value: Callable[[str], object] = str) -> Iterable[tuple]:
    """The rows of the cases' ``texts``, each a tuple of ``width`` values of cells: every cell split out at once,
    made a value, then cut into rows by ``zip`` (all in C: no list and no call a row). An ordered query's lines are
    sorted first, and each row's order key left out.

    >>> list(_cut(['<a>\\t"x"\\n', '', '<b>\\t\\n'], 2, False))
    [('<a>', '"x"'), ('<b>', '')]
    >>> list(_cut(['k2\\x01\\t<a>\\n', 'k1\\x01\\t<b>\\n'], 1, True))
    [('<b>',), ('<a>',)]
    """
    if ordered:
        lines = "".join(texts).split("\n")
        lines.pop()  # after the last line break
        lines.sort()  # each line starts with its row's order key (see case_summary)
        cells = compress("\t".join(lines).split("\t"), cycle((False, *repeat(True, width)))) if lines else iter(())
    else:  # a case's cells at a time: the cells of every case at once held 1.8 million strings at 1M triples
        cells = chain.from_iterable(map(_cells, filter(None, texts)))
    return zip(*repeat(map(value, cells), width))


def _cells(text: str) -> list[str]:
    """The cells of a case's rows (lines of tab-separated cells, each ended by a line break), in order."""
    return text[:-1].replace("\n", "\t").split("\t")


def _added(rows: list, sums: list[int]) -> list:
    """The rows of every case as one: rows alike but for the ``sums`` columns are one, those columns added.

    >>> _added([['"denies"', "2"], ['"affirms"', "1"], ['"denies"', "3"]], [1])
    [['"denies"', '5'], ['"affirms"', '1']]
    """
    totals: dict = {}
    for row in rows:
        key = tuple(cell for i, cell in enumerate(row) if i not in sums)
        found = totals.get(key)
        if found is None:
            totals[key] = list(row)
            continue
        for i in sums:  # a count is an xsd:integer, which the engine writes bare
            found[i] = str(int(found[i]) + int(row[i]))
    return list(totals.values())


def _cell_of(value) -> str | None:
    """A bound value's cell: an IRI's (the values that may be bound are case items); None for any other term."""
    from rdflib import URIRef

    return f"<{value}>" if isinstance(value, URIRef) else None


def plain_rows(store, name: str, cases=None) -> tuple[list[str], Iterator[tuple]]:
    """The variables and rows of summarised query ``name`` as plain values (see :func:`kg.sparql.plain_rows`).

    ``cases`` (case IRIs), if given: the rows of those cases only.
    """
    from kg.summary_terms import PlainValues

    return _rows(store, name, None, PlainValues().__getitem__, cases)


def rdflib_rows(store, name: str, bindings: dict | None = None) -> tuple[list, list[tuple]]:
    """The variables (rdflib ``Variable``) and rows of summarised query ``name``: each row rdflib's ``ResultRow`` of the
    terms of the variables, in their order (None unbound), the rdflib terms Oxigraph's answer gives through oxrdflib
    (:class:`kg.result_rows.ResultRows`, made once).

    ``bindings`` (variable → rdflib term, variables of :data:`SUMMARISED`) keep only the rows with those values.
    """
    from rdflib import Variable

    from kg.summary_terms import TermMaker

    from kg.result_rows import ResultRows

    selected, rows = _rows(store, name, bindings, TermMaker().__getitem__)
    names = [Variable(v) for v in selected]
    with no_collection():
        made = ResultRows(names, rows)
        _promote()
    return names, made


def _promote() -> None:
    """Every object alive moved to the collector's oldest generation, without a collection (``gc.freeze`` then
    ``gc.unfreeze``). The rows and terms just made (600,000 of them for ``projection-nodes``) would otherwise be
    walked by the next young collection, and by the one after it, before they reach that generation: 0.3 s of CPU
    at 1M triples. Nothing is kept from the collector: the oldest generation is collected as before."""
    import gc

    gc.freeze()
    gc.unfreeze()
