"""A bound variable means the same on every store: rdflib's initBindings, Oxigraph's substitutions, and
the VALUES blocks :func:`kg.values_blocks.bind_values` writes for a remote endpoint (Oxigraph server, Virtuoso).

The proof runs every canned query with each variable it selects bound in turn to the value the first
row of its unbound answer gives, and compares every store's rows with the embedded store's.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal

from kg.values_blocks import bind_values
from kg.cli import cli
from kg.errors import QueryError
from kg.query import run_query
from kg.sparql import _computed, canned_queries, prepare
from kg.store import normalize_term, open_graph
from tests.conftest import REMOTE_KINDS
from tests.helpers import DOCUMENTS, MINI

G = "https://w3id.org/kg/id/mini/"


@pytest.fixture(scope="module")
def built(built_cases):
    """The mini case in the embedded store and the memory store, built once per process."""
    return {kind: built_cases.location(kind, MINI, documents=DOCUMENTS) for kind in ("oxigraph", "memory")}


@pytest.fixture(params=REMOTE_KINDS)
def endpoint(request, built_cases):
    """The mini case on each kind of endpoint, built once per process: every test here only reads it."""
    return built_cases.location(request.param, MINI, documents=DOCUMENTS, request=request)


def _rows(graph, name, bindings=None) -> list[tuple]:
    return sorted(tuple(str(normalize_term(t)) if t is not None else "" for t in row)
                  for row in run_query(graph, name, bindings))


def _cases(graph) -> list[tuple[str, dict]]:
    """(query, bindings) for every canned query and every variable it selects that its first row binds."""
    cases = []
    for name in canned_queries():
        cases.append((name, {}))
        if name == "find-entity":  # nothing to take a value from unbound: names of each kind instead
            cases += [(name, {"name": Literal(text)}) for text in ("globex", "GLOBEX CORP.", "payments", "monday-outage")]
            continue
        result = run_query(graph, name)
        first = next(iter(result), None)
        if first is None:
            continue
        computed = _computed(prepare(canned_queries()[name].text).text)
        for variable, value in zip(result.vars, first):
            if value is not None and not isinstance(value, BNode) and str(variable) not in computed:
                cases.append((name, {str(variable): normalize_term(value)}))
    return cases


def test_every_canned_query_binds_alike_on_every_store(built, endpoint):
    graphs = {kind: open_graph(location) for kind, location in built.items()}
    graphs["endpoint"] = open_graph(endpoint)
    cases = _cases(graphs["oxigraph"])
    assert len(cases) > 60  # every query, with each of its variables
    for name, bindings in cases:
        expected = _rows(graphs["oxigraph"], name, bindings)
        if bindings and not name.startswith("projection-"):
            # The binding narrows the answer, so the proof is not of an empty or unchanged table.
            assert expected, (name, bindings)
        for kind in ("memory", "endpoint"):
            assert _rows(graphs[kind], name, bindings) == expected, (kind, name, bindings)


def test_a_value_the_query_computes_cannot_be_bound_on_any_store(built, endpoint):
    for location in (*built.values(), endpoint):
        with pytest.raises(QueryError, match=r"^cannot bind \?count: the query computes it \(AS \?count\)$"):
            run_query(open_graph(location), "assertions-by-stance", {"count": Literal(2)})


def test_name_lookup_by_label_alias_id_and_part_over_an_endpoint(endpoint):
    rows = {(row[0], row[3]) for row in _rows(open_graph(endpoint), "find-entity", {"name": Literal("Globex Corp.")})}
    assert rows == {(G + "globex", "alias"), (G + "globex", "partial")}
    rows = {(row[0], row[3]) for row in _rows(open_graph(endpoint), "find-entity", {"name": Literal("monday-outage")})}
    assert rows == {(G + "monday-outage", "id")}


def test_kg_path_resolves_names_over_an_endpoint(endpoint, built):
    outputs = [CliRunner().invoke(cli, ["path", "globex corp.", "Deploy bot", "--store", location])
               for location in (built["oxigraph"], endpoint)]
    assert outputs[0].exit_code == 0, outputs[0].output
    assert "Globex" in outputs[0].output and "Deploy bot" in outputs[0].output
    assert outputs[1].exit_code == 0 and outputs[1].output == outputs[0].output


def test_query_binds_a_label_over_an_endpoint_as_on_the_embedded_store(endpoint, built):
    outputs = [CliRunner().invoke(cli, ["query", "who-asserts", "--store", location, "--format", "csv", "--bind", "entity=Monday payments outage"])
               for location in (built["oxigraph"], endpoint)]
    assert outputs[0].exit_code == 0 and len(outputs[0].output.splitlines()) > 1, outputs[0].output
    assert outputs[1].output == outputs[0].output


def test_a_name_that_is_not_there_is_the_same_error_over_an_endpoint(endpoint, built):
    outputs = [CliRunner().invoke(cli, ["path", "Initech", "Globex", "--store", location]) for location in (built["oxigraph"], endpoint)]
    assert outputs[0].exit_code == 1 and outputs[0].output.startswith("Error: no item is called 'Initech'")
    assert (outputs[1].exit_code, outputs[1].output) == (1, outputs[0].output)


@pytest.mark.parametrize("query, expected", [
    # The group of a FILTER that uses the variable gets the value; a group that does not use it is left alone.
    ("SELECT ?s ?v WHERE { { ?s ?p ?o FILTER(?o = ?v) } UNION { ?s ?q ?o } }",
     'SELECT ?s ?v WHERE { VALUES (?v) { ("x") } { VALUES (?v) { ("x") } ?s ?p ?o FILTER(?o = ?v) } UNION { ?s ?q ?o } }'),
    # A subquery has its own scope: it is joined with the value, never entered.
    ("SELECT ?s ?v WHERE { { SELECT ?s WHERE { ?s ?p ?v } } }",
     'SELECT ?s ?v WHERE { VALUES (?v) { ("x") } { SELECT ?s WHERE { ?s ?p ?v } } }'),
    # Braces and names in strings, IRIs and comments are not syntax; an inline VALUES block is not a group.
    ('SELECT ?v WHERE { # { ?v\n ?s <urn:a?v=1> "{ ?v }" VALUES ?t { "?v" } }',
     'SELECT ?v WHERE { VALUES (?v) { ("x") } # { ?v\n ?s <urn:a?v=1> "{ ?v }" VALUES ?t { "?v" } }'),
    # ?value is another variable than ?v.
    ("ASK { ?s ?p ?value OPTIONAL { ?s ?q ?value } }", 'ASK { VALUES (?v) { ("x") } ?s ?p ?value OPTIONAL { ?s ?q ?value } }'),
    # A CONSTRUCT template is not the WHERE clause.
    ("CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?v }", 'CONSTRUCT { ?s ?p ?v } WHERE { VALUES (?v) { ("x") } ?s ?p ?v }'),
])
def test_where_the_values_go(query, expected):
    written = bind_values(query, {"v": '"x"'})
    assert written == expected
    prepare(written)  # still SPARQL


def test_a_query_without_a_where_clause_cannot_be_bound():
    with pytest.raises(QueryError, match="cannot bind values in a query without a WHERE clause"):
        bind_values("DESCRIBE ?v", {"v": "<urn:x>"})
