"""What a claim asserts, from its parse: a denial has the gist of what it denies; the same predicate of one
thing by another agent is a rival claim; a noun and a verb of one stem meet."""

import pytest


@pytest.fixture(scope="module")
def parser():
    pytest.importorskip("spacy")
    from kg.ingest import nlp

    try:
        nlp.load(nlp.model_name())
    except Exception as e:  # noqa: BLE001 - no model installed here: nothing to read
        pytest.skip(str(e))
    from kg.ingest.gist import parser_gists

    return parser_gists


def test_a_denial_is_the_gist_of_what_it_denies_and_another_agent_is_a_rival(parser):
    from kg.ingest.gist import gist_score, rivals

    active, passive, denied, other = parser([
        "A cyberattack caused the outage.",
        "The outage was caused by a cyberattack.",
        "The outage was not caused by a cyberattack.",
        "A faulty router caused the outage.",
    ])
    assert (active.predicates, active.agents, active.patients) == ({"cause"}, {"cyberattack"}, {"outage"})
    assert (passive.agents, passive.patients) == ({"cyberattack"}, {"outage"})
    assert denied.negated and not passive.negated
    assert gist_score(active, denied) == 1.0 and not rivals(active, denied)
    assert rivals(active, other) and rivals(denied, other)


def test_a_testing_noun_meets_a_testing_verb_as_one_argument(parser):
    from kg.ingest.gist import gist_score

    ready, untested = parser(["All the testing done beforehand gave us belief.", "The bank did not test the platform enough."])
    assert "test" in ready.arguments and "test" in untested.predicates
    assert gist_score(ready, untested) == 0.5

