"""Running SPARQL: canned questions from ``kg/queries/*.rq``, files, or text.

User values are passed through ``initBindings``, never pasted into the text.
Every query is parsed once (cached by text) with rdflib's parser, so a syntax
error is reported the same way whatever the store, with its line and column.
rdflib's own engine runs the prepared query; other stores (Oxigraph, a remote
endpoint) are handed the text, since they cannot take rdflib's algebra.

Queries may use the usual prefixes (``kg:``, ``rdfs:``, ``skos:``...) without
declaring them:

>>> from rdflib import Graph
>>> evaluate(Graph(), "ASK { ?s a kg:Incident }").askAnswer
False

:func:`evaluate` takes bound values that are RDF terms already; the one entry point for
everyone else is :func:`kg.query.run_query`, which also takes the name of an item.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import QueryError, UnknownTermWarning
from kg.result_rows import ResultRows, term_rows
from kg.sparql_safety import NO_REMOTE, oxigraph_reads_service, parse_tree_names
from kg.store import normalize_term
from kg.terms import NUMBERS as _NUMBERS
from kg.terms import plain_value
from kg.vocab import PREFIXES as VOCAB_PREFIXES

__all__ = [
    "QUERY_DIR",
    "PREFIXES",
    "CannedQuery",
    "PreparedQuery",
    "canned_queries",
    "query_text",
    "prepare",
    "evaluate",
    "plain_rows",
    "oxigraph_plain_rows",
    "RowsResult",
    "term_rows",
    "ResultRows",
    "plain_value",
    "parse_binding",
]

QUERY_DIR = Path(__file__).resolve().parent / "queries"

#: Prefixes a query may use without declaring them; also used to shorten IRIs.
PREFIXES: dict[str, str] = dict(VOCAB_PREFIXES)


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    description: str  # the whole comment header, as one paragraph
    text: str

    @property
    def title(self) -> str:
        """The header's first line: what the query answers, in short."""
        return self.text.splitlines()[0].lstrip("# ").strip() if self.text.startswith("#") else self.description


@dataclass(frozen=True)
class PreparedQuery:
    """A query checked by the parser: ``kind`` is SELECT, ASK, CONSTRUCT or DESCRIBE."""

    text: str  # as sent to a store: with the undeclared prefixes added
    kind: str
    algebra: object  # rdflib's prepared query, for rdflib's own engine
    offset: int  # lines added in front of the user's text


def _description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(part for part in lines if part)


@lru_cache(maxsize=None)
def canned_queries() -> dict[str, CannedQuery]:
    """The shipped queries by name (file name without ``.rq``)."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = CannedQuery(path.stem, path, _description(text), text)
    return out


_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# Comments, strings and IRIs: blanked out before looking for prefixes to declare. This only
# picks which PREFIX lines to add; what a query may do is decided by parsing (kg.sparql_safety).
_OPAQUE = re.compile(r"#[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")


def query_text(name_or_text: str) -> str:
    """The text of a canned query name, an ``.rq`` file, or literal SPARQL."""
    canned = canned_queries().get(name_or_text)
    if canned is not None:
        return canned.text
    if name_or_text.endswith(".rq"):
        path = Path(name_or_text)
        if not path.is_file():
            raise QueryError(f"query file not found: {path}")
        return path.read_text(encoding="utf-8")
    if _QUERY_FORM.search(name_or_text):
        return name_or_text
    raise QueryError(f"unknown query {name_or_text!r}; `kg query --list` shows the canned queries")


def _blank(text: str) -> str:
    """``text`` with comments, strings and IRIs replaced by spaces (offsets kept)."""
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _syntax_error(text: str, line: int, column: int, message: str) -> QueryError:
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    shown = lines[line - 1]
    caret = " " * (max(column, 1) - 1) + "^"
    return QueryError(f"syntax error at line {line}, column {column}: {message}\n  {shown}\n  {caret}")


@lru_cache(maxsize=256)
def prepare(text: str) -> PreparedQuery:
    """Parse ``text`` once; raise :class:`QueryError` with line and column if it is malformed.

    >>> prepare("SELECT ?x WHERE { ?x ?p }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: syntax error at line 1, column 19: near '?x'
      SELECT ?x WHERE { ?x ?p }
                        ^
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    surrogate = _SURROGATE_ESCAPE.search(text)
    if surrogate:  # rdflib would decode it into a string no output can encode; Oxigraph refuses it too
        raise QueryError(f"cannot parse query: {surrogate.group(0)} is half of a surrogate pair, not a character")
    blanked = _blank(text)
    declared = {m.lower() for m in re.findall(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", blanked, re.IGNORECASE)}
    used = set(re.findall(r"(?<![\w?$:])([A-Za-z][\w-]*):(?=\w)", blanked))
    missing = sorted(p for p in used if p in PREFIXES and p.lower() not in declared)
    offset = 1 if missing else 0
    full = (" ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing) + "\n" + text) if missing else text
    try:
        tree = parseQuery(full)
        if "ServiceGraphPattern" in parse_tree_names(tree):
            raise QueryError(f"SERVICE is {NO_REMOTE}")
        algebra = translateQuery(tree)
        algebra._original_args = (full, {}, None)  # as rdflib's prepareQuery leaves it
    except QueryError:
        raise
    except RecursionError as e:
        raise QueryError("cannot parse query: it is nested too deeply") from e
    except ParseException as e:
        # pyparsing's "expected ..." names the rule it was in, which misleads more than it helps.
        rest = e.line[e.col - 1:].split()
        near = f"near {rest[0]!r}" if rest else ("unexpected end of the query" if e.loc >= len(full.rstrip()) else "at the end of the line")
        raise _syntax_error(text, e.lineno - offset, e.col, near) from e
    except Exception as e:  # rdflib raises plain Exception for an undeclared prefix
        message = str(e)
        prefix = re.match(r"Unknown namespace prefix : (\S+)", message)
        if prefix:
            where = re.search(rf"(?<![\w?$:]){re.escape(prefix.group(1))}:", blanked)
            line, column = _position(text, where.start()) if where else (1, 1)
            raise _syntax_error(text, line, column, f"undeclared prefix '{prefix.group(1)}:'") from e
        raise QueryError(f"cannot parse query: {message}") from e
    kind = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
    return PreparedQuery(full, kind.get(algebra.algebra.name, "SELECT"), algebra, offset)


def unknown_terms(prepared: PreparedQuery) -> list[str]:
    """A sentence for each ``kg:`` term in the query that ``ontology/kg.ttl`` does not define, with the nearest terms.

    Such a term matches nothing, so the query quietly returns no rows; saying so is kinder.

    >>> unknown_terms(prepare("SELECT ?i WHERE { ?i a kg:Incidnet }"))
    ['kg:Incidnet is not a term of the kg ontology, so it matches nothing; did you mean kg:Incident?']
    >>> unknown_terms(prepare("SELECT ?i WHERE { ?i a kg:Incident }"))
    []
    """
    import difflib

    from rdflib.plugins.sparql.algebra import traverse

    from kg.vocab import KG

    namespace = str(KG._NS)
    known = set(KG.__annotations__)
    used: set[str] = set()

    def collect(node):
        if isinstance(node, URIRef) and str(node).startswith(namespace):
            used.add(str(node)[len(namespace):])

    traverse(prepared.algebra.algebra, visitPost=collect)
    out = []
    for name in sorted(used - known):
        near = difflib.get_close_matches(name, known, n=2, cutoff=0.7)
        hint = f"; did you mean {' or '.join(f'kg:{n}' for n in near)}?" if near else ""
        out.append(f"kg:{name} is not a term of the kg ontology, so it matches nothing{hint}")
    return out


_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")


def _without_dataset(query):
    """``query`` without its FROM clauses, to run on an empty dataset (rdflib would download what FROM names)."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query

    main = query.algebra
    return Query(query.prologue, CompValue(main.name, **{k: v for k, v in main.items() if k != "datasetClause"}))


def _is_local(graph: Graph) -> bool:
    """Is ``graph`` kg's own store, embedded Oxigraph or rdflib's memory (not a remote endpoint)?"""
    from oxrdflib import OxigraphStore

    return _is_rdflib_engine(graph) or isinstance(graph.store, OxigraphStore)


def _is_rdflib_engine(graph: Graph) -> bool:
    from rdflib.plugins.stores.memory import Memory, SimpleMemory

    return isinstance(graph.store, (Memory, SimpleMemory))


@lru_cache(maxsize=256)
def _computed(text: str) -> frozenset[str]:
    """Variables the query assigns: ``(expr AS ?x)`` in its SELECT clause, ``BIND(expr AS ?x)`` outside subqueries."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    query = parseQuery(text)[1]
    found = {str(item["evar"]) for item in query.get("projection") or [] if "evar" in item}

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "SubSelect":
                return
            if node.name == "Bind":
                found.add(str(node["var"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            for value in node:
                walk(value)

    walk(query.get("where"))
    return frozenset(found)


def evaluate(graph: Graph, name_or_text: str, bindings: Mapping | None = None) -> Result:
    """Run a query on ``graph``; ``bindings`` (variable name → RDF term) go through ``initBindings``."""
    text = query_text(name_or_text)
    init = {str(Variable(str(k).lstrip("?$"))): v for k, v in (bindings or {}).items()}
    summary = _summary_result(graph, name_or_text, init)  # a shipped query, known to parse, bound where it may be
    if summary is not None:
        return summary
    prepared = prepare(text)
    for sentence in unknown_terms(prepared):
        warnings.warn(sentence, UnknownTermWarning, stacklevel=3)
    if prepared.kind == "SELECT" and init:
        # Oxigraph (and a remote endpoint) can only substitute selected variables; rdflib
        # would quietly bind others. Refusing on every store keeps them alike.
        selected = {str(v) for v in prepared.algebra.algebra.get("PV", [])}
        unselected = sorted(set(init) - selected)
        if unselected:
            raise QueryError(f"cannot bind ?{unselected[0]}: the query does not select it; add ?{unselected[0]} to its SELECT clause")
        # A value the query computes (AS ?x, BIND) is not an input: each engine would treat it its own way.
        computed = sorted(set(init) & _computed(prepared.text))
        if computed:
            raise QueryError(f"cannot bind ?{computed[0]}: the query computes it (AS ?{computed[0]})")
    if not _is_rdflib_engine(graph) and oxigraph_reads_service(prepared.text, {p: str(n) for p, n in graph.namespaces()}):
        # The store's engine is handed the text; Oxigraph reads a SERVICE where rdflib did not.
        raise QueryError(f"SERVICE is {NO_REMOTE} (Oxigraph, which runs the query, reads a SERVICE clause in it)")
    try:
        if prepared.algebra.algebra.get("datasetClause") and _is_local(graph):
            # FROM and FROM NAMED name graphs in the store, as at `kg serve`; kg's store holds only its
            # default graph. rdflib would ignore them, and oxrdflib overrides them with the default graph.
            if _is_rdflib_engine(graph):

                with warnings.catch_warnings():  # rdflib's own use of Dataset.contexts is deprecated in rdflib
                    warnings.simplefilter("ignore", DeprecationWarning)
                    result = Dataset().query(_without_dataset(prepared.algebra), initBindings=init)
                    if result.type == "SELECT":
                        result.bindings  # evaluated now, inside the filter  # noqa: B018
                    return result
            return graph.store.query(prepared.text, initNs={}, initBindings=init, queryGraph="__FROM__")
        if _is_rdflib_engine(graph):
            return graph.query(prepared.algebra, initBindings=init)
        return graph.query(prepared.text, initBindings=init)
    except SyntaxError as e:  # Oxigraph's parser is stricter on a few points
        where = re.search(r"error at (\d+):(\d+): (.*)", str(e), re.DOTALL)
        if where:
            raise _syntax_error(text, int(where.group(1)) - prepared.offset, int(where.group(2)), where.group(3).split("\n")[0]) from e
        raise QueryError(f"query failed: {e}") from e
    except Exception as e:  # each engine raises its own evaluation errors
        raise QueryError(f"query failed: {e}") from e


def _summary_store(graph: Graph):
    """The pyoxigraph store under ``graph`` when it is kg's embedded Oxigraph store, else None."""
    from oxrdflib import OxigraphStore

    return getattr(graph.store, "_inner", None) if isinstance(graph.store, OxigraphStore) else None


def _summary_result(graph: Graph, name: str, bindings: dict) -> Result | None:
    """A canned query's answer read from the rows the build materialised (:mod:`kg.summaries`), where the store holds them."""
    from kg.summaries import SUMMARISED, rdflib_rows, summarised

    store = _summary_store(graph) if name in SUMMARISED else None
    if store is None or not summarised(store, name, bindings):
        return None
    names, rows = rdflib_rows(store, name, bindings)
    return RowsResult(names, rows)


class RowsResult(Result):
    """A SELECT's answer held as ``rows``, each the terms of ``vars`` in their order (None unbound).

    Iterating gives rdflib's rows straight from them (:class:`kg.query.QueryResult`); the dicts of
    ``bindings`` are made only when asked for.
    """

    def __init__(self, names: list, rows: list) -> None:
        super().__init__("SELECT")
        self.vars = names
        self.rows = rows
        self.bindings = (dict(zip(names, row)) for row in rows)  # a generator: rdflib makes the list when it is read

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return term_rows(self.vars, self.rows)


def _plain_rdflib(term):
    if term is None:
        return None
    term = normalize_term(term)
    if isinstance(term, Literal):
        python = term.toPython()
        if isinstance(python, (bool, int, float)):
            return python
        if term.datatype is not None and str(term.datatype) == str(XSD.decimal):
            return float(python)
    return str(term)


def plain_rows(
    graph: Graph, name_or_text: str, bindings: Mapping | None = None, *, cases: Iterable[str] | None = None
) -> tuple[list[str], Iterable[tuple]]:
    """A SELECT's variable names and rows of plain Python values: IRIs and strings as ``str``, numbers and booleans as such.

    For a graph in the embedded Oxigraph store the rows come straight from
    Oxigraph, without making rdflib terms: several times faster for the
    projection's hundreds of thousands of rows.

    >>> names, rows = plain_rows(Graph().parse(data="<urn:a> <urn:n> 3 .", format="turtle"), "SELECT ?s ?n WHERE { ?s ?p ?n }")
    >>> names, list(rows)
    (['s', 'n'], [('urn:a', 3)])

    A canned query reads the rows the build materialised (:mod:`kg.summaries`)
    where the store holds them; there, ``cases`` (case IRIs) reads only those
    cases' rows. Elsewhere ``cases`` changes nothing: a caller that gives it
    keeps the rows of those cases itself.
    """
    store = _summary_store(graph) if not bindings else None
    if store is None:
        result = evaluate(graph, name_or_text, bindings)
        return [str(v) for v in result.vars or []], (tuple(_plain_rdflib(t) for t in row) for row in result)
    from kg import summaries

    if summaries.summarised(store, name_or_text):
        return summaries.plain_rows(store, name_or_text, cases)
    return oxigraph_plain_rows(store, name_or_text)


def oxigraph_plain_rows(store, name_or_text: str) -> tuple[list[str], Iterable[tuple]]:
    """:func:`plain_rows` straight from a pyoxigraph ``Store``."""
    canned = canned_queries().get(name_or_text)  # declares its prefixes, and is known to parse
    try:
        solutions = store.query(canned.text if canned else prepare(query_text(name_or_text)).text)
    except Exception as e:  # Oxigraph's own errors
        raise QueryError(f"query failed: {e}") from e
    names = [v.value for v in solutions.variables]
    return names, (tuple(plain_value(t) for t in solution) for solution in solutions)


def parse_binding(text: str, resolve: Callable[[str], URIRef | None] | None = None) -> tuple[str, URIRef | Literal]:
    """Read ``var=value`` from the command line into a variable name and an RDF term.

    ``<iri>`` and ``http(s)://`` values become IRIs and ``"quoted"`` values
    plain literals. Any other value is first offered to ``resolve`` (which
    turns an entity's label, alias or id into its IRI, or returns None) and
    is otherwise a plain literal.

    >>> parse_binding("entity=<https://w3id.org/kg/id/mini/globex>")
    ('entity', rdflib.term.URIRef('https://w3id.org/kg/id/mini/globex'))
    >>> parse_binding("?label=Globex")
    ('label', rdflib.term.Literal('Globex'))
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"--bind takes NAME=VALUE, not {text!r}")
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return name, URIRef(value)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return name, Literal(value[1:-1])
    iri = resolve(value) if resolve is not None else None
    return name, iri if iri is not None else Literal(value)
