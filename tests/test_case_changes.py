"""The case format for voices and changing accounts: speaksFor, corrects, retracts,
updates, passage, and assertion ids with supersededBy and retractedIn.

Bad input stops the build with the file and line; the ontology with the
fixture case stays consistent under HermiT; the shapes catch what the loader
lets through.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import FIXTURES, copy_case, edit, line_of
from tests.test_bad_input import _fails_with

REVISIONS = FIXTURES / "cases" / "revisions"


def _build(case, tmp_path):
    return CliRunner().invoke(cli, ["build", str(case), "--out", str(tmp_path / "out"), "--store", "memory"])


# (file, old, new, line marker, message)
BAD = {
    "undefined supersededBy": (
        "claims.yaml",
        "supersededBy: ledger-four-thousand",
        "supersededBy: ledger-four-thousnd",
        "supersededBy: ledger-four-thousnd",
        "'supersededBy' refers to undefined assertion id 'ledger-four-thousnd' (did you mean 'ledger-four-thousand'?)",
    ),
    "superseded by itself": (
        "claims.yaml",
        "supersededBy: ledger-four-thousand",
        "supersededBy: ledger-forty-thousand",
        "supersededBy: ledger-forty-thousand",
        "an assertion cannot be superseded by itself",
    ),
    "superseded by an earlier assertion": (
        "claims.yaml",
        "        quote: affected about 4,000 customers",
        "        quote: affected about 4,000 customers\n        date: 2026-04-01",
        "supersededBy: ledger-four-thousand",
        "'supersededBy' must name a later assertion, but 'ledger-four-thousand' is dated 2026-04-01, before this one (2026-04-08)",
    ),
    "duplicate assertion id": (
        "claims.yaml",
        "      - id: ledger-four-thousand",
        "      - id: ledger-forty-thousand",
        "      - id: ledger-forty-thousand\n        party: ledger\n        source: ledger-0409",
        "duplicate id 'ledger-forty-thousand'; first defined at",
    ),
    "assertion id clashes with an item id": (
        "claims.yaml",
        "      - id: ledger-four-thousand",
        "      - id: nimbus",
        "      - id: nimbus",
        "duplicate id 'nimbus'; first defined at",
    ),
    "correction without a date": (
        "sources.yaml",
        "    date: 2026-04-09\n    updates: ledger-0408",
        "    updates: ledger-0408",
        "    corrects: ledger-0408      # with a correction notice",
        "a source that corrects another needs a 'date': the day of the change",
    ),
    "retractedIn names an entity": (
        "claims.yaml",
        "retractedIn: ledger-0411",
        "retractedIn: kite",
        "retractedIn: kite",
        "'retractedIn' must refer to a source, but 'kite' is a Organization",
    ),
    "passage without a change": (
        "sources.yaml",
        "    corrects: ledger-0408      # a company's rebuttal of a report\n",
        "",
        "    passage: affected some 40,000 customers\n  - id: ledger-0410",
        "'passage' says which words a change affects: add 'corrects', 'retracts' or 'updates'",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_change_input(tmp_path, name):
    case = copy_case(tmp_path, REVISIONS)
    file, old, new, marker, message = BAD[name]
    path = case / file
    edit(path, old, new)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    _fails_with(_build(case, tmp_path), f"Error: {path}:{line}: {message}")
    assert not (tmp_path / "out" / "kg.ttl").exists()


def test_retracted_in_a_source_without_a_date(tmp_path):
    case = copy_case(tmp_path, REVISIONS)
    edit(case / "claims.yaml", "retractedIn: ledger-0411", "retractedIn: nimbus-faq")
    path = case / "claims.yaml"
    _fails_with(
        _build(case, tmp_path),
        f"Error: {path}:{line_of(path, 'retractedIn: nimbus-faq')}: 'retractedIn' names 'nimbus-faq', which needs a 'date': the day of the retraction",
    )


@pytest.mark.parametrize(
    "file, old, new, key, message",
    [
        (
            "sources.yaml",
            "    corrects: ledger-0408      # a company's rebuttal of a report",
            "    corrects: kite",
            "corrects",
            "but 'kite' is a Organization",
        ),
        (
            "sources.yaml",
            "    updates: ledger-0410       # the story updated to remove a quote",
            "    updates: kite",
            "updates",
            "but 'kite' is a Organization",
        ),
        (
            "entities.yaml",
            "    speaksFor: nimbus          # a lawyer for a client",
            "    speaksFor: storage-outage",
            "speaksFor",
            "but 'storage-outage' is a Incident",
        ),
    ],
)
def test_references_to_the_wrong_kind_of_item(tmp_path, file, old, new, key, message):
    """The loader checks each key's rdfs:range in kg.ttl, and names the file and line."""
    case = copy_case(tmp_path, REVISIONS)
    path = case / file
    edit(path, old, new)
    _fails_with(
        _build(case, tmp_path), f"Error: {path}:{line_of(path, new.strip())}: '{key}' must refer to one of"
    )
    assert message in _build(case, tmp_path).output


def test_shapes_catch_a_retraction_of_an_entity(tmp_path):
    """'retracts' has no single range (a source or an assertion): the shapes check it."""
    case = copy_case(tmp_path, REVISIONS)
    edit(
        case / "sources.yaml",
        "    updates: ledger-0410       # the story updated to remove a quote",
        "    retracts: kite",
    )
    result = _build(case, tmp_path)
    assert result.exit_code == 1, result.output
    assert "'retracts' must name a source or an assertion" in result.output, result.output


def test_the_change_triples(tmp_path):
    from rdflib import URIRef

    from kg.build import load_cases
    from kg.vocab import KG

    graph, _, _ = load_cases([REVISIONS])
    r = "https://w3id.org/kg/id/revisions/"
    assert (URIRef(r + "dana-reyes"), KG.speaksFor, URIRef(r + "nimbus")) in graph
    assert (URIRef(r + "ledger-0409"), KG.corrects, URIRef(r + "ledger-0408")) in graph
    assert (URIRef(r + "ledger-0409"), KG.updates, URIRef(r + "ledger-0408")) in graph
    [superseded] = list(graph.subject_objects(KG.supersededBy))
    assert all(str(node).startswith(r + "assertion/") for node in superseded)
    [(retracting, retracted)] = [(s, o) for s, o in graph.subject_objects(KG.retracts)]
    assert retracting == URIRef(r + "ledger-0411") and str(retracted).startswith(r + "assertion/")
    # An assertion's id is a handle in the case files only: its IRI still comes from its content.
    case = copy_case(tmp_path, REVISIONS)
    edit(case / "claims.yaml", "      - id: ledger-four-thousand\n        party", "      - party")
    edit(case / "claims.yaml", "        supersededBy: ledger-four-thousand\n", "")
    edit(case / "claims.yaml", "      - id: ledger-forty-thousand\n        party", "      - party")
    plain, _, _ = load_cases([case])
    assert {s for s in plain.subjects(KG.stance, None)} == {s for s in graph.subjects(KG.stance, None)}


def test_hermit_finds_the_revisions_case_consistent(hermit):
    from kg.build import load_cases

    graph, _, _ = load_cases([REVISIONS])
    assert hermit(graph) == "consistent"


def test_hermit_catches_a_source_that_speaks_for_someone(hermit):
    """speaksFor is between agents; a source, disjoint from agents, cannot speak for one."""
    from rdflib import URIRef

    from kg.build import load_cases
    from kg.vocab import KG

    graph, _, _ = load_cases([REVISIONS])
    r = "https://w3id.org/kg/id/revisions/"
    graph.add((URIRef(r + "counsel-letter"), KG.speaksFor, URIRef(r + "nimbus")))
    assert hermit(graph) == "inconsistent"
