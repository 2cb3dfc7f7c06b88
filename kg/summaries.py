"""Summaries materialised at build time, so that the big questions do not scan the world.

The projection (:mod:`kg.analysis.nxgraph`) reads every case item's
attributes and every relation between items: two canned queries that join
across the whole graph (``projection-nodes``, ``projection-edges``). Every
reference in a case resolves inside that case or to the ontology, so both are
answered case by case while a build reads the case, in a small in-memory
Oxigraph store holding the ontology and that one case.

Their rows, as plain values (:func:`kg.sparql.plain_rows`), are kept in the
embedded store's named graph :data:`GRAPH`: one JSON literal per case
(``kg/queries/summaries/projection.rq`` reads them). A literal per case, not a
triple per row: reading a few hundred long literals from disk is many times
faster than scanning a million short quads, and a case's rows come whole.

The canned queries stay the reference: a store without the summary (one
built before it, rdflib's memory, a remote endpoint) runs them as written,
and the tests hold that both give the same rows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

__all__ = ["GRAPH", "MATERIALISED", "case_summary", "prepare_summaries", "has_summary", "materialised_rows"]

SUMMARY_DIR = Path(__file__).resolve().parent / "queries" / "summaries"
_BASE = "https://w3id.org/kg/summary/"
#: The named graph of the projection's rows.
GRAPH = _BASE + "projection"
_ROWS = _BASE + "rows"
_CASE = _BASE + "case/"
#: The canned queries whose rows are materialised: name → key in a case's JSON.
MATERIALISED = {"projection-nodes": "nodes", "projection-edges": "edges"}


def prepare_summaries() -> None:
    """The ontology's N-Triples, made once (a build calls this before its workers fork)."""
    from kg.ontology import ontology_ntriples

    ontology_ntriples()


def case_summary(slug: str, ntriples: bytes) -> bytes:
    """An N-Quads line: the rows of each materialised query over one case's N-Triples and the ontology.

    >>> from kg.build import case_chunks, find_cases
    >>> chunk = next(case_chunks(find_cases(["tests/fixtures/cases/mini"]), validate=False))
    >>> line = case_summary(chunk.slug, chunk.ntriples).decode()
    >>> line.startswith("<https://w3id.org/kg/summary/case/mini> <https://w3id.org/kg/summary/rows>")
    True
    """
    import pyoxigraph as ox

    from kg.ontology import ontology_ntriples
    from kg.terms import plain_value

    store = ox.Store()
    store.bulk_load(ontology_ntriples()[0] + ntriples, format=ox.RdfFormat.N_TRIPLES)
    rows = {}
    for name, key in MATERIALISED.items():  # the canned text as it is: it declares its prefixes
        found = {tuple(plain_value(term) for term in solution) for solution in store.query(_canned(name))}
        rows[key] = sorted(found, key=repr)
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    quad = ox.Quad(ox.NamedNode(_CASE + slug), ox.NamedNode(_ROWS), ox.Literal(text), ox.NamedNode(GRAPH))
    return ox.serialize([quad], format=ox.RdfFormat.N_QUADS)


def has_summary(store) -> bool:
    """Does the pyoxigraph ``store`` hold the materialised rows?"""
    import pyoxigraph as ox

    return store.contains_named_graph(ox.NamedNode(GRAPH))


def materialised_rows(store, name: str) -> tuple[list[str], Iterator[tuple]]:
    """The variables and rows of canned query ``name`` (one of :data:`MATERIALISED`), read from ``store``'s summary."""
    key = MATERIALISED[name]
    text = (SUMMARY_DIR / "projection.rq").read_text(encoding="utf-8")

    def rows() -> Iterator[tuple]:
        for solution in store.query(text):
            for row in json.loads(solution["rows"].value)[key]:
                yield tuple(row)

    return _selected(_canned(name)), rows()


def _canned(name: str) -> str:
    """A canned query's text as shipped (it declares its prefixes), read beside this module."""
    return (SUMMARY_DIR.parent / f"{name}.rq").read_text(encoding="utf-8")


def _selected(text: str) -> list[str]:
    """The variables of a canned query's ``SELECT ?a ?b`` line (the materialised queries select plain variables).

    >>> _selected("# a comment\\nSELECT ?node ?key ?value\\nWHERE { }")
    ['node', 'key', 'value']
    """
    line = re.search(r"^SELECT\s+(.*)$", text, re.MULTILINE)
    return re.findall(r"\?(\w+)", line.group(1)) if line else []
