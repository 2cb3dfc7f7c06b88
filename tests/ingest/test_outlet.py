"""Claims an article makes in its own voice (kg/ingest/outlet.py), drafted as a user's `kg ingest` drafts them."""

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest.extract import extract


def own_claims(text, parser="rules"):
    x = extract(text, parser=parser)
    return [(c.stance, c.proposition) for c in x.claims if c.party is not None and c.party.label == "The article"]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_the_articles_own_figures_are_its_claims(parser):
    text = ("Globex outage\n\nGlobex said the outage was short.\n\n"
            "On May 2, more than 40,000 customers lost access for nearly eleven hours and could not pay. "
            "In fact, around half of the bank's customers could not log in.\n")
    assert own_claims(text, parser) == [
        ("asserts", "More than 40,000 customers lost access for nearly eleven hours."),
        ("denies", "Around half of the bank's customers could log in."),
    ]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_sum_paid_lost_or_recovered_in_the_articles_own_words_is_its_claim(parser):
    text = ("Globex ransom\n\nThe company paid a ransom of around $4.4 million in bitcoin. "
            "Globex said it paid $5 million. Its chief executive's fortune fell by $5.9 billion. "
            "The company paid its staff well. It lost tens of millions of dollars in sales.\n")
    assert own_claims(text, parser) == [
        ("asserts", "The company paid a ransom of around $4.4 million in bitcoin."),
        ("asserts", "Its chief executive's fortune fell by $5.9 billion."),
        ("asserts", "It lost tens of millions of dollars in sales."),
    ]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_figure_of_what_an_impact_was_told_in_a_noun_is_the_articles_claim(parser):
    text = ("Globex ground stop\n\nThe ground stop was over by 9 a.m., but it contributed to more than 2,800 flight cancellations. "
            "Globex said there were 300 delays. The airline has 40 flight attendants.\n")
    assert own_claims(text, parser) == [("asserts", "It contributed to more than 2,800 flight cancellations.")]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_how_long_an_outage_lasted_after_a_dated_opening_or_told_by_lasted_is_the_articles_claim(parser):
    text = ("Globex down\n\nOn Oct. 4, 2021, Globex and its apps disappeared from the internet and stayed unavailable for "
            "roughly six hours. Globex apps are back online after an outage that lasted almost six hours. "
            "The storm lasted two days.\n")
    assert own_claims(text, parser) == [
        ("asserts", "Globex and its apps disappeared from the internet and stayed unavailable for roughly six hours."),
        ("asserts", "Globex apps are back online after an outage that lasted almost six hours."),
    ]


def test_words_someone_is_reported_to_have_said_are_never_the_articles():
    text = ("Globex outage\n\nService was restored after two hours, Globex said. "
            "According to Orbis, 500 customers lost access. \"Service was down for an hour.\"\n")
    assert own_claims(text) == []


def test_a_figure_with_no_impact_is_no_claim():
    assert own_claims("Globex outage\n\nGlobex has 40,000 customers in six countries. The storm lasted for two days.\n") == []


def test_the_draft_credits_the_article_and_quotes_its_words(tmp_path):
    article = tmp_path / "gazette.txt"
    article.write_text("Globex outage\n\nGlobex said the outage at its payroll system was short.\n\n"
                       "In fact, about 40,000 staff could not log in for nearly nine hours.\n", encoding="utf-8")
    case = tmp_path / "globex-case"
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(case), "--publisher", "The Harbour Gazette", "--parser", "rules"])
    assert result.exit_code == 0, result.output
    (draft_path,) = case.glob("draft-*.yaml")
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    source = draft["sources"][0]["id"]
    (own,) = [a for p in draft["propositions"] for a in p["assertions"] if a["party"] == source]
    assert own["stance"] == "denies"
    assert own["quote"]["exact"] == "about 40,000 staff could not log in for nearly nine hours"
    assert own["quote"]["prefix"].endswith("In fact, ")
