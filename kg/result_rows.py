"""rdflib's result rows made in C, once: the rows :mod:`kg.sparql` answers with and :mod:`kg.summaries` reads.

A module of its own so that the summaries and the query layer both use it
without importing each other.
"""

from __future__ import annotations

from typing import Iterable, Iterator

__all__ = ["ResultRows", "term_rows"]


def term_rows(names: list, rows: Iterable) -> Iterator:
    """rdflib's ``ResultRow`` of each row of terms (in the order of ``names``), made in C.

    ``ResultRow.__new__`` looks each value up in a dict and makes the table of
    labels again for every row; here the rows are of a subclass that holds the
    table once, so a row is its tuple of terms and nothing else. It reads,
    compares and pickles as rdflib's own (a pickled row comes back a ``ResultRow``).

    >>> from rdflib import Literal, Variable
    >>> row = next(term_rows([Variable("a"), Variable("b")], [(Literal(1), None)]))
    >>> row.a, row["b"], row.asdict(), row == (Literal(1), None)
    (rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), None, {'a': rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}, True)
    """
    from functools import partial

    from rdflib.query import ResultRow

    names = list(names)
    if isinstance(rows, ResultRows) and rows.names == names:
        return iter(rows)  # made already

    def reduce(row):
        return ResultRow, (dict(zip(names, row)), names)

    kind = type("ResultRow", (ResultRow,), {"labels": {str(v): i for i, v in enumerate(names)}, "__reduce__": reduce,
                                             "__module__": ResultRow.__module__})
    return map(partial(tuple.__new__, kind), rows)


class ResultRows(list):
    """rdflib's rows made once, by :func:`term_rows`, for ``names``: reading them again makes nothing new.

    >>> from rdflib import Literal, Variable
    >>> rows = ResultRows([Variable("a")], [(Literal(1),)])
    >>> next(term_rows([Variable("a")], rows)) is rows[0], rows[0].a
    (True, rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    """

    def __init__(self, names: list, rows: Iterable) -> None:
        super().__init__(term_rows(names, rows))
        self.names = list(names)
