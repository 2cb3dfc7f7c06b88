"""Recording a judgement in the case data moves a candidate out of the open list (or marks it)."""

from __future__ import annotations

import json

import pytest

from tests.analysis.conftest import ACME, build_into, run
from tests.helpers import copy_case


def _judge(tmp_path, pair: str, value: str):
    case = copy_case(tmp_path, ACME, "acme")
    (case / "judgements.yaml").write_text(f"judgements:\n  - pair: [{pair}]\n    judgement: {value}\n    source: wire\n", encoding="utf-8")
    return case


def _candidates(store) -> list[dict]:
    result = run("unresolved", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["candidates"]


@pytest.mark.parametrize("value", ["same", "different"])
def test_same_or_different_settles_the_pair(store, tmp_path, value):
    build_into(store, ACME)
    assert [c["pair"] for c in _candidates(store)] == [["outage-a", "outage-b"]]
    build_into(store, _judge(tmp_path, "outage-a, outage-b", value))
    assert _candidates(store) == []


@pytest.mark.parametrize(("value", "judged"), [("unsure", True), ("no-judgement", False)])
def test_unsure_and_no_judgement_keep_the_pair_open(store, tmp_path, value, judged):
    build_into(store, _judge(tmp_path, "outage-b, outage-a", value))
    [candidate] = _candidates(store)
    assert (candidate["pair"], candidate["judgement"], candidate["judged"]) == (["outage-a", "outage-b"], value, judged)
    assert candidate["verdict"] == "likely the same" and candidate["probability"] > 0.9


def test_a_judged_pair_stays_listed_even_if_it_is_unlikely(store, tmp_path):
    build_into(store, _judge(tmp_path, "jane-roe, john-roe", "unsure"))
    listed = {tuple(c["pair"]): (c["verdict"], c["judgement"]) for c in _candidates(store)}
    assert listed == {("outage-a", "outage-b"): ("likely the same", None), ("jane-roe", "john-roe"): ("unlikely", "unsure")}
    result = run("unresolved", "--store", store)
    assert "1 judged unsure" in result.output.splitlines()[0]


def test_the_judgement_enum_is_the_ontology_scheme():
    from kg.ontology import Judgement, case_schema

    scheme = case_schema().judgements
    assert {j.value: (j.settles, j.iri) for j in Judgement} == {k: (bool(c.settles), c.iri) for k, c in scheme.items()}
    assert {j for j in Judgement if j.settles} == {Judgement.SAME, Judgement.DIFFERENT}
