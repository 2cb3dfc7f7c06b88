"""The keys of each case entry come from kg.ttl's kg:caseKeys rows, one meaning per key and kind."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.case import read_case
from kg.errors import LoadError
from kg.loaders.case import case_triples, item_iri
from kg.ontology import case_schema, ontology_graph
from kg.vocab import KG
from tests.helpers import copy_case, edit


def _graph(folder, schema=None) -> Graph:
    graph = Graph()
    for triple in case_triples(read_case(folder), schema=schema)[0]:
        graph.add(triple)
    return graph


def test_status_and_source_mean_one_term_per_kind_of_entry():
    keys = case_schema().entry_keys
    assert keys[KG.Assertion]["status"] == (KG.reviewStatus,)
    assert keys[KG.OpenQuestion]["status"] == (KG.status,)
    assert keys[KG.OpenQuestion]["review"] == (KG.reviewStatus,)
    assert keys[KG.Assertion]["source"] == (KG.readIn,)
    assert keys[KG.IdentityJudgement]["source"] == (KG.raisedIn,)
    assert "review" not in keys[KG.Assertion] and "type" not in keys[KG.Assertion]
    assert set(case_schema().restatement_keys) == {"proposition", "assertions", "confidence", "note", "span", "extractedFrom"}


def test_the_loader_records_each_key_as_the_term_kg_ttl_names(tmp_path):
    folder = copy_case(tmp_path)
    edit(folder / "claims.yaml", "    status: open\n", "    status: resolved\n    review: pending\n")
    graph = _graph(folder)
    question = item_iri("mini", "thursday-related")
    assert graph.value(question, KG.status) == KG.Resolved
    assert graph.value(question, KG.reviewStatus) == KG.Pending
    assertions = list(graph.subjects(RDF.type, KG.Assertion))
    assert assertions and {graph.value(a, KG.readIn) for a in assertions} == {item_iri("mini", "wire-article")}


def test_a_key_is_allowed_exactly_when_kg_ttl_lists_it_for_the_kind(tmp_path):
    folder = copy_case(tmp_path)
    edit(folder / "claims.yaml", "        stance: asserts\n", "        stance: asserts\n        colour: red\n")
    with pytest.raises(LoadError, match=r"claims.yaml:\d+: unknown key 'colour' in assertions"):
        _graph(folder)
    schema = case_schema()
    keys = dict(schema.entry_keys)
    keys[KG.Assertion] = {**keys[KG.Assertion], "colour": ()}
    assert list(_graph(folder, dataclasses.replace(schema, entry_keys=keys)).subjects(RDF.type, KG.Assertion))


def test_every_recorded_kg_term_is_declared():
    graph = ontology_graph()
    recorded = {term for _, term in graph.subject_objects(KG.records)}
    ours = {term for term in recorded if str(term).startswith(str(KG))}
    assert KG.readIn in ours and KG.raisedIn in ours
    undeclared = sorted(term for term in ours if (URIRef(term), RDF.type, None) not in graph)
    assert undeclared == [], f"ontology/kg.ttl: kg:records names undeclared terms {undeclared}"


def _entries(case):
    """(kind's class, item) for every entry of ``case``, its assertions included; restatements aside."""
    kinds = {"sources": KG.Entity, "entities": KG.Entity, "propositions": KG.Proposition,
             "judgements": KG.IdentityJudgement, "questions": KG.OpenQuestion}
    from kg.case import Item

    for item in case.items:
        if item.section == "propositions" and "id" not in item.fields:
            continue
        yield kinds[item.section], item
        for entry in item.fields.get("assertions") or [] if item.section == "propositions" else []:
            yield KG.Assertion, Item("assertions", entry, item.path)


def test_every_key_records_the_terms_its_row_names_in_the_fixtures_and_seeds():
    """Each key a case writes leaves a triple of the term kg.ttl says it records, on its item or a node of it."""
    from tests.helpers import FIXTURES, SEEDS

    schema = case_schema()
    checked = set()
    for folder in sorted([*(FIXTURES / "cases").iterdir(), *SEEDS.iterdir()]):
        if not (folder / "case.yaml").is_file():
            continue
        case = read_case(folder)
        triples, stats = case_triples(case)
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        subjects = {where: subject for subject, where in stats.locations.items()}
        for kind, item in _entries(case):
            subject = subjects[f"{item.path}:{item.line}"]
            for key in item.fields:
                for term in schema.entry_keys[kind].get(key, ()):
                    found = any(
                        s == subject or o == subject or str(s).startswith(f"{subject}/")
                        for s, _, o in graph.triples((None, term, None))
                    )
                    assert found, f"{item.path}:{item.line_of(key)}: {key!r} recorded no {term.n3(graph.namespace_manager)}"
                    checked.add((kind, key))
    assert len(checked) >= 40, sorted(checked)  # 42 (kind, key) pairs today
