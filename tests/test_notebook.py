"""kg from a notebook: data frames, kg's prefixes on the opened graph, a warning for a misspelt term, and
the help's examples returning rows on the seed case."""

from __future__ import annotations

import re
import shlex
import warnings

import pytest

import kg
from kg.errors import MissingExtraError, UnknownTermWarning
from tests.analysis.conftest import ACME, run
from tests.helpers import SEEDS


@pytest.fixture(scope="module")
def acme_store(built_cases) -> str:
    """Built once per process (tests/conftest.py): these tests only read it."""
    return built_cases.location("oxigraph", ACME)


@pytest.fixture(scope="module")
def seed_store(built_cases) -> str:
    return built_cases.location("oxigraph", SEEDS / "amazon-2026-outages")


def test_a_select_becomes_a_data_frame_with_named_columns_and_python_values(acme_store):
    pandas = pytest.importorskip("pandas")
    graph = kg.open_graph(acme_store)
    frame = kg.run_query(graph, "SELECT ?incident ?label WHERE { ?incident a kg:Incident ; rdfs:label ?label } ORDER BY ?label").to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["incident", "label"]
    assert len(frame) >= 1
    assert all(type(value) is str and value.startswith("https://w3id.org/kg/id/acme/") for value in frame["incident"])
    assert all(type(value) is str for value in frame["label"])  # text, not rdflib terms
    counted = kg.run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Incident }").to_dataframe()
    assert counted["n"].tolist() == [len(frame)]  # a number stays a number
    assert kg.run_query(graph, "ASK { ?s a kg:Incident }").to_dataframe()["answer"].tolist() == [True]


def test_without_pandas_to_dataframe_names_the_extra(acme_store, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)  # import fails, as when not installed
    result = kg.run_query(kg.open_graph(acme_store), "ASK { ?s ?p ?o }")
    with pytest.raises(MissingExtraError, match=r"to_dataframe\(\) needs the optional extra 'notebook'"):
        result.to_dataframe()


def test_the_opened_graph_knows_kgs_prefixes(acme_store):
    graph = kg.open_graph(acme_store)
    rows = list(graph.query("SELECT ?i WHERE { ?i a kg:Incident }"))  # rdflib's own query, no PREFIX line
    assert rows


def test_a_misspelt_term_is_a_warning_with_the_nearest_term(acme_store):
    graph = kg.open_graph(acme_store)
    with pytest.warns(UnknownTermWarning, match=r"kg:Incidnet is not a term of the kg ontology.*did you mean kg:Incident\?"):
        assert list(kg.run_query(graph, "SELECT ?i WHERE { ?i a kg:Incidnet }")) == []
    result = run("query", "SELECT ?i WHERE { ?i a kg:Incidnet }", "--store", acme_store)
    assert result.exit_code == 0
    assert "warning: kg:Incidnet is not a term of the kg ontology, so it matches nothing; did you mean kg:Incident?" in result.stderr


def test_no_canned_query_names_a_term_the_ontology_lacks(acme_store):
    graph = kg.open_graph(acme_store)
    from kg.sparql import canned_queries

    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTermWarning)
        for name in canned_queries():
            kg.run_query(graph, name, {"name": __import__("rdflib").Literal("acme")} if name == "find-entity" else {})


def test_the_query_help_examples_return_rows_on_the_seed_case(seed_store):
    help_text = " ".join(run("query", "--help").output.split())
    examples = re.search(r"Examples: (.*?)(?: Options:|$)", help_text).group(1)
    commands = [shlex.split(part.strip().rstrip(";")) for part in examples.split("; kg ")]
    commands = [c[1:] if c[0] == "kg" else c for c in commands]
    assert len(commands) >= 3
    for command in commands:
        assert command[0] == "query"
        result = run(*command, "--store", seed_store, "--format", "json")
        assert result.exit_code == 0, (command, result.output)
        rows = __import__("json").loads(result.stdout)["results"]["bindings"]
        assert rows, f"`kg {' '.join(command)}` returns no rows on the seed case"
