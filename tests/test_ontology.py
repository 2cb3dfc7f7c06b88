"""The ontology is the single source of truth for our IRIs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.ontology import ONTOLOGY_DIR, case_schema, ontology_graph
from kg.vocab import KG
from tests.helpers import DOCUMENTS, MINI, ROOT, SEEDS

NS = str(KG)


def _defined_terms() -> set[str]:
    return {str(s)[len(NS):] for s in ontology_graph().subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_vocab_matches_kg_ttl():
    declared = set(KG.__annotations__)
    assert declared == _defined_terms(), "kg/vocab.py and ontology/kg.ttl drifted apart: regenerate with python -m kg.vocab"


def test_every_term_the_code_uses_exists():
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r"\bKG\.([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    for path in (ROOT / "kg").rglob("*.rq"):
        used |= set(re.findall(r"\bkg:([A-Za-z_]\w*)", path.read_text(encoding="utf-8")))
    missing = sorted(used - _defined_terms())
    assert not missing, f"terms used in kg/ but not defined in kg.ttl: {missing}"


def test_misspelled_term_raises():
    with pytest.raises(AttributeError):
        KG.Asertion  # noqa: B018


def test_every_own_term_has_label_and_comment():
    graph = ontology_graph()
    for term in sorted(_defined_terms()):
        iri = KG[term]
        assert graph.value(iri, RDFS.label) is not None, f"kg:{term} has no rdfs:label"
        assert graph.value(iri, RDFS.comment) is not None, f"kg:{term} has no rdfs:comment"


def test_required_classes_exist_and_reuse_standards():
    graph = ontology_graph()
    for name in ["Person", "Organization", "Incident", "Safeguard", "Source", "Assertion", "OpenQuestion", "IdentityJudgement"]:
        assert (KG[name], RDF.type, OWL.Class) in graph
    assert (KG.Person, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Person")) in graph
    assert (KG.Assertion, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in graph
    assert (KG.Stance, RDFS.subClassOf, URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in graph


def test_concept_schemes():
    schema = case_schema()
    assert set(schema.stances) == {"asserts", "confirms", "denies", "disputes", "narrows", "hedges"}
    assert set(schema.judgements) == {"same", "different", "unsure", "no-judgement"}
    assert {name for name, c in schema.judgements.items() if c.settles} == {"same", "different"}
    assert {name: c.polarity for name, c in schema.stances.items()} == {
        "asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1, "hedges": 0,
    }


def test_hermit_finds_ontology_and_seed_case_consistent(hermit):
    from kg.build import load_cases

    cases = [SEEDS] if SEEDS.is_dir() and any(SEEDS.glob("*/case.yaml")) else [MINI]
    graph, _, _ = load_cases(cases)
    assert hermit(graph) == "consistent"


def test_hermit_catches_an_inconsistent_case(hermit):
    """The reasoner check can fail: an item typed as both person and incident."""
    from kg.build import load_cases

    graph, _, _ = load_cases([MINI], documents=DOCUMENTS)
    graph.add((URIRef("https://w3id.org/kg/id/mini/globex"), RDF.type, KG.Incident))
    assert hermit(graph) == "inconsistent"


def test_ontology_files_parse_with_rdflib():
    for name in ("kg.ttl", "shapes.ttl"):
        assert len(Graph().parse(ONTOLOGY_DIR / name)) > 50
