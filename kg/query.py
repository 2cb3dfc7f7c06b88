"""Asking the graph: :func:`run_query`, the one way kg runs a query, where a bound name means an item.

``--bind entity=Dleta`` means the item called Dleta: a value that is text, not an RDF term (an unquoted ``--bind`` value, or a
plain ``str`` handed to :func:`run_query`), names an item: its label, alias,
id or IRI, resolved as ``kg path`` resolves names
(:func:`kg.names.resolve`). A name that names nothing is a
:class:`QueryError` with the nearest labels, never a query that quietly
returns no rows. Text meant as text is a ``Literal`` (on the command line,
a quoted value: ``--bind label='"Globex"'``); a number stays a number.
"""

from __future__ import annotations

import difflib
import re
from typing import Mapping

from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError

__all__ = ["QueryResult", "resolve_name", "bind_names", "run_query", "cli_resolver"]

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_LABELS = "SELECT DISTINCT ?label WHERE { ?item kg:inCase ?case ; rdfs:label ?label }"


def resolve_name(graph: Graph, name: str) -> URIRef:
    """The IRI of the one item ``name`` names, or a :class:`QueryError` that says what it might have meant."""
    from kg.names import resolve
    from kg.sparql import evaluate

    try:
        return resolve(graph, name)
    except QueryError as e:
        if "did you mean" in str(e) or "ambiguous" in str(e):
            raise
        labels = {str(row.label).casefold(): str(row.label) for row in evaluate(graph, _LABELS)}
        near = difflib.get_close_matches(name.strip().casefold(), labels, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(labels[n]) for n in near)}?" if near else ""
        raise QueryError(f"{e}{hint}") from e


def bind_names(graph: Graph, bindings: Mapping | None) -> dict:
    """``bindings`` with every plain ``str`` value resolved to the IRI of the item it names."""
    return {key: resolve_name(graph, value) if type(value) is str else value for key, value in (bindings or {}).items()}


class QueryResult(Result):
    """A query's answer as rdflib gives it, plus :meth:`to_dataframe` for a notebook.

    Iterating, ``.vars``, ``.bindings``, ``.askAnswer`` and ``.graph`` work as on any rdflib result.
    """

    @classmethod
    def of(cls, result: Result) -> "QueryResult":
        answer = cls(result.type)
        answer.vars = result.vars
        rows = getattr(result, "rows", None)  # kg.sparql.RowsResult: the terms of each row, in the order of vars
        if rows is not None:
            answer.rows = rows
            answer.bindings = (dict(zip(result.vars, row)) for row in rows)  # made when read (rdflib keeps a generator)
        elif result.type == "SELECT":
            answer.bindings = list(result.bindings)
        elif result.type == "ASK":
            answer.askAnswer = result.askAnswer
        else:
            answer.graph = result.graph
        return answer

    def __len__(self) -> int:
        rows = getattr(self, "rows", None)
        return super().__len__() if rows is None else len(rows)  # list(result) asks first: no dict made for it

    def __iter__(self):
        """Rows as rdflib makes them (``ResultRow``), the table of labels made once for all rows rather than once a row."""
        from kg.sparql import term_rows

        if self.type != "SELECT":
            return super().__iter__()
        rows = getattr(self, "rows", None)  # the terms in order already (kg.sparql.RowsResult): no dict is looked up
        if rows is None:
            names = list(self.vars or [])
            rows = ([binding.get(v) for v in names] for binding in self.bindings if binding)  # as rdflib: an empty binding is no row
        return term_rows(self.vars, rows)

    def to_dataframe(self):
        """The rows as a ``pandas.DataFrame``: a column per variable, IRIs as text, literals as Python values.

        Needs pandas (``pip install 'kg[notebook]'``); a SELECT gives its rows, an ASK one ``answer`` column, a
        CONSTRUCT its triples (``subject``, ``predicate``, ``object``).
        """
        from kg.errors import require_extra

        pandas = require_extra("pandas", "notebook", "to_dataframe()")
        if self.type == "ASK":
            return pandas.DataFrame({"answer": [bool(self.askAnswer)]})
        if self.type in ("CONSTRUCT", "DESCRIBE"):
            rows = sorted((str(s), str(p), _python(o)) for s, p, o in self.graph)
            return pandas.DataFrame(rows, columns=["subject", "predicate", "object"])
        columns = [str(v) for v in self.vars]
        rows = [[_python(row.get(v)) for v in self.vars] for row in self.bindings]
        return pandas.DataFrame(rows, columns=columns)


def _python(term):
    """A term as a cell: ``None`` unbound, a literal's Python value (numbers, dates), an IRI or blank node as text."""
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def run_query(graph: Graph, name_or_text: str, bindings: Mapping | None = None) -> QueryResult:
    """Run a canned query (by name), a ``.rq`` file or SPARQL text on ``graph``.

    ``bindings`` maps variable names to RDF terms, or to plain ``str`` names of items
    (resolved as above); they reach the engine through ``initBindings``
    (:func:`kg.sparql.evaluate`), never the query text.

    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s a kg:Incident }").askAnswer
    False
    """
    from kg.sparql import evaluate

    return QueryResult.of(evaluate(graph, name_or_text, bind_names(graph, bindings)))


def cli_resolver(graph: Graph):
    """For ``kg query --bind``: an unquoted value names an item (a number stays a literal)."""

    def resolve(value: str) -> URIRef | None:
        return None if _NUMBER.match(value.strip()) else resolve_name(graph, value)

    return resolve
