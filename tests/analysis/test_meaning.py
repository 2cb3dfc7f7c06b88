"""Items compared by meaning: near words meet, and without word vectors the comparison weighs nothing."""

from __future__ import annotations

import numpy as np

from kg.analysis import meaning
from kg.analysis.identity import identity_candidates
from kg.analysis.nxgraph import from_turtle
from kg.ingest.vectors import WordVectors

TWO_WAYS = """
:a a kg:Incident ; rdfs:label "Permanent data loss" ; dcterms:date "2026-03-02"^^xsd:date .
:b a kg:Incident ; rdfs:label "Database wiped" ; dcterms:date "2026-03-02"^^xsd:date .
:c a kg:Incident ; rdfs:label "Lawsuit filed" ; dcterms:date "2026-03-02"^^xsd:date .
"""
TOY = {"data": [1.0, 0.1, 0.0], "loss": [0.9, 0.3, 0.0], "permanent": [0.8, 0.2, 0.1], "database": [1.0, 0.0, 0.1],
       "wiped": [0.9, 0.2, 0.0], "lawsuit": [0.0, 0.1, 1.0], "filed": [0.1, 0.0, 0.9]}


def _meaning_rows(monkeypatch, vectors) -> dict[str, tuple[str, float]]:
    monkeypatch.setattr(meaning, "installed_vectors", lambda: vectors)
    found = identity_candidates(from_turtle(TWO_WAYS), threshold=0.0)
    return {c.label: next((r.level, r.weight) for r in c.waterfall if r.comparison == "meaning") for c in found}


def test_two_items_told_in_near_words_are_close_and_the_far_one_is_not(monkeypatch):
    rows = _meaning_rows(monkeypatch, WordVectors({w: np.array(v) for w, v in TOY.items()}))
    assert rows["Permanent data loss ~ Database wiped"][0] == "close"
    assert rows["Permanent data loss ~ Database wiped"][1] > 0
    assert rows["Permanent data loss ~ Lawsuit filed"] == ("far", 0.0)


def test_without_word_vectors_meaning_is_missing_and_weighs_nothing(monkeypatch):
    rows = _meaning_rows(monkeypatch, None)
    assert set(rows.values()) == {("missing", 0.0)}
