"""Known names from the case, and new name candidates by rule."""

from kg.ingest.entities import Entity
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer, Known, read_case_folder
from kg.ingest.name_matches import near_matches

KNOWN = [
    Known("amazon", "Organization", "Amazon"),
    Known("aws", "OrganizationalUnit", "AWS"),
    Known("treadwell", "Person", "Dave Treadwell"),
    Known("kcl", "Organization", "King's College London"),
    Known("q", "AISystem", "Q", ("Amazon Q",)),
]


def found(text):
    return [(m.text, m.id, m.how) for m in Gazetteer(KNOWN).find(text)]


def test_names_match_across_case_possessives_and_apostrophes():
    assert found("AMAZON's store and amazon’s app at King’s College London") == [
        ("AMAZON", "amazon", "exact"),
        ("amazon", "amazon", "exact"),
        ("King’s College London", "kcl", "exact"),
    ]


def test_short_all_capital_names_match_only_in_capitals():
    assert found("AWS said aws and Q said q, not Q3.") == [("AWS", "aws", "exact"), ("Q", "q", "exact")]


def test_a_surname_alone_links_only_after_the_full_name():
    assert found("Treadwell spoke. Dave Treadwell said so. Treadwell agreed.") == [
        ("Dave Treadwell", "treadwell", "exact"),
        ("Treadwell", "treadwell", "surname"),
    ]


def test_case_folder_is_read_with_drafts_and_digests(fixtures):
    index = read_case_folder(fixtures / "initech")
    assert index.slug == "initech"
    assert {k.id for k in index.known} >= {"initech", "acs", "lumbergh", "payroll-outage", "first-report"}
    assert index.sha256 == {"ab" * 32: "first-report"}


def entities(text):
    x = extract(text)
    return {(e.label, e.type) for e in x.table.entities.values() if e.type not in ("Effect",)}


def test_people_need_a_cue():
    assert entities("Chief executive Maria Lopez said it worked.") >= {("Maria Lopez", "Person")}
    assert entities("Dr. Owen Pryce left.") == {("Owen Pryce", "Person")}
    assert entities("Marcus Idowu, an analyst at Fenwick Research, spoke.") == {("Marcus Idowu", "Person"), ("Fenwick Research", "Organization")}
    assert entities("Green Park Gate opened.") == set()


def test_job_title_is_kept():
    x = extract("Helena Brandt, the bank's chief technology officer, said it broke.")
    (person,) = [e for e in x.table.entities.values() if e.type == "Person"]
    assert person.fields["jobTitle"] == "Chief technology officer"


def test_organizations_by_suffix_department_and_description():
    assert entities("Orbis Systems Inc. and the Department of Computer Science at Pinewood University met.") == {
        ("Orbis Systems Inc.", "Organization"),
        ("Department of Computer Science", "OrganizationalUnit"),
        ("Pinewood University", "Organization"),
    }
    assert ("BALPA-North", "Organization") in entities("The pilots' union, BALPA-North, disputed it.")


def test_a_surname_or_first_word_alone_refers_back():
    x = extract("Helena Brandt, a manager, said so. Later Brandt said more. Orbis Systems Inc. agreed and Orbis said so.")
    by_label = {e.label: e for e in x.table.entities.values()}
    assert len(by_label["Helena Brandt"].spans) == 2
    assert "Orbis" in by_label["Orbis Systems Inc."].aliases


def test_ai_systems_and_systems():
    assert ("Q", "AISystem") in entities("One disruption was tied to its AI coding assistant Q.")
    assert ("CareFlow", "AISystem") in entities("A change to CareFlow, the group's AI scheduling assistant, failed.")
    assert ("SkyGate", "System") in entities("Its check-in system, SkyGate, failed.")


def test_a_near_match_is_a_candidate_not_a_merge():
    candidate = Entity("new:1", "Organization", "Amazon Web Services")
    assert [k.id for k in near_matches(candidate, KNOWN)] == ["aws"]
    assert near_matches(Entity("new:2", "Person", "David Treadwell"), KNOWN)[0].id == "treadwell"
    assert near_matches(Entity("new:3", "Organization", "Pinewood"), KNOWN) == []


def test_an_agency_with_and_in_its_name_and_a_faculty_of_a_university():
    from kg.ingest.extract import extract

    text = ("The Securities and Exchange Commission and the Cybersecurity and Infrastructure Security Agency were told. "
            "A study by the Faculty of Engineering of the University of Porto disagreed.")
    x = extract(text, parser="spacy")
    labels = {e.label: e for e in x.table.entities.values()}
    assert {"Securities and Exchange Commission", "Cybersecurity and Infrastructure Security Agency", "University of Porto"} <= set(labels)
    assert labels["Faculty of Engineering"].fields["unitOf"] == labels["University of Porto"].key


def test_a_pronoun_at_a_sentences_start_is_no_organization():
    from kg.ingest.extract import extract

    x = extract("Nobody said the outage was planned. Several warned that it would recur.", parser="spacy")
    assert not [e.label for e in x.table.entities.values() if e.type == "Organization"]
