"""``kg path``: explanation paths with a source for every hop, and clear errors for bad names."""

from __future__ import annotations

import json

from kg.analysis.paths import explanation_paths
from kg.export.report_text import path_words
from tests.analysis.conftest import BASE, run

A = BASE + "acme/"


def test_a_post_connects_its_author_to_the_meeting_and_the_incident(acme_projection):
    [path] = explanation_paths(acme_projection, A + "jane-roe", A + "outage-b")
    assert path_words(path) == "Jane Roe ←author— Jane Roe's post about the ops review —about→ Weekly ops review ←discussed at— Assistant-linked disruption"
    assert [hop.evidence.basis for hop in path.hops] == ["source", "source", "one end"]
    assert [s.label for s in path.hops[0].evidence.sources] == ["Jane Roe's post about the ops review", "The Wire on Acme's checkout failures"]


def test_an_assertion_hop_carries_its_source_and_quote(acme_projection):
    best = explanation_paths(acme_projection, A + "memo", A + "review-rule")[0]
    assert path_words(best) == ("Acme internal memo —asserts→ “senior review is required” —on→ "
                               "Senior review is required for AI-assisted changes. —about→ Senior review of AI-assisted changes")
    first = best.hops[0].evidence
    assert first.basis == "assertion"
    assert [(a.quote, a.source.label, a.via.label) for a in first.assertions] == [
        ("senior review is required", "The Wire on Acme's checkout failures", "Acme internal memo")]


def test_kg_path_prints_each_hop_with_its_source(acme):
    result = run("path", "Jane Roe", "Assistant-linked disruption", "--store", acme)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:6] == [
        "1 path from Jane Roe to Assistant-linked disruption:",
        "",
        "1. Jane Roe ←author— Jane Roe's post about the ops review —about→ Weekly ops review",
        "   ←discussed at— Assistant-linked disruption [3 hops, cost 6.969]",
        "   - Jane Roe ←author— Jane Roe's post about the ops review",
        "       source: stated by the source Jane Roe's post about the ops review, reported in",
    ]


def test_kg_path_takes_aliases_ids_and_iris_and_prints_json(acme):
    by_name = run("path", "Helper", "review-rule", "--store", acme, "--format", "json")
    by_iri = run("path", f"<{A}assistant>", A + "review-rule", "--store", acme, "--format", "json")
    assert by_name.exit_code == by_iri.exit_code == 0, by_name.output + by_iri.output
    paths = json.loads(by_name.output)["paths"]
    assert paths == json.loads(by_iri.output)["paths"]
    assert paths[0]["hops"][-1]["to"]["iri"] == A + "review-rule"


def test_an_unknown_name_is_a_clear_error(acme):
    result = run("path", "Initech", "Acme", "--store", acme)
    assert result.exit_code == 1
    assert result.output == "Error: no item is called 'Initech' (by label, alias or id)\n"


def test_an_unknown_name_suggests_names_that_contain_it(acme):
    result = run("path", "Jane", "Acme", "--store", acme)
    assert result.exit_code == 1
    assert result.output == ("Error: no item is called 'Jane' (by label, alias or id); did you mean 'Jane Roe', "
                             "'Jane Roe posted about the ops review and John Roe replied.', \"Jane Roe's post about the ops review\"?\n")


def test_an_ambiguous_name_lists_the_matches(acme):
    result = run("path", "j. roe", "Acme", "--store", acme)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output == (
        "Error: 'j. roe' is ambiguous: it is the alias of 2 items: "
        f"Jane Roe (Person, {A}jane-roe); John Roe (Person, {A}john-roe). Give an id or IRI instead\n")


def test_unconnected_items_have_no_path(acme):
    result = run("path", "far-outage", "Jane Roe", "--store", acme)
    assert (result.exit_code, result.output) == (0, "No path between far-outage and Jane Roe in the reviewed graph.\n")


def test_a_path_needs_two_items(acme):
    result = run("path", "Acme", "Acme Corp.", "--store", acme)
    assert (result.exit_code, result.output) == (1, f"Error: 'Acme' and 'Acme Corp.' are the same item: {A}acme\n")
