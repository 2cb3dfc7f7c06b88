"""Date phrases a parser finds (its DATE entities) that the date patterns do not know are read with
dateparser against the article's date, and date the incident of their sentence."""

from kg.ingest.dates import find_dates
from kg.ingest.entities import EntityTable
from kg.ingest.events import find_events
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.sentences import split_sentences

TEXT = "Payroll down\n\nThe payroll outage began on 3 March, staff said. Globex apologised on Monday."
PHRASE = (TEXT.index("3 March"), TEXT.index("3 March") + len("3 March"))


def test_a_parser_date_phrase_the_patterns_miss_is_read_against_the_article_date():
    assert [(d.text, d.date) for d in find_dates(TEXT, "2026-03-12")] == [("Monday", "2026-03-09")]
    found = find_dates(TEXT, "2026-03-12", spans=[PHRASE])
    assert [(d.text, d.date) for d in found] == [("3 March", "2026-03-03"), ("Monday", "2026-03-09")]


def test_a_phrase_naming_no_day_or_a_later_one_is_left_out():
    text = "It failed on the 4th and will be fixed in two weeks."
    spans = [(text.index("the 4th"), text.index("the 4th") + 7), (text.index("in two weeks"), text.index("in two weeks") + 12)]
    assert find_dates(text, "2026-03-12", spans=spans) == []


def _incident(date_spans):
    table = EntityTable(TEXT, Gazetteer([]))
    find_events(table, TEXT, split_sentences(TEXT), "2026-03-12", date_spans=date_spans)
    return next(e for e in table.entities.values() if e.type == "Incident")


def test_the_incident_takes_the_date_of_its_own_sentence_never_the_apology_date():
    assert "date" not in _incident(()).fields  # the apology's Monday is not the outage's
    incident = _incident([PHRASE])
    assert (incident.fields["date"], incident.fields["dateText"]) == ("2026-03-03", "3 March")


def test_the_month_an_incidents_own_words_name_dates_it_over_a_weekday_of_another_event():
    text = "Blackout row\n\nThe minister blamed the grid operator on Wednesday for the April blackout, officials said.\n"
    table = EntityTable(text, Gazetteer([]))
    find_events(table, text, split_sentences(text), "2025-06-18")
    incident = next(e for e in table.entities.values() if e.type == "Incident")
    assert (incident.label, incident.fields["notBefore"], incident.fields["notAfter"]) == ("Blackout", "2025-04-01", "2025-04-30")


def test_a_fire_is_an_incident_and_coming_under_fire_is_not():
    text = ("Airport shut\n\nThe airport closed on Friday after a fire at a nearby substation. "
            "Its chief executive came under fire for the decision. Fire crews arrived.\n")
    table = EntityTable(text, Gazetteer([]))
    find_events(table, text, split_sentences(text), "2025-03-22")
    incidents = [e for e in table.entities.values() if e.type == "Incident"]
    assert [(e.label, e.fields.get("date"), [text[a:b] for a, b in e.spans]) for e in incidents] == [("Fire", "2025-03-21", ["fire"])]


def test_a_month_alone_is_the_months_bounds_never_a_day_of_it():
    text = "Row\n\nThe April blackout was discussed.\n"
    at = text.index("April")
    assert [d.case_fields() for d in find_dates(text, "2025-06-18", spans=[(at, at + 5)])] == [
        {"notBefore": "2025-04-01", "notAfter": "2025-04-30", "dateText": "April"}
    ]


def _tree_or_skip(text):
    import pytest

    nlp = pytest.importorskip("kg.ingest.nlp")
    try:
        nlp.load()
    except Exception as e:  # noqa: BLE001 - no model installed here
        pytest.skip(str(e))
    from kg.ingest.date_tree import DateTree

    return DateTree(text)


def test_the_parse_tree_binds_a_date_to_the_event_it_modifies_not_to_the_first_date_of_the_sentence():
    text = ("Still in the dark\n\nThe government was still in the dark on Thursday about the causes of the blackout "
            "that hit the whole peninsula on Monday.\n")
    sentences = split_sentences(text)
    without = EntityTable(text, Gazetteer([]))
    find_events(without, text, sentences, "2025-05-01")
    with_tree = EntityTable(text, Gazetteer([]))
    find_events(with_tree, text, sentences, "2025-05-01", date_tree=_tree_or_skip(text))
    dates = [next(e for e in t.entities.values() if e.type == "Incident").fields for t in (without, with_tree)]
    assert [(d["date"], d["dateText"]) for d in dates] == [("2025-05-01", "Thursday"), ("2025-04-28", "Monday")]


def _incidents_of(text, published, *, tree=False):
    table = EntityTable(text, Gazetteer([]))
    find_events(table, text, split_sentences(text), published, date_tree=_tree_or_skip(text) if tree else None)
    return [e for e in table.entities.values() if e.type == "Incident"]


def test_the_one_day_an_article_writes_inside_an_incidents_month_is_its_day():
    text = ("Blackout row\n\nThe minister blamed the grid operator on Wednesday for the April blackout, officials said. "
            "A voltage surge brought the grid down on April 28, the report found.\n")
    [incident] = _incidents_of(text, "2025-06-18")
    assert (incident.fields.get("date"), incident.fields["dateText"], "notBefore" in incident.fields) == ("2025-04-28", "April 28", False)


def test_two_days_inside_the_month_leave_the_month_a_range():
    text = ("Blackout row\n\nThe minister blamed the grid operator on Wednesday for the April blackout, officials said. "
            "A voltage surge brought the grid down on April 28, and power was back on April 29.\n")
    [incident] = _incidents_of(text, "2025-06-18")
    assert (incident.fields.get("date"), incident.fields["notBefore"], incident.fields["notAfter"]) == (None, "2025-04-01", "2025-04-30")


def test_the_outage_after_another_incident_is_the_outage_named_before_it():
    text = ("Calls blocked\n\nA Globex outage in February blocked calls, the regulator said. Globex disclosed a data breach "
            "last week. The outage of Feb. 22 was caused by a faulty network element, the regulator said.\n")
    incidents = _incidents_of(text, "2024-07-22")
    assert [(e.label, [text[a:b] for a, b in e.spans], e.fields.get("date")) for e in incidents] == [
        ("Globex outage", ["Globex outage", "outage"], "2024-02-22"),
        ("Data breach", ["data breach"], None),
    ]


def test_a_date_the_tree_hangs_from_a_post_or_a_reporting_verb_never_dates_the_incident():
    text = ("Gang claims attack\n\nIn a post on its leak site on Wednesday, the gang took credit for the ransomware attack "
            "on the payments firm. The regulator found on Friday that records were taken.\n")
    [incident] = _incidents_of(text, "2024-02-29", tree=True)
    assert incident.label.lower().endswith("attack")
    assert "date" not in incident.fields and "notBefore" not in incident.fields
    [plain] = _incidents_of(text, "2024-02-29")  # without a tree the post's Wednesday is taken
    assert plain.fields["date"] == "2024-02-28"


def test_an_outage_brought_in_by_a_and_dated_apart_is_another_incident_and_one_dated_alike_is_not():
    text = ("Carrier outage\n\nThe outage of February 22 hit millions of customers. Outages as severe are rare: "
            "a rival paid a fine over a 12-hour, 13-minute outage in June 2020. The carrier had an outage on February 22, it said.\n")
    incidents = {e.label: e for e in _incidents_of(text, "2024-02-26")}
    assert sorted(incidents) == ["13-minute outage in June 2020", "Carrier outage"]
    assert incidents["Carrier outage"].fields["date"] == "2024-02-22"
    earlier = incidents["13-minute outage in June 2020"]
    assert (earlier.fields["notBefore"], earlier.fields["notAfter"]) == ("2020-06-01", "2020-06-30")
    assert [text[a:b] for a, b in earlier.spans] == ["13-minute outage"]


def test_a_change_that_went_wrong_is_an_incident_dated_by_part_of_a_month_and_a_faulty_thing_is_not():
    text = ("Bank under fire\n\nThe regulator attacked the bank after a botched IT upgrade in late April locked customers out. "
            "It failed to update the app. A faulty update was blamed.\n")
    incidents = _incidents_of(text, "2018-06-07")
    assert [(e.label, [text[a:b] for a, b in e.spans]) for e in incidents] == [("IT upgrade", ["IT upgrade"])]
    assert (incidents[0].fields["notBefore"], incidents[0].fields["notAfter"], incidents[0].fields["dateText"]) == (
        "2018-04-20", "2018-04-30", "in late April")


def test_not_since_dates_nothing_that_happened_and_a_reported_date_is_the_reports():
    text = ("Network outage\n\nThe network outage, which the regulator reported on Friday, cut traffic. "
            "The firm has not had an outage that halted most traffic since 2019.\n")
    [incident] = _incidents_of(text, "2025-11-19", tree=True)
    assert not {"date", "notBefore", "notAfter"} & set(incident.fields)


def test_that_evening_is_the_day_written_before_it_and_a_day_after_publication_dates_no_incident():
    # (the first sentence names no incident: "an attack early on ..." is one, dated by its own "June 19")
    text = ("Dealers hit\n\nThe software firm's engineers met early on the morning of June 19. "
            "Later that evening, a second cyber incident occurred. It expects to finish the restoration by July 4.\n")
    [incident] = _incidents_of(text, "2024-06-26")
    assert (incident.fields["date"], incident.fields["dateText"]) == ("2024-06-19", "Later that evening")
    later = "Dealers hit\n\nThe software firm expects to finish work on the hack by July 4, it said.\n"
    [hack] = _incidents_of(later, "2024-07-03")
    assert not {"date", "notBefore", "notAfter"} & set(hack.fields)


def test_a_word_of_telling_inside_another_word_does_not_take_the_incidents_date():
    """"order" inside "border", "call" inside "recall": only whole words own a date."""
    for text in ("Gates down\n\nThe outage closed every border crossing on March 3.\n",
                 "Cars stranded\n\nThe outage began with a software recall on March 3.\n"):
        table = EntityTable(text, Gazetteer([]))
        find_events(table, text, split_sentences(text), "2026-03-12")
        incident = next(e for e in table.entities.values() if e.type == "Incident")
        assert incident.fields.get("date") == "2026-03-03", text


def test_an_attack_told_with_its_date_or_its_target_is_the_incident():
    """"a severe ransomware attack on June 19", "a second attack": one incident, dated; "not caused by a
    sophisticated cyberattack" and "a heart attack" tell none."""
    from kg.ingest.impact import find_impacts

    text = "Dealers hit\n\nThe software firm was struck by a severe ransomware attack on June 19. It said a second attack followed.\n"
    [incident] = _incidents_of(text, "2024-06-26")
    assert incident.fields["date"] == "2024-06-19"
    assert [text[s:e] for s, e in sorted(incident.spans)] == ["a severe ransomware attack", "a second attack"]
    other = ("The outage was not caused by a sophisticated cyberattack. The May 7 DarkSide ransomware attack followed. He had a heart "
             "attack. The gang unleashed a highly automated mass attack on the tool. The critic launched a scathing attack on the board.")
    assert [other[s:e] for s, e, _ in find_impacts(other)] == ["The May 7 DarkSide ransomware attack", "a highly automated mass attack"]
