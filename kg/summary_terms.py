"""Summary cells (:mod:`kg.summaries`) made into the rdflib terms Oxigraph's own answer gives through oxrdflib, or plain values.

oxrdflib makes ``URIRef(iri)``, ``Literal(text, lang=...)`` and
``Literal(text, datatype=...)``, and so does :class:`TermMaker`. rdflib's
``Literal`` constructor parses its text against the datatype, which costs
tens of microseconds a term: most of the time of a canned query with tens of
thousands of rows. Three shortcuts, the same terms:

* terms are immutable, so equal cells share one term (labels repeat in every
  row): a cell is a term's N-Triples text, so :class:`TermMaker` is a dict
  from cell to term, and a cell seen before is one lookup in C;
* an IRI Oxigraph gave is valid, so it is not checked again for characters
  an IRI cannot hold;
* a string literal (xsd:string or language-tagged), whose value is its text,
  gets the slots the constructor would give it without the parse; which
  slots that is, is asked of the constructor once per kind, and a kind whose
  value is not its text is always made by the constructor.

>>> make = TermMaker()
>>> make['"Acme"'] == Literal("Acme", datatype=XSD.string), make["<https://w3id.org/kg/id/x>"]
(True, rdflib.term.URIRef('https://w3id.org/kg/id/x'))
>>> make["2"].value, make['"2"^^<http://www.w3.org/2001/XMLSchema#integer>'].value, make[""]
(2, 2, None)
>>> PlainValues()["2"], PlainValues()["1.5"], PlainValues()['"a\\\\nb"'], PlainValues()[""]
(2, 1.5, 'a\\nb', None)
"""

from __future__ import annotations

from typing import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.summary_order import parse_cell
from kg.terms import NUMBERS

__all__ = ["TermMaker", "PlainValues", "string_literal_maker"]

_PROBE = "probe \u00e9\u4e2d "


def string_literal_maker(kind: str) -> Callable[[str], Literal] | None:
    """A fast maker of literals of ``kind`` (a datatype IRI, or ``@lang``) whose value is their text; None for other kinds.

    >>> string_literal_maker(str(XSD.string))("x").datatype == XSD.string, string_literal_maker(str(XSD.date))
    (True, None)
    """
    if kind != str(XSD.string) and not kind.startswith("@"):
        return None
    real = Literal(_PROBE, lang=kind[1:]) if kind.startswith("@") else Literal(_PROBE, datatype=URIRef(kind))
    if type(real._value) is not str or real._value != _PROBE or str(real) != _PROBE:
        return None
    language, datatype, ill_typed = real._language, real._datatype, real._ill_typed
    new = str.__new__

    def make(text: str) -> Literal:
        term = new(Literal, text)
        term._language, term._datatype, term._value, term._ill_typed = language, datatype, text, ill_typed
        return term

    return make


_BOOLEAN, _STRING = str(XSD.boolean), str(XSD.string)


class TermMaker(dict):
    """Cells (terms as the engine writes them in TSV, ``""`` unbound) to rdflib terms: ``maker[cell]``; one term for equal cells."""

    def __init__(self) -> None:
        super().__init__()
        self[""] = None
        self._makers: dict[str, Callable[[str], Literal]] = {}
        self._string = string_literal_maker(_STRING)

    def __missing__(self, cell: str):
        first = cell[0]
        if first == "<":  # the most common cells first: an IRI, and a plain string without escapes
            term = self[cell] = str.__new__(URIRef, cell[1:-1])
            return term
        if first == '"' and cell[-1] == '"' and "\\" not in cell:
            term = self[cell] = self._string(cell[1:-1])
            return term
        text, kind = parse_cell(cell)
        if kind is None:
            # URIRef(text) without its check for characters an IRI cannot hold: Oxigraph gave it, so it holds none.
            term = str.__new__(URIRef, text)
        elif kind == "_":
            term = BNode(text)
        else:
            maker = self._makers.get(kind)
            if maker is None:
                maker = self._makers[kind] = string_literal_maker(kind) or (
                    (lambda t, k=kind: Literal(t, lang=k[1:])) if kind.startswith("@") else (lambda t, k=URIRef(kind): Literal(t, datatype=k)))
            term = maker(text)
        self[cell] = term
        return term


class PlainValues(dict):
    """Cells to plain Python values (as :func:`kg.terms.plain_value` reads the engine's terms): ``values[cell]``."""

    def __init__(self) -> None:
        super().__init__()
        self[""] = None

    def __missing__(self, cell: str):
        first = cell[0]
        if first == "<" or first == '"' and cell[-1] == '"' and "\\" not in cell:  # an IRI, a plain string: the text
            value = self[cell] = cell[1:-1]
            return value
        text, kind = parse_cell(cell)
        value = text
        if kind in NUMBERS:
            try:
                value = NUMBERS[kind](text)
            except ValueError:
                pass
        elif kind == _BOOLEAN:
            value = text in ("true", "1")
        self[cell] = value
        return value
