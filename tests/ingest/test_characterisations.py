"""Sides of a dispute given by characterising, not by a reporting verb: an accusation, a blame, a ruling-out,
a verdict on another party's account (kg.ingest.characterisations), with either engine."""

import pytest

from tests.ingest.test_linking import _ingest, _stances
from tests.ingest.test_parser import claims


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_an_accusation_is_the_accusers_claim_in_its_positive_form(engine):
    text = "Initech accused Globex of failing to act on a known fault."
    assert claims(text, engine) == [("Initech", "asserts", "Globex failed to act on a known fault.")]


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_a_blame_says_who_caused_what(engine):
    text = "The Initech union blamed poor planning by Globex for the payroll outage."
    assert ("asserts", "Poor planning by Globex caused the payroll outage.") in [(s, p) for _, s, p in claims(text, engine)]


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_ruling_out_a_cause_denies_it_and_not_ruling_it_out_is_no_claim(engine):
    assert ("Globex", "denies", "A cyberattack was a cause.") in claims("Globex ruled out a cyberattack on Monday.", engine)
    assert not any("cyberattack" in p for _, _, p in claims("Globex has not ruled out a cyberattack.", engine))


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_that_was_the_accusation_x_made_is_xs_claim(engine):
    text = "Payroll engineers were asleep at home when the Initech system failed: that was the accusation Jane Roe made on Tuesday."
    assert claims(text, engine) == [("Jane Roe", "asserts", "Payroll engineers were asleep at home when the Initech system failed.")]


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_a_rebuffed_call_to_go_and_a_refusal_to_resign_deny_that_the_person_should_go(engine):
    text = ("Initech board backs its chief\n\nMPs said John Poe should consider quitting. "
            "Hours later, however, Initech rebuffed the call for Poe to go, saying he had its support.")
    assert ("Initech", "denies", "Poe should go.") in claims(text, engine)
    text = "Outage at Globex\n\nJane Roe, the chief executive of Globex, spoke on Wednesday. Refusing to resign, she said the outage would not happen again."
    assert ("Jane Roe", "denies", "Jane Roe should resign.") in claims(text, engine)
    assert not any("should" in p for _, _, p in claims("Outage at Globex\n\nJane Roe has not refused to resign.", engine))


VERDICT = (
    "Initech chief slept through outage\n\n"
    "The Metro Times first reported that John Poe slept as the payroll outage unfolded. "
    "Asked by another paper, an Initech spokesperson called the Metro Times' account \"ill-informed misinformation\".\n\n"
    "Payroll engineers were asleep at home when the system failed: that was the accusation union leader Jane Roe made on Tuesday. "
    "John Poe, the chief executive of Initech, rejected the claim. \"We are a serious company. That would never be the way we work,\" he said.\n"
)


def test_a_verdict_on_an_account_and_a_rejected_accusation_are_stances_against_them(tmp_path):
    _, drafts = _ingest(tmp_path, VERDICT, case_name="initech")
    stances = _stances(drafts["a0.txt"])
    slept = next(i for i in stances if "slept" in i)
    assert stances[slept] == [("metro-times", "asserts"), ("initech-spokesperson", "disputes")]
    asleep = next(i for i in stances if "asleep" in i)
    # "rejected the claim", then "That would never be the way we work" inside his quotation: both against it.
    assert stances[asleep] == [("jane-roe", "asserts"), ("john-poe", "denies"), ("john-poe", "disputes")]
    quoted = next(p for p in drafts["a0.txt"]["propositions"] if p.get("id") == asleep)
    assert [a["quote"]["exact"] for a in quoted["assertions"] if a["party"] == "john-poe"] == [
        "John Poe, the chief executive of Initech, rejected the claim", "That would never be the way we work"]  # a claim per quoted sentence


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_a_description_quoted_in_part_leaves_no_stray_quotation_mark(engine):
    text = "Initech described the fault as “a rare timing error.” Engineers were not told."
    props = [p for party, _, p in claims(text, engine) if party == "Initech"]
    assert any("rare timing error" in p for p in props)
    assert [p for p in props if p.count("“") != p.count("”") or p.count('"') % 2] == []
