"""The news frames issue 3/7 lists, each on a sentence written for the test."""

import pytest

from kg.ingest.extract import extract


def _entities(x):
    return {(e.type, e.label) for e in x.table.entities.values()}


def _claims(x):
    return [(c.party.label, c.stance, c.proposition) for c in x.claims if c.party is not None]


def _incident(x):
    return next(e for e in x.table.entities.values() if e.type == "Incident")


def test_a_date_in_the_clause_of_the_impact_dates_the_incident_not_a_letters_weekday():
    x = extract("Globex fans were stuck outside for an hour on Saturday, when the Globex ticket app went down. "
                "In a letter dated Monday, fans asked for refunds.", published="2026-05-13")
    assert _incident(x).fields["date"] == "2026-05-09"


@pytest.mark.parametrize("text, date", [
    ("The outage on March 5 hit Initech's payroll system. Initech said on Tuesday that it had fixed it.", "2026-03-05"),
    ("Acme filed a lawsuit on Monday over the crash, which happened on Friday.", "2026-03-06"),
])
def test_an_explicit_date_wins_and_a_lawsuits_or_statements_weekday_never_does(text, date):
    assert _incident(extract(text, published="2026-03-12")).fields["date"] == date


def test_earlier_this_month_gives_bounds():
    fields = _incident(extract("A second outage earlier this month lasted 40 minutes, Acme said.", published="2026-04-22")).fields
    assert (fields["notBefore"], fields["notAfter"], fields.get("date")) == ("2026-04-01", "2026-04-22", None)


def test_company_possessives_law_firms_and_judges():
    x = extract("CrowdStrike's Michael Carlinsky said the update was tested. Judge Teresa Vandermeer of the District Court "
                "for Corrin County fined Harlow & Pike LLP. Ruben Castell of Castell Doyle LLP said his client lost weeks.",
                published="2026-03-12")
    found = _entities(x)
    assert {("Person", "Michael Carlinsky"), ("Organization", "CrowdStrike"), ("Person", "Teresa Vandermeer"),
            ("Organization", "District Court for Corrin County"), ("Organization", "Harlow & Pike LLP"),
            ("Person", "Ruben Castell"), ("Organization", "Castell Doyle LLP")} <= found
    assert not any("Strike's" in label or " of " in label and t == "Person" for t, label in found)
    by_label = {e.label: e for e in x.table.entities.values()}
    assert by_label["Michael Carlinsky"].fields["memberOf"] == by_label["CrowdStrike"].key
    assert by_label["Ruben Castell"].fields["memberOf"] == by_label["Castell Doyle LLP"].key


def test_negation_and_coordination_make_two_claims():
    x = extract("Amazon said only one incident was AI-related and none involved AI-written code.", published="2026-03-12")
    assert [(p, s) for p, s, _ in _claims(x)] == [("Amazon", "narrows"), ("Amazon", "denies")]
    assert not any("There is any" in text for _, _, text in _claims(x))


COORDINATED_QUOTE = "Amazon said: “only one incident was AI-related and none involved AI-written code.”"


def test_a_coordinated_quote_is_never_split():
    """Inside a quotation, 'X and none Y' is one claim by the speaker, on the quoted words whole:
    asserted in the speaker's own words, neither split, nor narrowed to "more than one", nor denied."""
    for parser in ("spacy", "rules"):
        (claim,) = extract(COORDINATED_QUOTE, published="2026-03-12", parser=parser).claims
        assert claim.party.label == "Amazon"
        assert COORDINATED_QUOTE[claim.start : claim.end] == "only one incident was AI-related and none involved AI-written code"
        assert (claim.stance, claim.proposition) == ("asserts", "Only one incident was AI-related and none involved AI-written code.")


def test_that_is_false_denies_the_earlier_claims_proposition():
    x = extract("Globex said the outage was caused by a faulty update. That is false, a Globex Workers Union spokesperson said.",
                published="2026-03-12")
    claims = _claims(x)
    assert claims[0] == ("Globex", "asserts", "The outage was caused by a faulty update.")
    assert claims[1] == ("Globex Workers Union spokesperson", "denies", "The outage was caused by a faulty update.")
    assert x.claims[1].target is x.claims[0]


def test_the_article_and_reports_speak_for_themselves():
    x = extract("The article says Amazon had tightened approvals. Reports indicate that the change was deployed without approval.",
                published="2026-03-12")
    assert [(p, s) for p, s, _ in _claims(x)] == [("The article", "asserts"), ("Reports", "asserts")]


def test_unnamed_sources_are_unnamed_people():
    x = extract("Four people familiar with the matter said the change was rushed.", published="2026-03-12")
    person = next(e for e in x.table.entities.values() if e.type == "Person")
    assert person.generic and person.label == "Four people familiar with the matter (unnamed)"
    assert _claims(x)[0][0] == person.label


def test_ai_products_and_publications():
    x = extract("Replit's agent deleted the database, the founder said. Fortune reported that the outage cost $40 million.",
                published="2026-03-12")
    assert {("AISystem", "Replit's agent"), ("Organization", "Replit"), ("Organization", "Fortune")} <= _entities(x)


def test_update_labels_and_headings_are_not_entities():
    x = extract("Key points:\nUPDATE: Globex restored service by default.\n", published="2026-03-12")
    labels = {label for _, label in _entities(x)}
    assert not labels & {"Key", "Key points", "UPDATE", "Update"}
    assert not any(t == "Incident" for t, _ in _entities(x))


def test_the_main_incident_takes_the_leads_date_when_its_own_sentences_have_none():
    x = extract("Globex outage angers traders\n\nTraders lost money on March 3 as prices froze across the Globex platform. "
                "The outage is under review.", published="2026-03-12")
    assert _incident(x).fields["date"] == "2026-03-03"


def test_a_verdict_on_a_named_figure_denies_the_claim_before_it():
    x = extract("Adjusters said they were expected to sign off on 300 recommendations an hour. "
                "BrightShield's Victoria Lang said the figure of 300 an hour was \"simply wrong.\"", published="2026-03-12")
    assert _claims(x)[1] == ("Victoria Lang", "denies", "They were expected to sign off on 300 recommendations an hour.")


def test_a_colon_frame_quotes_the_words_after_the_colon():
    x = extract('Raymond Tsai said in a statement: "Our access was protected at all times."', published="2026-03-12")
    assert x.text[x.claims[0].start:x.claims[0].end] == "Our access was protected at all times"
