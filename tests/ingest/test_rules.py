"""Each extraction rule on small sentences: incidents, safeguards, documents,
attributions with their stance, and open questions."""

import pytest

from kg.ingest.extract import extract


def claims(text, **kwargs):
    x = extract(text, **kwargs)
    return [(c.party.label if c.party else None, c.stance, c.proposition) for c in x.claims]


def of_type(text, type_, published=None):
    x = extract(text, published=published)
    return [e for e in x.table.entities.values() if e.type == type_]


# ------------------------------------------------------------------ events

def test_a_cause_denied_or_ruled_out_is_no_incident_and_a_cause_that_happened_is():
    text = ("The payments outage was not caused by a cyberattack, the bank said. Officials had ruled out a "
            "cyberattack early. \"It was not caused, directly or indirectly, by a cyber attack,\" she said.")
    (incident,) = of_type(text, "Incident")
    assert [text[s:e] for s, e in incident.spans] == ["payments outage"]
    (fire,) = of_type("The airport shut because of a fire at a substation.", "Incident")
    assert fire.label.lower() == "fire"


def test_incident_with_effects_count_and_date():
    (incident,) = of_type(
        "Acme's payments outage began on Tuesday. Customers were unable to check out, view prices, or access accounts. "
        "More than 22, 000 users reported problems.",
        "Incident",
        published="2026-03-12",
    )
    assert incident.label == "Payments outage"
    assert incident.fields["date"] == "2026-03-10" and incident.fields["dateText"] == "Tuesday"
    assert incident.fields["reportCount"] == 22000
    assert incident.fields["reportCountText"] == "More than 22, 000 users"
    assert len(incident.fields["effects"]) == 3


def test_a_bare_mention_refers_back_to_the_last_incident():
    incidents = of_type("The payments outage hit Acme. The outage lasted an hour. After the outage, staff left.", "Incident")
    assert [(i.label, len(i.spans)) for i in incidents] == [("Payments outage", 3)]


def test_a_modifier_noun_is_not_an_incident():
    assert of_type("Users went to an outage tracker and read the incident report.", "Incident") == []


def test_a_trend_of_incidents():
    assert [e.label for e in of_type("A trend of incidents began in 2025.", "IncidentTrend")] == ["Trend of incidents"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Changes need senior sign-off on AI-assisted changes now.", "Senior sign-off on AI-assisted changes"),
        ("It skipped the two-person approval.", "Two-person approval"),
        ("It adds internal guardrails.", "Internal guardrails"),
        ("The change had not passed the clinical safety review.", "Clinical safety review"),
        ("There were no suitable safeguards.", "Suitable safeguards"),
        ("Acme rolled out safeguards after the breach.", "Safeguards"),
        ("The firm put in place stricter controls.", "Stricter controls"),
    ],
)
def test_safeguard_phrases(text, label):
    assert [e.label for e in of_type(text, "Safeguard")] == [label]


def test_near_paraphrases_of_a_safeguard_are_one_item_with_aliases():
    text = ("Globex plans tighter controls. It wants tightened controls and additional approvals. "
            "Approval requirements and engineering controls grew, and the controls held. Staff skipped the code review process.")
    found = [(e.label, e.aliases) for e in of_type(text, "Safeguard")]
    assert found == [("Tighter controls", ["Tightened controls", "Engineering controls"]),
                     ("Additional approvals", ["Approval requirements"]), ("Code review process", [])]


def test_verbs_and_tools_are_not_safeguards():
    assert of_type("The board would review the plan. They used an AI code review tool.", "Safeguard") == []


def test_a_reported_internal_document_and_its_later_mentions():
    (memo,) = of_type("An internal memo seen by the Daily Wire said tests were skipped. The memo said more.", "InternalDocument")
    assert memo.label == "Internal memo seen by the Daily Wire"
    assert len(memo.spans) == 2


# ------------------------------------------------------------------ attributions and stance

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Globex said the outage was caused by a configuration push.", ("Globex", "asserts", "The outage was caused by a configuration push.")),
        ("Globex confirmed the outage was caused by a configuration push.", ("Globex", "confirms", "The outage was caused by a configuration push.")),
        ("Globex said none involved AI-written code.", ("Globex", "denies", "At least one involved AI-written code.")),
        ("Globex confirmed Amazon Web Services was not involved.", ("Globex", "denies", "Amazon Web Services was involved.")),
        ("Globex disputed that engineers must get sign-off.", ("Globex", "disputes", "Engineers must get sign-off.")),
        ("Globex denied that any data was lost.", ("Globex", "denies", "Any data was lost.")),
        ("Globex said only one incident was related to AI.", ("Globex", "narrows", "More than one incident was related to AI.")),
    ],
)
def test_stance_from_verb_and_negation(text, expected):
    assert claims(text) == [expected]


def test_negation_in_a_relative_clause_or_after_but_does_not_deny():
    assert claims("The Road Safety Agency said it had received 140 reports of cars that would not start.")[0][1] == "asserts"
    assert claims("Globex said the change passed checks but had not been reviewed.")[0][1] == "asserts"


def test_did_not_say_whether_is_a_hedge_and_a_question():
    x = extract("Globex did not say whether customers would be refunded.")
    assert [(c.party.label, c.stance, c.proposition) for c in x.claims] == [("Globex", "hedges", "Customers would be refunded.")]
    assert [q.asks for q in x.questions] == ["Would customers be refunded?"]


def test_according_to_and_trailing_attribution():
    assert claims("According to Globex, the push was routine.") == [("Globex", "asserts", "The push was routine.")]
    assert claims("The push was routine, Globex said.") == [("Globex", "asserts", "The push was routine.")]


def test_inverted_quote_spanning_sentences_and_continuation():
    text = "Jane Roe, a manager at Globex, spoke. “We moved too fast. We know why,” Roe said. “We are sorry.”"
    # The parser reads a claim per quoted sentence; the regular expressions keep the quotation whole.
    assert claims(text, parser="spacy") == [
        ("Jane Roe", "asserts", "We moved too fast."),
        ("Jane Roe", "asserts", "We know why."),
        ("Jane Roe", "asserts", "We are sorry."),
    ]
    assert claims(text, parser="rules") == [
        ("Jane Roe", "asserts", "We moved too fast. We know why."),
        ("Jane Roe", "asserts", "We are sorry."),
    ]


def test_each_sentence_of_a_quotation_keeps_its_own_negation_and_its_words():
    text = "“The outage was not caused by AI. We did not test the fix,” a Globex spokesperson said."
    assert claims(text, parser="spacy") == [
        ("Globex spokesperson", "denies", "The outage was caused by AI."),
        ("Globex spokesperson", "asserts", "We did not test the fix."),  # the speaker's words of itself, as they stand
    ]


def test_pronouns_and_descriptions_resolve_to_the_last_fitting_speaker():
    text = "Jane Roe, a manager at Globex Corp., spoke first. She said the fix worked. The company said it was sorry."
    assert claims(text) == [("Jane Roe", "asserts", "The fix worked."), ("Globex Corp.", "asserts", "Globex Corp. was sorry.")]


def test_a_spokesperson_is_an_unnamed_person_of_the_organization():
    x = extract("Globex Corp. grew. A Globex spokesperson said the system was stable.")
    (claim,) = x.claims
    assert claim.party.label == "Globex Corp. spokesperson"
    assert claim.party.fields["memberOf"] == x.table.by_name("Globex Corp.").key


def test_a_document_speaks_with_via_and_nested_named_speech_goes_inward():
    x = extract("An internal memo seen by the Daily Wire said tests were skipped. According to the memo, Jane Roe, a manager, told staff that the push was rushed.")
    first, second = x.claims
    assert (first.party.label, [v.label for v in first.via]) == ("Internal memo seen by the Daily Wire", ["Internal memo seen by the Daily Wire"])
    assert (second.party.label, second.proposition, [v.label for v in second.via]) == ("Jane Roe", "The push was rushed.", ["Internal memo seen by the Daily Wire"])


def test_an_authored_document_speaks_for_its_author():
    x = extract("Dave Treadwell, a senior vice president, spoke. Treadwell's internal message said reviews would be added.")
    (claim,) = [c for c in x.claims if c.via]
    assert claim.party.label == "Dave Treadwell"


def test_rejecting_that_account_takes_a_stance_on_the_claim_before():
    x = extract("Halcyon Air said the failure was caused by an update. Orbis Labs rejected that account.")
    first, second = x.claims
    assert (second.party.label, second.stance, second.target) == ("Orbis Labs", "denies", first)
    assert second.proposition == first.proposition


def test_reportedly_lowers_confidence():
    plain, hedged = extract("Globex said the fix worked. Globex said the fix reportedly worked.").claims
    assert hedged.confidence < plain.confidence


def test_it_refers_to_the_organization_that_spoke_last_not_to_any_name():
    assert claims("Globex Corp. grew. The company said X was late. It said Y was fixed.")[1][0] == "Globex Corp."
    assert claims("Acme Labs met Globex Corp. The context does not include the remarks, but it confirms he warned them.") == []


def test_rejecting_the_claim_that_x_denies_x():
    assert claims("Globex Corp. rejected the claim that AI-written code was involved.") == [("Globex Corp.", "denies", "AI-written code was involved.")]


def test_a_headlines_short_name_is_the_full_name_the_story_gives():
    text = "Orbis paid the ransom, company says\n\nOrbis Health Group said it paid a ransom to protect patient data."
    orgs = [(e.label, sorted(e.aliases)) for e in extract(text).table.entities.values() if e.type == "Organization"]
    assert orgs == [("Orbis Health Group", ["Orbis"])]


def test_an_organization_described_right_after_it_spoke_is_that_organization():
    text = ("On Wednesday, the Orbis Group took credit for the attack on Globex. "
            "The Lisbon-based ransomware and extortion gang claimed to have stolen the records of millions of patients.")
    assert [party for party, _, _ in claims(text, parser="spacy")] == ["Orbis Group", "Orbis Group"]


def test_an_unnamed_individual_at_a_sentences_start_is_the_one_met_before():
    text = ("Researchers found a post by an affiliate who said they had left the group.\n\n"
            "The affiliate also claimed to have been cheated out of the money.")
    assert claims(text, parser="spacy")[-1] == ("Affiliate (unnamed)", "asserts", "The affiliate had been cheated out of the money.")


@pytest.mark.parametrize("text, expected", [
    ("Jane Roe was adamant that the fix was live.", [("Jane Roe", "asserts", "The fix was live.")]),
    ("Globex is confident the outage will not recur.", [("Globex", "denies", "The outage will recur.")]),
    ("It is clear that the fix was live.", []),
    ("Jane Roe was not sure whether the fix was live.", []),
])
def test_a_party_certain_of_a_clause_claims_it(text, expected):
    assert claims(text, parser="spacy") == expected


def test_a_question_put_before_the_speaker_is_no_part_of_the_speakers_name():
    text = "Asked whether staff were warned, Jane Roe said they had been told twice."
    assert [party for party, _, _ in claims(text, parser="rules")] == ["Jane Roe"]


def test_the_force_is_the_police_named_before_and_the_spokesperson_the_person_who_spoke():
    text = ("The Kestrel Police is no longer treating the fire as suspicious. The force said on Tuesday it had found "
            "no evidence of foul play.\n\n"
            "\"We are working with the police,\" Tom Hale, a vice president at Globex, said in a statement. "
            "\"There is no sign that other systems were hit,\" the spokesperson said.")
    parties = [party for party, _, _ in claims(text, parser="spacy")]
    assert parties == ["Kestrel Police", "Tom Hale", "Tom Hale"]


def test_a_name_with_an_ampersand_is_kept_whole_and_a_headline_month_is_the_same_incident():
    text = "March P&O outage stranded 9,000 passengers, regulator says\n\nA P&O outage in March stranded more than 9,000 passengers."
    assert [(e.label, len(e.spans)) for e in of_type(text, "Incident")] == [("March P&O outage", 2)]


def test_a_short_form_is_the_company_not_the_union_named_after_it():
    text = ("Captain Jane Roe of the Northline Airlines Pilots Association spoke first. Northline Airlines cancelled "
            "2,000 flights. Northline said on Thursday it expected to fly normally by Friday.")
    orgs = {e.label: [text[a:b] for a, b in e.spans] for e in of_type(text, "Organization")}
    assert orgs["Northline Airlines Pilots Association"] == ["Northline Airlines Pilots Association"]
    assert orgs["Northline Airlines"] == ["Northline Airlines", "Northline"]
    assert claims(text)[-1][0] == "Northline Airlines"


def test_the_rules_only_reporting_verbs_are_one_table_of_named_rows():
    """Which written verbs take an object and which only a document speaks with are flags of one row per
    lemma, not lists beside it; each lemma the parse knows carries the same stance there."""
    from kg.ingest import attribution
    from kg.ingest.speech_tree import LEMMAS

    forms = [form for row in attribution.AFFIRMING for form in row.forms]
    assert len(forms) == len(set(forms))
    assert attribution._DOC_VERBS == {f for row in attribution.AFFIRMING if row.document for f in row.forms} >= {"showed", "revealed"}
    assert attribution._OBJECT_VERBS == {f for row in attribution.AFFIRMING if row.takes_object for f in row.forms} >= {"described", "reported"}
    assert all(LEMMAS.get(row.lemma, "asserts") == "asserts" for row in attribution.AFFIRMING)
    # A verb of the object row takes a noun phrase as its claim, one of no row does not.
    assert claims("Globex described the new timetable.", parser="rules") == [("Globex", "asserts", "The new timetable.")]
    assert claims("Globex announced the new timetable.", parser="rules") == []


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_an_ed_adjective_is_no_verb_so_a_noun_phrase_after_said_is_no_claim(parser):
    # "affected", "detailed" after a determiner modify a noun: "the affected customers" says nothing.
    assert claims("Globex said the affected customers.", parser=parser) == []
    assert claims("Jane Roe announced a detailed report.", parser=parser) == []
    assert claims("Globex said the affected customers were refunded.", parser=parser) == [
        ("Globex", "asserts", "The affected customers were refunded.")]


def test_where_the_parser_runs_it_tells_a_participle_from_a_verb():
    # The parse reads "affected" as a participle of "customers", with no tense of its own; the rules alone cannot.
    assert claims("Globex said the customers affected by the outage.", parser="spacy") == []
    assert claims("Globex said the customers affected the outage.", parser="spacy") == [
        ("Globex", "asserts", "The customers affected the outage.")]


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_a_generational_suffix_is_part_of_a_name_and_a_place_after_of_is_no_speaker(engine):
    text = ("\"We are deeply sorry,\" chief executive Joseph Blount Jr. said. Later, Blount took questions. "
            "\"We need answers,\" Reps. Bennie Thompson of Mississippi and Carolyn Maloney of New York said.")
    x = extract(text, parser=engine)
    people = {e.label: [text[s:t] for s, t in e.spans] for e in x.table.entities.values() if e.type == "Person"}
    assert people["Joseph Blount Jr."] == ["Joseph Blount Jr.", "Blount"]
    assert "New York" not in people and not [e for e in x.table.entities.values() if e.label == "Blount"]


@pytest.mark.parametrize("engine", ["rules", "spacy"])
def test_according_to_a_name_with_a_companys_title_is_a_person(engine):
    text = "An engineer mistyped a command, according to Santosh Janardhan, Globex's vice president of engineering. Globex said so."
    x = extract(text, parser=engine)
    assert ("Person", "Santosh Janardhan") in {(e.type, e.label) for e in x.table.entities.values()}


def test_a_preposition_before_an_incident_is_no_part_of_its_name():
    x = extract("Globex loses billions amid Orbis outage\n\nThe Orbis outage lasted six hours, Orbis said.\n", parser="rules")
    assert [e.label for e in x.table.entities.values() if e.type == "Incident"] == ["Orbis outage"]


def test_the_plural_of_an_incident_after_it_is_a_mention_and_a_plural_alone_makes_none():
    text = ("Bank meltdown\n\nThe bank's online banking meltdown locked customers out. MPs criticised his handling of "
            "the IT failures that followed.\n")
    [incident] = [e for e in extract(text, parser="rules").table.entities.values() if e.type == "Incident"]
    assert [text[s:e] for s, e in sorted(incident.spans)][-1] == "IT failures"
    assert not [e for e in extract("Outages are rare, the regulator said.", parser="rules").table.entities.values() if e.type == "Incident"]


def test_a_part_of_a_set_of_incidents_is_no_mention_of_one():
    text = "Bank meltdown\n\nThe bank's online banking meltdown locked customers out. It said none of the outages involved fraud.\n"
    [incident] = [e for e in extract(text, parser="rules").table.entities.values() if e.type == "Incident"]
    assert "outages" not in [text[s:e] for s, e in incident.spans]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_fire_is_its_own_incident_and_the_outages_mechanism(parser):
    # Not a mention of the outage named in the same sentence: an event of its own, linked as its cause.
    x = extract("The Globex payroll outage on Monday came after a fire at its data centre, Globex said. "
                "The outage lasted six hours.", published="2026-03-12", parser=parser)
    incidents = {e.label: e for e in x.table.entities.values() if e.type == "Incident"}
    assert sorted(incidents) == ["Fire", "Globex payroll outage"]
    assert incidents["Globex payroll outage"].fields["mechanism"] == [incidents["Fire"].key]
    assert len(incidents["Globex payroll outage"].spans) == 2  # "The outage" is the outage, not the fire
    # What the outage was, or was not, is no second event: "was not a fire", "rather than a fire".
    for text in ("Globex said the payroll outage was not a fire.",
                 "Globex said the payroll outage was caused by a power cut rather than a fire."):
        assert [e.label for e in of_type(text, "Incident")] == ["Payroll outage"]


def test_the_draft_names_the_cause_of_an_outage_as_its_mechanism(tmp_path):
    from click.testing import CliRunner

    import yaml

    from kg.cli import cli

    article = tmp_path / "a.txt"
    article.write_text("Globex outage\n\nThe Globex payroll outage on Monday came after a fire at its data centre, Globex said.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "globex"), "--date", "2026-03-12"])
    assert result.exit_code == 0, result.output
    (draft,) = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "globex").glob("draft-*.yaml")]
    incidents = {e["label"]: e for e in draft["entities"] if e["type"] == "Incident"}
    assert incidents["Globex outage"]["mechanism"] == [incidents["Fire"]["id"]]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_first_name_alone_is_the_one_person_of_that_first_name_named_before(parser):
    text = ('Energy Secretary Ed Miliband visited the control room on Monday. "We will get to the bottom of this," Ed said.')
    assert claims(text, parser=parser) == [("Ed Miliband", "asserts", "We will get to the bottom of this.")]
    assert [e.label for e in extract(text, parser=parser).table.entities.values() if e.label == "Ed"] == []
    # Two people of that first name named before it: the first name alone is neither of them.
    two = ('Lyn Montgomery and Lyn Hart, both pilots, spoke first. "The outage was avoidable," Lyn said.')
    assert not any(party in ("Lyn Montgomery", "Lyn Hart") for party, _, _ in claims(two, parser=parser))
