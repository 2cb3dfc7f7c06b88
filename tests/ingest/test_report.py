"""The change report over graphs, and `kg diff` on Turtle files."""

import shutil

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.ingest import case_graph, compare_graphs, format_report, ingest
from kg.vocab import KG

X = "https://w3id.org/kg/id/t/"


def _graph(*triples):
    graph = Graph()
    for s, p, o in triples:
        graph.add((URIRef(X + s), p, URIRef(X + o) if type(o) is str else o))
    return graph


BASE = [
    ("globex", RDF.type, KG.Organization), ("globex", RDFS.label, Literal("Globex")), ("globex", KG.inCase, ""),
    ("p", RDF.type, KG.Proposition), ("p", KG.text, Literal("Reviews were skipped.")),
    ("a1", RDF.type, KG.Assertion), ("a1", KG.proposition, "p"), ("a1", KG.party, "globex"), ("a1", KG.stance, KG.Asserts),
    ("q", RDF.type, KG.OpenQuestion), ("q", KG.asks, Literal("Were reviews skipped?")), ("q", KG.about, "p"), ("q", KG.status, KG.Open),
]


def test_identical_graphs_report_no_changes():
    assert format_report(compare_graphs(_graph(*BASE), _graph(*BASE))) == "no changes"


def test_an_opposing_assertion_makes_a_proposition_contested_and_touches_its_question():
    new = _graph(*BASE, ("roe", RDF.type, KG.Person), ("roe", RDFS.label, Literal("Jane Roe")), ("roe", KG.inCase, ""),
                 ("a2", RDF.type, KG.Assertion), ("a2", KG.proposition, "p"), ("a2", KG.party, "roe"), ("a2", KG.stance, KG.Denies))
    report = compare_graphs(_graph(*BASE), new)
    assert report.new_entities == [("Person", "Jane Roe", "reviewed")]
    assert report.new_assertions == [("Jane Roe", "denies", "Reviews were skipped.", "reviewed")]
    assert report.contested == [("Reviews were skipped.", ["Globex"], ["Jane Roe"])]
    assert report.questions_touched == ["Were reviews skipped?"]


def test_a_rejected_assertion_does_not_contest():
    new = _graph(*BASE, ("a2", RDF.type, KG.Assertion), ("a2", KG.proposition, "p"), ("a2", KG.party, "globex"),
                 ("a2", KG.stance, KG.Denies), ("a2", KG.reviewStatus, KG.Rejected))
    assert compare_graphs(_graph(*BASE), new).contested == []


def test_identity_judgements_that_appear_are_listed():
    new = _graph(*BASE, ("j", RDF.type, KG.IdentityJudgement), ("j", KG.left, "globex"), ("j", KG.right, "globex2"),
                 ("globex2", RDFS.label, Literal("Globex Corp.")), ("j", KG.judgement, KG.NoJudgement))
    assert compare_graphs(_graph(*BASE), new).identity_candidates == [("Globex", "Globex Corp.", "no-judgement")]


def test_the_ingest_report_is_the_graph_diff_of_the_case_before_and_after(tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    before = case_graph(case)
    result = ingest([fixtures / "initech-followup.txt"], case, date="2026-03-12")
    after = case_graph(case)
    expected = compare_graphs(before, after)
    expected.restatements = result.report.restatements
    assert format_report(result.report) == format_report(expected)
