"""The case loader's terms as plain text, and its triples written straight as N-Triples.

A big build turns millions of values into N-Triples lines; making an rdflib
term for each first (and checking it, hashing it, comparing it) cost more
than the rest of the loader. So :mod:`kg.loaders.case` writes IRIs as ``str``
(ids and slugs are checked before they become IRIs), plain text as
:class:`Text` and other literals as :class:`Typed`; rdflib's own terms may be
mixed in. :func:`ntriples` writes the lines a build loads, the same bytes
:func:`kg.locations.ntriple_lines` writes for the rdflib terms;
:func:`rdflib_triples` gives rdflib terms to the callers that want a graph.

>>> triple = ("https://w3id.org/kg/id/c/x", "http://www.w3.org/2000/01/rdf-schema#label", Text('a "b"\\nc'))
>>> ntriples([triple])
['<https://w3id.org/kg/id/c/x> <http://www.w3.org/2000/01/rdf-schema#label> "a \\\\"b\\\\"\\\\nc" .\\n']
>>> rdflib_triples([triple])[0][2] == Literal('a "b"\\nc')
True
>>> ntriples([("urn:a", "urn:b", integer(7))])
['<urn:a> <urn:b> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n']
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.locations import ntriple_lines

__all__ = ["Text", "Typed", "Names", "text", "integer", "ntriples", "rdflib_triples", "rdflib_term"]

_INTEGER = str(XSD.integer)


class Text(str):
    """A plain literal (``xsd:string``), kept apart from IRIs, which are plain ``str``."""

    __slots__ = ()


class Typed(NamedTuple):
    """A literal with a datatype, in its lexical form: ``Typed("2026-03", XSD_GYEARMONTH)``."""

    lexical: str
    datatype: str


def text(value) -> Text | Literal:
    """Text as a plain literal; anything else through rdflib, as ``Literal(value)`` types it."""
    return Text(value) if type(value) is str else Literal(value)


def integer(value: int) -> Typed:
    return Typed(str(value), _INTEGER)


class Names:
    """A namespace's terms as plain text, each looked up once (rdflib's namespace lookups are slow)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


def _escaped(lexical: str) -> str:
    return lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")


def ntriples(triples: Iterable[tuple]) -> list[str]:
    """N-Triples lines of ``triples`` (plain text, :class:`Text`, :class:`Typed` or rdflib terms)."""
    lines = []
    rdflib_terms = []
    for s, p, o in triples:
        kind = type(o)
        if kind is Text:
            obj = f'"{_escaped(o)}"'
        elif kind is str or kind is URIRef:
            obj = f"<{o}>"
        elif kind is Typed:
            obj = f'"{_escaped(o.lexical)}"^^<{o.datatype}>'
        else:
            rdflib_terms.append((s, p, o))
            continue
        lines.append(f"<{s}> <{p}> {obj} .\n")
    if rdflib_terms:  # a few literals rdflib types (decimals): written as rdflib writes them
        lines.extend(ntriple_lines((URIRef(s), URIRef(p), o) for s, p, o in rdflib_terms))
    return lines


def rdflib_term(term):
    """``term`` as an rdflib term."""
    kind = type(term)
    if kind is Text:
        return Literal(str(term))
    if kind is str:
        return URIRef(term)
    if kind is Typed:
        return Literal(term.lexical, datatype=URIRef(term.datatype))
    return term


def rdflib_triples(triples: Iterable[tuple]) -> list[tuple]:
    """``triples`` with rdflib terms."""
    return [(rdflib_term(s), rdflib_term(p), rdflib_term(o)) for s, p, o in triples]
