"""The compiled shape checks agree with pyshacl, as SPARQL in either engine."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kg.build import build, load_cases
from kg.errors import ValidationError
from kg.shape_checks import Unsupported, check_store, compile_shapes
from kg.store import ntriple_lines
from kg.validate import pyshacl_report, validate_graph
from kg.vocab import KG, OA
from tests.helpers import DOCUMENTS, MINI, copy_case, edit


def _first(graph, cls):
    return sorted(graph.subjects(RDF.type, cls))[0]


def _break(graph: Graph, how: str) -> None:
    assertion = _first(graph, KG.Assertion)
    if how == "no party":
        graph.remove((assertion, KG.party, None))
    elif how == "two stances":
        graph.add((assertion, KG.stance, KG.Denies))
    elif how == "stance not a stance":
        graph.set((assertion, KG.stance, KG.Open))
    elif how == "party neither agent nor source":
        graph.set((assertion, KG.party, _first(graph, KG.Incident)))
    elif how == "confidence above 1":
        graph.add((assertion, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    elif how == "label with a language":
        graph.add((_first(graph, KG.Incident), RDFS.label, Literal("panne", lang="fr")))
    elif how == "resolved without answer":
        graph.set((_first(graph, KG.OpenQuestion), KG.status, KG.Resolved))
    elif how == "bad sha256":
        graph.add((_first(graph, KG.NewsArticle), KG.sha256, Literal("XYZ")))
    elif how == "negative offset":
        graph.set((_first(graph, OA.TextPositionSelector), OA.start, Literal(-3)))
    elif how == "judgement value not listed":
        judgement = URIRef("https://w3id.org/kg/id/mini/judgement/x")
        graph.add((judgement, RDF.type, KG.IdentityJudgement))
        graph.add((judgement, KG.left, _first(graph, KG.Incident)))
        graph.add((judgement, KG.right, Literal("not an IRI")))
        graph.add((judgement, KG.judgement, KG.Asserts))
    elif how == "entity outside any case":
        graph.remove((_first(graph, KG.Incident), KG.inCase, None))
    else:
        raise AssertionError(how)


BREAKAGES = ["no party", "two stances", "stance not a stance", "party neither agent nor source", "confidence above 1",
             "label with a language", "resolved without answer", "bad sha256", "negative offset",
             "judgement value not listed", "entity outside any case"]


def _pyshacl_results(graph: Graph) -> tuple[set[tuple[str, str]], tuple[bool, int]]:
    """pyshacl's results (focus node, constraint component), and its conformance and count of violations as
    :func:`kg.validate.pyshacl_report` gives them, from one run of pyshacl (the same call)."""
    import pyshacl

    from kg.ontology import ontology_graph, shapes_graph

    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                            inference="none", abort_on_first=False, allow_warnings=True, advanced=True)
    found = {(str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[1])
             for r in results.subjects(RDF.type, SH.ValidationResult)}
    return found, (bool(conforms), len(set(results.subjects(SH.resultSeverity, SH.Violation))))


def _ours(text: str) -> set[tuple[str, str]]:
    found, focus = set(), None
    for line in text.splitlines():
        if line.startswith("\tFocus Node: "):
            focus = line.split(": ", 1)[1].strip("<>")
        elif line.startswith("Constraint "):
            component = line.split(" in ", 1)[1].split(" ", 1)[0]
        if line.startswith("\tFocus Node: "):
            found.add((focus, component))
    return found


@pytest.mark.parametrize("how", BREAKAGES)
def test_every_back_end_finds_what_pyshacl_finds(how):
    import pyoxigraph as ox

    graph, _, _ = load_cases([MINI], documents=DOCUMENTS)
    _break(graph, how)
    expected, reference = _pyshacl_results(graph)
    assert expected, f"{how}: pyshacl found nothing; the breakage does not break anything"
    store = ox.Store()
    store.load("".join(ntriple_lines(graph)).encode(), format=ox.RdfFormat.N_TRIPLES)
    for report in (validate_graph(graph), check_store(graph), check_store(store)):
        assert (report.conforms, report.violations) == reference, how
        assert _ours(report.text) == expected, how


def test_a_conforming_graph_conforms_everywhere():
    graph, _, _ = load_cases([MINI], documents=DOCUMENTS)
    assert pyshacl_report(graph).conforms
    assert validate_graph(graph).conforms and check_store(graph).conforms


def test_shapes_outside_the_compiled_subset_are_refused():
    shapes = Graph()
    shape = URIRef("urn:shape")
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, KG.Incident))
    shapes.add((shape, SH.closed, Literal(True)))
    with pytest.raises(Unsupported, match="sh:closed"):
        compile_shapes(shapes)
    sparql_target = Graph()
    sparql_target.add((shape, SH.targetNode, OWL.Thing))
    shapes.remove((shape, SH.closed, None))
    shapes.add((shape, SH.targetNode, OWL.Thing))
    with pytest.raises(Unsupported, match="targetNode"):
        compile_shapes(shapes)


def test_unsupported_shapes_fall_back_to_pyshacl(monkeypatch, tmp_path):
    import kg.shape_checks as shape_checks
    import kg.validate

    build([MINI], out=None, store=tmp_path / "store")

    def refuse(shapes=None):
        raise Unsupported("pretend")

    monkeypatch.setattr(shape_checks, "compile_shapes", refuse)
    monkeypatch.setattr(kg.validate, "check_graph", lambda graph, places=None: refuse())
    from kg.store import open_graph

    report = validate_graph(open_graph(tmp_path / "store"))
    assert report.conforms and "Conforms: True" in report.text
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "    status: open", "    status: resolved")
    with pytest.raises(ValidationError, match=r"\(1 violations\)"):  # the rdflib path, with pyshacl
        build([case], out=None, store=tmp_path / "store2")


def test_violations_in_several_cases_are_counted_once_each(tmp_path):
    first = copy_case(tmp_path, name="one")
    second = copy_case(tmp_path, name="two")
    edit(second / "case.yaml", "case: mini", "case: mini-two")
    for case in (first, second):
        edit(case / "claims.yaml", "    status: open", "    status: resolved")
    graph, _, _ = load_cases([first, second])
    expected = pyshacl_report(graph)
    with pytest.raises(ValidationError) as caught:
        build([first, second], out=None, store=tmp_path / "store")
    assert str(caught.value) == f"the graph does not conform to the shapes ({expected.violations} violations)" == \
        "the graph does not conform to the shapes (2 violations)"
    assert not (tmp_path / "store" / "current").exists()


@pytest.mark.parametrize("by_case", [True, False])
def test_checks_by_batch_of_cases_report_what_the_whole_graph_check_reports(tmp_path, monkeypatch, by_case):
    """A build checks the shapes over each batch of cases as it reads them, where every check is case-local
    (kg.shape_checks.case_local), else over the stored graph: the same report, file and line included."""
    import sys

    import kg.shape_checks
    import kg.validate
    from kg.build import case_chunks, find_cases
    from kg.store import open_graph
    from kg.validate import check_graph

    cases = []
    for number in range(3):
        case = copy_case(tmp_path, name=f"c{number}")
        edit(case / "case.yaml", "case: mini", f"case: mini-{number}")
        cases.append(case)
    edit(cases[0] / "claims.yaml", "    status: open", "    status: resolved")
    edit(cases[2] / "claims.yaml", "    status: open", "    status: resolved")
    assert build(cases, out=None, store=tmp_path / "unchecked", validate=False).timings.get("checks in the workers, CPU") is None
    places = {}
    for chunk in case_chunks(find_cases(cases)):
        places.update(chunk.places)
    expected = check_graph(open_graph(tmp_path / "unchecked"), places)
    assert not expected.conforms and f"{cases[2]}" in expected.text

    monkeypatch.setattr(sys.modules["kg.build"], "SUMMARY_BATCH", 1)  # each case a batch of its own: failures of several batches
    if by_case:
        monkeypatch.setattr(kg.validate, "check_graph", lambda *args, **kwargs: pytest.fail("checked the whole graph"))
    else:
        monkeypatch.setattr(kg.shape_checks, "case_local", lambda checks: False)
    checked = build([cases[1]], out=None, store=tmp_path / "conforming").timings.get("checks in the workers, CPU")
    assert (checked is not None) == by_case  # where the shapes were checked, and what it cost
    with pytest.raises(ValidationError) as caught:
        build(cases, out=None, store=tmp_path / "store")
    assert caught.value.report == expected.text
    assert str(caught.value) == f"the graph does not conform to the shapes ({expected.violations} violations)"
    assert not (tmp_path / "store" / "current").exists()
