"""The comparisons file is data checked against kg.ttl: a wrong class, key or kind is an error naming the file."""

from __future__ import annotations

import pytest

from kg.analysis.comparisons import COMPARISONS_FILE, model
from kg.errors import OntologyError
from kg.ontology import case_schema


def test_the_declared_model_names_only_known_classes_and_keys():
    m = model()
    known = set(case_schema().classes) | {"Entity", "Agent", "Source"}
    assert all(c.classes <= known for c in m.comparisons)
    assert {c.kind for c in m.comparisons} >= {"name", "dates", "same-value", "shared-context", "co-values", "named-together", "opposite-stances"}
    assert 0 < m.possible < m.likely < 1 and 0 < m.prior < 1


@pytest.mark.parametrize(("old", "new", "message"), [
    ("property: mechanism", "property: mechanisms", "comparison 'mechanism': unknown case key 'mechanisms'"),
    ("classes: [Person]", "classes: [Persons]", "comparison 'job title': unknown class 'Persons'"),
    ("affiliation: [member of, speaks for]", "affiliation: [member of, spoke for]", "comparison 'holds role': names no comparison 'spoke for'"),
    ("kind: co-values", "kind: cousins", "comparison 'siblings': unknown kind 'cousins'; expected one of name, dates, same-value, shared-context, description, co-values, named-together, raised-together, opposite-stances, mentioned-in, outlet, role, meaning, part-whole, quantities, told-beside"),
    ("beside: [Incident]", "beside: [Incidents]", "comparison 'beside one incident': beside: unknown class 'Incidents'"),
])
def test_a_mistake_in_the_comparisons_file_names_it(tmp_path, old, new, message):
    text = COMPARISONS_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "comparisons.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(OntologyError) as e:
        model(str(bad))
    assert str(e.value) == f"comparisons.yaml: {message}"
