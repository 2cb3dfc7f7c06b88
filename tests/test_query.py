"""``kg query``: canned questions, files and text; bindings; the W3C result formats; clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.query import run_query
from kg.sparql import canned_queries
from kg.store import normalize_term, open_graph
from tests.analysis.conftest import ACME, acme, build_into, run, store  # noqa: F401  (fixtures)

A = "https://w3id.org/kg/id/acme/"
WHO = "who-asserts"


def test_list_shows_every_canned_query_with_what_it_answers():
    result = run("query", "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name, canned in canned_queries().items():
        assert any(line.startswith(name) and line.endswith(canned.title) for line in lines), name
    assert "contested             Contested propositions: affirmed by one voice and opposed by an independent one." in lines


def test_every_canned_query_says_what_it_answers():
    for name, canned in canned_queries().items():
        assert canned.text.startswith("# "), name
        assert "Answers:" in canned.description, name


def test_every_canned_query_gives_the_same_answer_on_oxigraph_and_rdflib(tmp_path):
    stores = [str(tmp_path / "oxigraph"), f"memory:{tmp_path / 'graph.nt'}"]
    for location in stores:
        build_into(location, ACME, out=tmp_path / "out")
    graphs = [open_graph(location) for location in stores]
    for name in canned_queries():
        bindings = {"name": __import__("rdflib").Literal("acme")} if name == "find-entity" else {}
        answers = [[tuple(normalize_term(t) for t in row) for row in run_query(g, name, bindings)] for g in graphs]
        if name.startswith("projection-"):  # unordered: the projection sorts them itself
            answers = [sorted(a, key=str) for a in answers]
        assert answers[0] == answers[1], name
        assert answers[0] or name == "judgements", f"{name} found nothing in the acme case"


def test_unknown_query_name(acme):
    result = run("query", "contestd", "--store", acme)
    assert (result.exit_code, result.output) == (1, "Error: unknown query 'contestd'; `kg query --list` shows the canned queries\n")


def test_missing_query_file(acme, tmp_path):
    result = run("query", tmp_path / "nope.rq", "--store", acme)
    assert (result.exit_code, result.output) == (1, f"Error: query file not found: {tmp_path / 'nope.rq'}\n")


def test_syntax_error_gives_line_and_column(acme):
    text = "SELECT ?x\nWHERE {\n  ?x a kg:Incident ;\n     rdfs:label ?l ?m .\n}"
    result = run("query", text, "--store", acme)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output == (
        "Error: syntax error at line 4, column 20: near '?m'\n"
        "       rdfs:label ?l ?m .\n"
        "                     ^\n")


def test_undeclared_prefix_is_a_syntax_error_with_position(acme):
    result = run("query", "SELECT ?x WHERE {\n  ?x a ex:Thing }", "--store", acme)
    assert (result.exit_code, result.output.splitlines()[0]) == (1, "Error: syntax error at line 2, column 8: undeclared prefix 'ex:'")


def test_service_is_refused(acme):
    result = run("query", "SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }", "--store", acme)
    assert (result.exit_code, result.output) == (1, "Error: SERVICE is refused: kg never fetches remote data\n")


def _csv(output: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(output, newline="")))


def _bytes(result) -> str:
    """What the command wrote, line endings untouched (``output`` turns CRLF into LF)."""
    return result.stdout_bytes.decode("utf-8")


def test_bind_a_name_an_alias_an_id_or_an_iri(acme):
    outputs = [run("query", WHO, "--store", acme, "--format", "csv", "--bind", f"entity={value}").output
               for value in ("Acme coding assistant", "helper", "assistant", f"<{A}assistant>", f"{A}assistant")]
    assert len(set(outputs)) == 1
    rows = _csv(outputs[0])
    assert rows[0][:3] == ["entity", "entityLabel", "proposition"]
    assert [(row[0], row[5], row[6], row[7]) for row in rows[1:]] == [
        (A + "assistant", "Acme internal memo", "asserts", "the assistant wrote the faulty change")]


def test_a_quoted_value_is_a_literal(acme):
    result = run("query", "find-entity", "--store", acme, "--format", "csv", "--bind", 'name="helper"')
    assert result.exit_code == 0, result.output
    assert [(row[0], row[3]) for row in _csv(result.output)[1:]] == [(A + "assistant", "alias"), (A + "assistant", "partial")]


def test_binding_a_variable_the_query_does_not_select_is_an_error(acme):
    result = run("query", "SELECT ?label WHERE { ?item rdfs:label ?label }", "--store", acme, "--bind", "item=acme")
    assert (result.exit_code, result.output) == (1, "Error: cannot bind ?item: the query does not select it; add ?item to its SELECT clause\n")


def test_bind_needs_name_and_value(acme):
    result = run("query", WHO, "--store", acme, "--bind", "entity")
    assert (result.exit_code, result.output) == (1, "Error: --bind takes NAME=VALUE, not 'entity'\n")


def test_bind_is_never_pasted_into_the_text(acme):
    result = run("query", WHO, "--store", acme, "--format", "csv", "--bind", 'entity="} ; DROP ALL ; {"')
    assert (result.exit_code, _csv(result.output)[1:]) == (0, [])


def test_csv_follows_the_w3c_format(acme):
    result = run("query", "SELECT ?incident ?label ?date WHERE { ?incident a kg:Incident ; rdfs:label ?label . "
                 "OPTIONAL { ?incident dcterms:date ?date } } ORDER BY ?label", "--store", acme, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert _bytes(result).split("\r\n") == [
        "incident,label,date",
        f"{A}outage-b,Assistant-linked disruption,",
        f"{A}outage-a,Checkout outage,2026-03-02",
        f"{A}far-outage,Other Corp billing outage,2025-01-10",
        "",
    ]


def test_csv_quotes_commas_and_quotes(acme):
    row = 'SELECT ?t WHERE { BIND("a, \\"b\\"" AS ?t) }'
    assert _bytes(run("query", row, "--store", acme, "--format", "csv")) == 't\r\n"a, ""b"""\r\n'


def test_tsv_follows_the_w3c_format(acme):
    result = run("query", 'SELECT ?incident ?date ?n ?s WHERE { ?incident dcterms:date ?date ; rdfs:label ?l . '
                 r'BIND(2 AS ?n) BIND("tab\there" AS ?s) FILTER(?l = "Checkout outage") }', "--store", acme, "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.output.split("\n") == [
        "?incident\t?date\t?n\t?s",
        f'<{A}outage-a>\t"2026-03-02"^^<http://www.w3.org/2001/XMLSchema#date>\t2\t"tab\\there"',
        "",
    ]


def test_json_follows_the_w3c_format(acme):
    result = run("query", 'SELECT ?incident ?label ?date ?none WHERE { ?incident rdfs:label ?label ; dcterms:date ?date . '
                 'FILTER(?label = "Checkout outage") }', "--store", acme, "--format", "json")
    assert json.loads(result.output) == {
        "head": {"vars": ["incident", "label", "date", "none"]},
        "results": {"bindings": [{
            "incident": {"type": "uri", "value": A + "outage-a"},
            "label": {"type": "literal", "value": "Checkout outage"},
            "date": {"type": "literal", "value": "2026-03-02", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
        }]},
    }


def test_table_is_aligned_and_leaves_out_iris_that_have_labels(acme):
    result = run("query", "SELECT ?incident ?incidentLabel WHERE { ?incident a kg:Incident ; rdfs:label ?incidentLabel } ORDER BY ?incidentLabel", "--store", acme)
    assert result.output == (
        "incidentLabel\n"
        "---------------------------\n"
        "Assistant-linked disruption\n"
        "Checkout outage\n"
        "Other Corp billing outage\n"
        "(3 rows)\n")


def test_ask_prints_true_or_false(acme):
    yes = run("query", "ASK { ?x a kg:Incident }", "--store", acme)
    no = run("query", "ASK { ?x a kg:Person ; rdfs:label 'Nobody' }", "--store", acme)
    as_json = run("query", "ASK { ?x a kg:Incident }", "--store", acme, "--format", "json")
    assert (yes.exit_code, yes.output, no.exit_code, no.output) == (0, "true\n", 0, "false\n")
    assert json.loads(as_json.output) == {"head": {}, "boolean": True}


def test_construct_prints_turtle(acme):
    text = "CONSTRUCT { ?i a kg:Incident ; rdfs:label ?l } WHERE { ?i a kg:Incident ; rdfs:label ?l }"
    result = run("query", text, "--store", acme)
    assert result.exit_code == 0, result.output
    expected = Graph().parse(format="turtle", data=f"""
        @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{A}outage-a> a kg:Incident ; rdfs:label "Checkout outage" .
        <{A}outage-b> a kg:Incident ; rdfs:label "Assistant-linked disruption" .
        <{A}far-outage> a kg:Incident ; rdfs:label "Other Corp billing outage" .""")
    assert isomorphic(Graph().parse(format="turtle", data=result.output), expected)
    refused = run("query", text, "--store", acme, "--format", "csv")
    assert (refused.exit_code, refused.output) == (1, "Error: a CONSTRUCT query gives a graph, printed as Turtle; --format csv is for SELECT and ASK queries\n")


def test_query_from_a_file(acme, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# My question.\nSELECT (COUNT(*) AS ?n) WHERE { ?i a kg:Incident }\n", encoding="utf-8")
    assert _bytes(run("query", path, "--store", acme, "--format", "csv")) == "n\r\n3\r\n"


def test_pending_assertions_are_not_facts(acme):
    rows = _csv(run("query", WHO, "--store", acme, "--format", "csv", "--bind", "entity=assistant").output)
    assert [(r[5], r[6]) for r in rows[1:]] == [("Acme internal memo", "asserts")]


def test_no_query_is_a_usage_error():
    result = run("query")
    assert result.exit_code == 2
    assert "give a query NAME, a FILE.rq or SPARQL text, or --list" in result.output


def test_an_unquoted_name_that_names_nothing_is_an_error_with_the_nearest(acme):
    """4/7: `--bind entity=Dleta` never returns 0 rows silently."""
    result = run("query", WHO, "--store", acme, "--bind", "entity=Acme codng assistant")
    assert result.exit_code == 1, result.output
    assert result.output == ("Error: no item is called 'Acme codng assistant' (by label, alias or id); "
                             "did you mean 'Acme coding assistant'?\n")


def test_run_query_takes_a_plain_string_as_a_name(acme):
    import kg
    from kg.errors import QueryError
    from kg.store import open_graph

    graph = open_graph(acme)
    by_name = [tuple(row) for row in kg.run_query(graph, WHO, {"entity": "helper"})]
    by_iri = [tuple(row) for row in kg.run_query(graph, WHO, {"entity": URIRef(A + "assistant")})]
    assert by_name == by_iri and by_name
    with pytest.raises(QueryError, match="did you mean 'Acme coding assistant'"):
        kg.run_query(graph, WHO, {"entity": "Acme codng assistant"})


def test_rows_are_rdflibs_rows(tmp_path):
    """kg's result makes its rows' table of labels once; each row is what rdflib's own iteration gives.

    The rows are of a subclass of rdflib's ResultRow that holds that table (kg.sparql.term_rows); pickled, a row comes back
    rdflib's own."""
    import pickle

    from rdflib import Graph, Literal, URIRef
    from rdflib.query import Result, ResultRow

    from kg.query import QueryResult

    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    graph.add((URIRef("urn:b"), URIRef("urn:p"), Literal(2)))
    text = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:q> ?none } } ORDER BY ?s"
    ours, theirs = list(QueryResult.of(graph.query(text))), list(Result.__iter__(QueryResult.of(graph.query(text))))
    assert ours == theirs and len(ours) == 2
    for mine, rdflibs in zip(ours, theirs):
        assert type(rdflibs) is ResultRow and isinstance(mine, ResultRow) and mine.labels == rdflibs.labels
        again = pickle.loads(pickle.dumps(mine))
        assert type(again) is ResultRow and again == rdflibs and again.labels == rdflibs.labels
        assert (mine.s, mine.o, mine["o"], mine[1], mine.none) == (rdflibs.s, rdflibs.o, rdflibs["o"], rdflibs[1], rdflibs.none)
        assert mine.asdict() == rdflibs.asdict()
