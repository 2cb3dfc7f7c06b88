"""Plain Python values of query answers: what a data frame, a JSON row or a materialised summary holds.

>>> import pyoxigraph as ox
>>> plain_value(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
3
>>> plain_value(ox.NamedNode("https://w3id.org/kg/id/x")), plain_value(None)
('https://w3id.org/kg/id/x', None)
"""

from __future__ import annotations

from rdflib.namespace import XSD

__all__ = ["plain_value", "NUMBERS"]

#: XSD number types → the Python type their values read as.
NUMBERS = {str(XSD.integer): int, str(XSD.int): int, str(XSD.long): int, str(XSD.decimal): float, str(XSD.double): float,
           str(XSD.float): float}


def plain_value(term):
    """A pyoxigraph term as a plain Python value: a number, a boolean, else its text (an IRI's too)."""
    import pyoxigraph as ox

    if term is None or not isinstance(term, ox.Literal):
        return None if term is None else term.value
    kind = term.datatype.value
    if kind in NUMBERS:
        try:
            return NUMBERS[kind](term.value)
        except ValueError:
            return term.value
    if kind == str(XSD.boolean):
        return term.value in ("true", "1")
    return term.value
