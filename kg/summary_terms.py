"""Summary cells (:mod:`kg.summaries`) made into the rdflib terms Oxigraph's own answer gives through oxrdflib.

oxrdflib makes ``URIRef(iri)``, ``Literal(text, lang=...)`` and
``Literal(text, datatype=...)``, and so does :class:`TermMaker`. rdflib's
``Literal`` constructor parses its text against the datatype, which costs
tens of microseconds a term: most of the time of a canned query with tens of
thousands of rows. Two shortcuts, the same terms:

* terms are immutable, so equal cells share one term (labels repeat in every row);
* an IRI Oxigraph gave is valid, so it is not checked again for characters
  an IRI cannot hold;
* a string literal (xsd:string or language-tagged), whose value is its text,
  gets the slots the constructor would give it without the parse; which
  slots that is, is asked of the constructor once per kind, and a kind whose
  value is not its text is always made by the constructor.

>>> make = TermMaker()
>>> make(["Acme"]) == Literal("Acme", datatype=XSD.string), make("https://w3id.org/kg/id/x")
(True, rdflib.term.URIRef('https://w3id.org/kg/id/x'))
>>> make(["2", str(XSD.integer)]).value, make(None)
(2, None)
"""

from __future__ import annotations

from typing import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["TermMaker", "string_literal_maker"]

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


_STRING = str(XSD.string)


class TermMaker:
    """Cells to rdflib terms; one term for equal cells."""

    def __init__(self) -> None:
        self._iris: dict[str, URIRef] = {}
        self._strings: dict[str, Literal] = {}
        self._literals: dict[tuple[str, str], object] = {}
        self._makers: dict[str, Callable[[str], Literal]] = {}

    def __call__(self, cell):
        if type(cell) is str:
            try:
                return self._iris[cell]
            except KeyError:
                # URIRef(cell) without its check for characters an IRI cannot hold: Oxigraph gave it, so it holds none.
                term = self._iris[cell] = str.__new__(URIRef, cell)
                return term
        if cell is None:
            return None
        if len(cell) == 1:  # xsd:string, the most common literal
            try:
                return self._strings[cell[0]]
            except KeyError:
                term = self._strings[cell[0]] = self._literal(cell[0], _STRING)
                return term
        key = (cell[0], cell[1])
        term = self._literals.get(key)
        if term is None:
            term = self._literals[key] = self._literal(*key)
        return term

    def _literal(self, text: str, kind: str):
        if kind == "_":
            return BNode(text)
        if kind not in self._makers:
            self._makers[kind] = string_literal_maker(kind) or (
                (lambda t, k=kind: Literal(t, lang=k[1:])) if kind.startswith("@") else (lambda t, k=URIRef(kind): Literal(t, datatype=k)))
        return self._makers[kind](text)
