"""What a SPARQL query may do, decided by parsing it, never by a pattern over its text.

Two parsers read every query. rdflib's parser builds the tree the guard walks:
updates, ``LOAD`` and ``SERVICE`` are refused there. Oxigraph runs the query,
and two parsers can read one text differently: Oxigraph ends a ``#`` comment
at a carriage return, rdflib runs it on to the next line feed, so a
``SERVICE`` that rdflib reads as a comment is a clause to Oxigraph.

pyoxigraph exposes neither its algebra nor a switch that turns ``SERVICE``
off, so Oxigraph itself is asked (:func:`oxigraph_reads_service`). It parses
a copy of the query in which every ASCII spelling of the word ``service`` is
replaced by ``zzzzzzz``, a word of the same length and kind. Where the word
sat in a string, an IRI, a comment or a name, the copy means what the query
means and still parses. Where Oxigraph read the word as the ``SERVICE``
keyword, the copy has a bare word that SPARQL allows nowhere, and it does not
parse. The copy has no ``SERVICE`` keyword, so parsing it, on an empty store,
cannot reach the network.

>>> oxigraph_reads_service("SELECT ?service WHERE { ?service ?p 'a service' }")
False
>>> oxigraph_reads_service("SELECT * WHERE { # \\r SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } \\n }")
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Mapping

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "NO_REMOTE",
    "query_size_problem",
    "parse_tree_names",
    "oxigraph_reads_service",
]

NO_REMOTE = "refused: kg never fetches remote data"

#: Budgets on a query's text, checked before any parser runs. rdflib's parser
#: takes seconds for a few thousand terms, so a query far beyond these is
#: refused at once rather than left to the timeout.
MAX_QUERY_CHARS = 100_000
MAX_QUERY_TERMS = 5_000

_WORD = "service"
_STAND_IN = "zzzzzzz"  # same length, letters only, no SPARQL keyword or function
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SEPARATORS = str.maketrans({c: " " for c in ",(){}[];"})


def query_size_problem(text: str) -> str | None:
    """Why ``text`` is over the budget, or None.

    Terms are counted as runs of characters between spaces and punctuation:
    rough, but a budget, not a guard.

    >>> query_size_problem("ASK { ?s ?p ?o }") is None
    True
    >>> print(query_size_problem("ASK { FILTER(?o IN (" + ",".join(map(str, range(6000))) + ")) }"))
    the query has more than 5000 terms, the endpoint's cap; split it into smaller queries
    """
    if len(text) > MAX_QUERY_CHARS:
        return f"the query is longer than {MAX_QUERY_CHARS} characters, the endpoint's cap; split it into smaller queries"
    if len(text.translate(_SEPARATORS).split()) > MAX_QUERY_TERMS:
        return f"the query has more than {MAX_QUERY_TERMS} terms, the endpoint's cap; split it into smaller queries"
    return None


def parse_tree_names(node) -> Iterator[str]:
    """The name of every rule in an rdflib parse tree (``ServiceGraphPattern``, ``Load``...), depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item.name
            stack.extend(dict.values(item))  # plain dict access: CompValue.get would evaluate
        elif isinstance(item, (ParseResults, list, tuple)):
            stack.extend(item)


def _stand_in(text: str) -> tuple[str, list[int]]:
    """``text`` with every ASCII-case spelling of ``service`` replaced; and where each one starts."""
    folded = text.translate(_ASCII_LOWER)  # ASCII only, as Oxigraph compares keywords; lengths kept
    starts, at = [], folded.find(_WORD)
    while at != -1:
        starts.append(at)
        at = folded.find(_WORD, at + 1)
    if not starts:
        return text, []
    chars = list(text)
    for start in starts:
        chars[start:start + len(_WORD)] = _STAND_IN
    return "".join(chars), starts


@lru_cache(maxsize=512)
def _probe(text: str, prefixes: tuple[tuple[str, str], ...]) -> str | None:
    import pyoxigraph as ox

    copy, starts = _stand_in(text)
    if not starts:
        return None
    try:
        # A prefix named like the word is renamed as the copy renames its uses.
        ox.Store().query(copy, prefixes={_stand_in(name)[0]: iri for name, iri in prefixes})
    except (OSError, RuntimeError):  # evaluating on the empty store failed: the copy parsed
        return None
    except Exception as e:  # noqa: BLE001 - SyntaxError, or anything not understood: fail closed
        return str(e) or type(e).__name__
    return None


def oxigraph_reads_service(text: str, prefixes: Mapping[str, str] | None = None) -> bool:
    """Whether Oxigraph, given ``prefixes`` as the query will run with, reads a ``SERVICE`` clause in ``text``.

    Fails closed: a copy that Oxigraph cannot parse counts as a ``SERVICE``.
    """
    return _probe(text, tuple(sorted((prefixes or {}).items()))) is not None
