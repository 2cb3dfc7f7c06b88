"""Contested propositions and single-source claims, counting reviewed assertions only."""

from __future__ import annotations

from kg.analysis.contested import find_contested, find_single_source
from tests._remote_check.conftest import BASE

A = BASE + "acme/"


def test_the_review_rule_is_contested(acme_projection):
    [contested] = find_contested(acme_projection)
    assert contested.id == A + "review-required"
    assert [(a.party.label, a.stance, a.quote, a.via.label) for a in contested.affirming] == [
        ("Acme internal memo", "asserts", "senior review is required", "Acme internal memo")]
    assert [(a.party.label, a.stance, a.quote, a.via.label) for a in contested.opposing] == [
        ("Acme", "denies", "no such rule exists", "Acme's statement to the Wire")]
    assert contested.score == 1.0
    assert [n.label for n in contested.about] == ["AI-assisted change", "Senior review of AI-assisted changes"]


def test_single_source_claims_ignore_pending_denials_and_corroborated_claims(acme_projection):
    claims = [(c.party.label, c.label, c.score) for c in find_single_source(acme_projection)]
    assert claims == [
        ("Acme internal memo", "The coding assistant caused the disruption.", 1.0),
        ("The Wire", "Jane Roe posted about the ops review and John Roe replied.", 1.0),
    ]
