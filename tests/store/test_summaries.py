"""The summaries a build materialises (kg.summaries) give the rows the canned queries give, in the same order."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.cli import cli
from kg.export.query_results import FORMATS, format_result
from kg.sparql import canned_queries, evaluate, oxigraph_plain_rows, plain_rows
from kg.store import open_graph
from kg.summaries import SUMMARISED, summarised
from kg.summary_order import order_conditions
from kg.summary_terms import TermMaker, string_literal_maker
from tests.helpers import ARTICLES, DOCUMENTS, MINI, SEEDS


def _build(tmp_path, case, store, documents=None):
    documents = documents or (DOCUMENTS if case == MINI else ARTICLES)
    args = ["build", str(case), "--store", store, "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args + (["--documents", str(documents)] if documents.is_dir() else []))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    """A corpus of several cases (kg synth), built into the embedded store: rows of many cases meet in one order."""
    from kg.synth import synthesize

    folder = tmp_path_factory.mktemp("synth")
    synthesize(folder / "corpus", triples=12_000, seed=3)
    _build(folder, folder / "corpus", str(folder / "store"), documents=folder / "corpus" / "documents")
    return folder / "store"


#: Texts find-entity is bound to: whole names in other cases, parts, item ids, the empty text, what a cell escapes.
SEARCHED = ["Globex", "globex", "GLOBEX INC.", "amazon", "e", "", "Deploy bot", "incident-1", "'", '"', "\\", "a\tb", "é"]


def _bindings(name):
    """The bindings a summarised query is read with: none, or each of SEARCHED for a search (find-entity)."""
    search = SUMMARISED[name].search
    return [{search: Literal(text)} for text in SEARCHED] if search else [None]


def _reference(graph, name, bindings=None):
    """The canned query run by the engine over the whole store, as written (never the summaries)."""
    return graph.query(canned_queries()[name].text, initBindings=bindings or {})


def _same_answers(graph, name, bindings=None):
    ordered = bool(order_conditions(canned_queries()[name].text))
    # each answer once, written in every format (a result reads its rows again for each): the engine's answer over
    # the whole store is most of this module's time
    answer, reference = evaluate(graph, name, bindings), _reference(graph, name, bindings)
    for fmt in FORMATS:
        ours, theirs = format_result(answer, fmt), format_result(reference, fmt)
        if ordered:
            assert ours == theirs, (name, fmt)
        else:  # no ORDER BY: any order is the answer; the rows are the same
            assert sorted(ours.splitlines()) == sorted(theirs.splitlines()), (name, fmt)


@pytest.mark.parametrize("case", [MINI, SEEDS], ids=["mini", "seeds"])
def test_every_summarised_query_answers_as_the_canned_text_in_every_format(tmp_path, case):
    _build(tmp_path, case, str(tmp_path / "store"))
    graph = open_graph(tmp_path / "store")
    for name in SUMMARISED:
        for bindings in _bindings(name):
            assert summarised(graph.store._inner, name, bindings), name
            _same_answers(graph, name, bindings)


@pytest.mark.slow
def test_many_cases_meet_in_the_canned_order(synth_store):
    graph = open_graph(synth_store)
    cases = {str(row.case) for row in graph.query("SELECT DISTINCT ?case WHERE { ?i <https://w3id.org/kg/ontology#inCase> ?case }")}
    assert len(cases) > 3
    for name in SUMMARISED:
        for bindings in _bindings(name):
            _same_answers(graph, name, bindings)
        assert len(evaluate(graph, name, _bindings(name)[0])) > 0, name


def test_a_bound_item_reads_its_case_and_keeps_its_rows(synth_store):
    graph = open_graph(synth_store)
    propositions = [row.proposition for row in evaluate(graph, "stance-history")][:: 97][:4]
    entities = [row.entity for row in evaluate(graph, "who-asserts")][:: 131][:4]
    for name, variable, values in (("stance-history", "proposition", propositions), ("who-asserts", "entity", entities)):
        assert values
        for value in values:
            rows = list(evaluate(graph, name, {variable: value}))
            assert rows and all(row[variable] == value for row in rows)
            _same_answers(graph, name, {variable: value})
    for value in (Literal("Globex", lang="en"), Literal(1), URIRef("https://w3id.org/kg/id/x")):  # no text: run as written
        assert not summarised(graph.store._inner, "find-entity", {"name": value})
        _same_answers(graph, "find-entity", {"name": value})
    nothing = URIRef("https://w3id.org/kg/id/nowhere/nothing")
    assert list(evaluate(graph, "stance-history", {"proposition": nothing})) == list(_reference(graph, "stance-history", {"proposition": nothing})) == []


def test_a_store_without_the_summaries_runs_the_canned_text(synth_store, tmp_path):
    import shutil

    import pyoxigraph as ox

    from kg.summaries import GRAPH

    shutil.copytree(synth_store, tmp_path / "store")
    store = ox.Store(str(tmp_path / "store" / "current"))  # the store's generation in use
    store.remove_graph(ox.NamedNode(GRAPH))
    store.flush()
    del store
    bare, built = open_graph(tmp_path / "store"), open_graph(synth_store)
    for name in ("contested", "stance-history", "projection-edges"):
        assert not summarised(bare.store._inner, name)
        assert list(evaluate(bare, name)) == list(_reference(bare, name))
        assert sorted(map(tuple, evaluate(bare, name))) == sorted(map(tuple, evaluate(built, name)))


def test_the_plain_rows_are_the_engines(synth_store):
    graph = open_graph(synth_store)
    store = graph.store._inner
    for name in ("projection-nodes", "projection-edges", "contested"):
        names, rows = plain_rows(graph, name)  # from the summary
        reference_names, reference = oxigraph_plain_rows(store, name)
        assert names == reference_names
        rows, reference = list(rows), list(reference)
        assert rows and sorted(rows, key=repr) == sorted(reference, key=repr)


@pytest.mark.slow
def test_the_projection_is_the_same_with_and_without_the_summary(tmp_path):
    from kg.analysis.nxgraph import project

    _build(tmp_path, SEEDS, str(tmp_path / "store"))
    _build(tmp_path, SEEDS, f"memory:{tmp_path / 'graph.nt'}")  # no named graphs: the canned queries
    projected = [project(open_graph(where)) for where in (tmp_path / "store", f"memory:{tmp_path / 'graph.nt'}")]
    assert sorted(projected[0].nodes(data=True)) == sorted(projected[1].nodes(data=True))
    assert sorted(projected[0].edges(keys=True)) == sorted(projected[1].edges(keys=True))


def test_every_ordered_summarised_query_orders_by_each_column():
    """Rows of different cases that tie on the ordering would come in an order of the engine's choosing."""
    for name in SUMMARISED:
        text = canned_queries()[name].text
        conditions = {expression for _, expression in order_conditions(text)}
        if conditions:
            from kg.summaries import _plan

            search = SUMMARISED[name].search  # bound: one value in every row
            selected = [v for v in evaluate(Graph(), text).vars if str(v) != search] if search else _plan(name)[2]
            missing = [str(v) for v in selected if f"?{v}" not in conditions]
            assert not missing, f"kg/queries/{name}.rq: ORDER BY lacks {missing}"


@pytest.mark.parametrize("text", ["", "Acme", " two  spaces ", "é中\u2028", "line\nbreak", "\"quoted\""])
@pytest.mark.parametrize("kind", [str(XSD.string), "@en", "@en-GB"])
def test_the_fast_string_literals_are_rdflibs(text, kind):
    fast = string_literal_maker(kind)(text)
    real = Literal(text, lang=kind[1:]) if kind.startswith("@") else Literal(text, datatype=XSD.string)
    assert fast == real and hash(fast) == hash(real) and fast.eq(real)
    assert (fast.value, fast.language, fast.datatype, fast.ill_typed) == (real.value, real.language, real.datatype, real.ill_typed)
    assert fast.n3() == real.n3()


def test_other_literals_are_made_by_rdflib():
    make = TermMaker()
    for cell, real in (('"2026-03-02"^^<http://www.w3.org/2001/XMLSchema#date>', Literal("2026-03-02", datatype=XSD.date)),
                       ('"-1"^^<http://www.w3.org/2001/XMLSchema#integer>', Literal("-1", datatype=XSD.integer)),
                       ('"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', Literal("true", datatype=XSD.boolean)),
                       ('"a \\"b\\"\\n\\u0001"@en', Literal('a "b"\n\u0001', lang="en"))):
        assert make[cell] == real and make[cell].value == real.value
    assert make['"Acme"'] is make['"Acme"']  # one term for equal cells
    iri = make["<https://w3id.org/kg/id/mini/globex>"]
    assert type(iri) is URIRef and iri == URIRef("https://w3id.org/kg/id/mini/globex") and iri.n3() == "<https://w3id.org/kg/id/mini/globex>"


def test_the_summary_stays_out_of_the_graph_and_its_exports(tmp_path):
    _build(tmp_path, MINI, str(tmp_path / "store"))
    assert "kg/summary" not in (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--store", str(tmp_path / "store"), "--format", "nquads",
                                      "-o", str(tmp_path / "kg.nq")])
    assert result.exit_code == 0, result.output
    exported = (tmp_path / "kg.nq").read_text(encoding="utf-8")
    assert exported and "kg/summary" not in exported
    stats = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "store")])
    assert stats.exit_code == 0 and "summary" not in stats.output


def _cases(graph) -> list[str]:
    return sorted({str(row.case) for row in graph.query("SELECT DISTINCT ?case WHERE { ?i <https://w3id.org/kg/ontology#inCase> ?case }")})


def test_one_cases_projection_reads_its_rows_only_and_is_the_whole_projections_part(synth_store):
    from kg.analysis.nxgraph import project

    graph = open_graph(synth_store)
    whole = project(graph)
    for case in _cases(graph)[:3]:
        names, rows = plain_rows(graph, "projection-nodes", cases={case})
        rows = list(rows)
        in_case = {row[0] for row in rows if row[1] == "case" and row[2] == case}
        assert rows and {row[0] for row in rows} == in_case  # nothing of another case is read
        part = project(graph, cases={case})
        kept = [n for n, attrs in whole.nodes(data=True) if attrs["case"] == case]
        assert sorted(part.nodes(data=True)) == sorted(whole.subgraph(kept).nodes(data=True))
        assert sorted(part.edges(keys=True, data=True)) == sorted(whole.subgraph(kept).edges(keys=True, data=True))


@pytest.mark.slow
def test_a_focused_page_is_the_same_with_and_without_the_summaries(tmp_path):
    """The embedded store reads the focus's case; the memory store projects everything and keeps that case.

    Two small fixture cases, not a synthetic corpus: rdflib's engine projects the memory store in time that grows
    faster than its size (9 s of CPU for the two synthetic cases of 5,000 triples this test read before, 1 s here),
    and what is checked is the road, not the size: another case to leave out, and items of the focus's own case
    beyond its two hops (acme's far outage)."""
    from kg.export.html import write_page

    cases = [MINI.parent / "acme", MINI.parent / "revisions"]
    for store in (str(tmp_path / "store"), f"memory:{tmp_path / 'graph.nt'}"):
        result = CliRunner().invoke(cli, ["build", *map(str, cases), "--store", store, "--out", str(tmp_path / "out"),
                                          "--documents", str(DOCUMENTS)])
        assert result.exit_code == 0, result.output
    embedded, memory = open_graph(tmp_path / "store"), open_graph(f"memory:{tmp_path / 'graph.nt'}")
    assert len(_cases(embedded)) == 2
    incidents = [str(row.incident) for row in evaluate(embedded, "incidents")]
    focus = incidents[len(incidents) // 2]
    views = [write_page(graph, tmp_path / f"{kind}.html", focus=(focus,), depth=2)
             for kind, graph in (("embedded", embedded), ("memory", memory))]
    shown = {node["id"] for node in views[0]["nodes"]}
    assert len(shown) > 3 and all(node.startswith(f"{focus.rsplit('/', 1)[0]}/") for node in shown)
    assert "https://w3id.org/kg/id/acme/far-outage" not in shown  # of the focus's case, beyond two hops
    assert (tmp_path / "embedded.html").read_bytes() == (tmp_path / "memory.html").read_bytes()
    title = (tmp_path / "embedded.html").read_text(encoding="utf-8").split("<title>", 1)[1].split("</title>", 1)[0]
    case_title = next(str(row.title) for row in embedded.query(
        "SELECT ?i ?title WHERE { ?i <https://w3id.org/kg/ontology#inCase> ?c . ?c <http://www.w3.org/2000/01/rdf-schema#label> ?title }",
        initBindings={"i": URIRef(focus)}))
    assert title.endswith(f"(2 hops) — {case_title}".replace("&", "&amp;"))


def test_a_cases_summaries_are_the_same_bytes_each_time():
    """The engine gives the rows of one store in another order each time; the summaries are sorted, so a build is repeatable."""
    from kg.build import case_chunks, find_cases
    from kg.summaries import case_summary

    chunk = next(case_chunks(find_cases([MINI]), documents=DOCUMENTS, validate=False))
    assert len({case_summary(chunk.slug, chunk.ntriples) for _ in range(5)}) == 1
