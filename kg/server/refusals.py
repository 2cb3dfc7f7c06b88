"""What the endpoint refuses, and why: each query checked before anything runs (updates, SERVICE, LOAD, malformed).

Every query is parsed with rdflib's SPARQL parser first. Updates (``INSERT``,
``DELETE``, ``LOAD``, ...) and ``SERVICE`` clauses are refused here, so the
engine never sees a request that writes or reaches the network; a malformed
query is answered with the parser's own message. Oxigraph, which runs the
query, is then asked whether it reads a ``SERVICE`` clause where rdflib did
not (:mod:`kg.sparql_safety`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import QueryError
from kg.sparql_safety import NO_REMOTE, oxigraph_reads_service, parse_tree_names

__all__ = ["CheckedQuery", "MalformedQuery", "RefusedQuery", "check_query", "READ_ONLY", "NO_REMOTE"]

READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"


class RefusedQuery(QueryError):
    """A well-formed request the endpoint will not run (updates, SERVICE, LOAD)."""

    status = 403


class MalformedQuery(QueryError):
    """A query the SPARQL parser rejects."""

    status = 400


_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str  # SELECT, CONSTRUCT, ASK or DESCRIBE


def _names(node) -> set[str]:
    return set(parse_tree_names(node))


def check_query(text: str) -> CheckedQuery:
    """Parse ``text`` and decide whether it may run.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }").form
    'SELECT'
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.server.refusals.RefusedQuery: SERVICE is refused: kg never fetches remote data
    >>> check_query("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    kg.server.refusals.RefusedQuery: LOAD is refused: kg never fetches remote data
    >>> check_query("SELECT * WHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    kg.server.refusals.MalformedQuery: malformed query: Expected SelectQuery, found '?'  (at char 17), (line:1, col:18)
    """
    if len(text) <= _CACHED_TEXT_LIMIT:
        return _check_cached(text)
    return _check(text)


_CACHED_TEXT_LIMIT = 16_384  # verdicts on short texts are cached; canned queries repeat


@lru_cache(maxsize=512)
def _check_cached(text: str) -> CheckedQuery:
    return _check(text)


_TOO_DEEP = "the query is nested too deeply to parse"


def _engine_prefixes() -> dict[str, str]:
    """The prefixes the query workers give Oxigraph (kg:, rdfs:, prov:... without PREFIX)."""
    from kg.export.jsonld import prefixes

    return dict(prefixes())


# rdflib's pyparsing grammar keeps state while it parses: one parse at a time.
_PARSER_LOCK = threading.Lock()


def _parse(parser, text: str):
    with _PARSER_LOCK:
        return parser(text)


def _check(text: str) -> CheckedQuery:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = _parse(parseQuery, text)
    except RecursionError as e:
        raise MalformedQuery(f"malformed query: {_TOO_DEEP}") from e
    except ValueError as e:  # an escape rdflib cannot decode, such as \U00110000 (past Unicode)
        raise MalformedQuery(f"malformed query: {e}") from e
    except ParseException as query_error:
        try:
            update = _parse(parseUpdate, text)
        except (ParseException, RecursionError):
            raise MalformedQuery(f"malformed query: {query_error}") from query_error
        if "Load" in _names(update):
            raise RefusedQuery(f"LOAD is {NO_REMOTE}") from query_error
        raise RefusedQuery(READ_ONLY) from query_error
    names = _names(parsed)
    if "ServiceGraphPattern" in names:
        raise RefusedQuery(f"SERVICE is {NO_REMOTE}")
    if oxigraph_reads_service(text, _engine_prefixes()):
        raise RefusedQuery(f"SERVICE is {NO_REMOTE} (Oxigraph, which runs the query, reads a SERVICE clause in it)")
    form = next((_FORMS[name] for name in names if name in _FORMS), None)
    if form is None:  # pragma: no cover - the grammar has no other query forms
        raise MalformedQuery("malformed query: not a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    return CheckedQuery(text, form)
