"""Sentences with offsets, and dates resolved against the publication date."""

import pytest

from kg.ingest.dates import find_dates
from kg.ingest.sentences import split_sentences


def test_offsets_point_back_into_the_text():
    text = "Title line\n\nDr. Roe said it failed. Acme Inc. said no. It is fixed!"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Title line", "Dr. Roe said it failed.", "Acme Inc. said no.", "It is fixed!"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_quote_spanning_two_sentences_stays_with_its_attribution():
    text = "“We moved too fast. We should have waited,” Brandt said. Next one."
    assert [s.text for s in split_sentences(text)] == ["“We moved too fast. We should have waited,” Brandt said.", "Next one."]


def test_company_suffix_ends_a_sentence_only_before_a_new_one():
    text = "It came from Orbis Systems Inc. Orbis rejected that account. Acme Inc. staff were told."
    assert [s.text for s in split_sentences(text)] == ["It came from Orbis Systems Inc.", "Orbis rejected that account.", "Acme Inc. staff were told."]


@pytest.mark.parametrize(
    "words, fields",
    [
        ("on Tuesday", {"date": "2026-03-10", "dateText": "Tuesday"}),
        ("last Thursday", {"date": "2026-03-05", "dateText": "last Thursday"}),
        ("earlier this month", {"notBefore": "2026-03-01", "notAfter": "2026-03-12", "dateText": "earlier this month"}),
        ("last month", {"notBefore": "2026-02-01", "notAfter": "2026-02-28", "dateText": "last month"}),
        ("the third quarter of 2025", {"notBefore": "2025-07-01", "notAfter": "2025-09-30", "dateText": "the third quarter of 2025"}),
        ("since the third quarter of 2025", {"notBefore": "2025-07-01", "notAfter": "2026-03-12", "dateText": "since the third quarter of 2025"}),
        ("March 3, 2026", {"date": "2026-03-03", "dateText": "March 3, 2026"}),
        ("yesterday", {"date": "2026-03-11", "dateText": "yesterday"}),
        ("in November", {"notBefore": "2025-11-01", "notAfter": "2025-11-30", "dateText": "in November"}),
        ("between 2 and 4 March", {"notBefore": "2026-03-02", "notAfter": "2026-03-04", "dateText": "between 2 and 4 March"}),
        ("on March 2-4", {"notBefore": "2026-03-02", "notAfter": "2026-03-04", "dateText": "March 2-4"}),
        ("from February 27 to March 2", {"notBefore": "2026-02-27", "notAfter": "2026-03-02", "dateText": "from February 27 to March 2"}),
        ("from 30 December to 2 January 2026", {"notBefore": "2025-12-30", "notAfter": "2026-01-02", "dateText": "from 30 December to 2 January 2026"}),
        ("on bank holiday Monday", {"date": "2026-03-09", "dateText": "bank holiday Monday"}),
        ("in late February", {"notBefore": "2026-02-20", "notAfter": "2026-02-28", "dateText": "in late February"}),
        ("mid-January 2026", {"notBefore": "2026-01-10", "notAfter": "2026-01-20", "dateText": "mid-January 2026"}),
        ("over the weekend", {"notBefore": "2026-03-07", "notAfter": "2026-03-08", "dateText": "over the weekend"}),
        ("over the holiday weekend", {"notBefore": "2026-03-06", "notAfter": "2026-03-09", "dateText": "over the holiday weekend"}),
        # Every number word of kg.figures.NUMBER_WORDS counts, not a list spelled out beside it.
        ("eleven days ago", {"date": "2026-03-01", "dateText": "eleven days ago"}),
        ("twelve days ago", {"date": "2026-02-28", "dateText": "twelve days ago"}),
        ("over the past five days", {"notBefore": "2026-03-07", "notAfter": "2026-03-12", "dateText": "over the past five days"}),
    ],
)
def test_dates_resolve_against_the_publication_date(words, fields):
    (found,) = find_dates(f"It happened {words}.", "2026-03-12")  # a Thursday
    assert found.case_fields() == fields


def test_relative_dates_without_a_publication_date_keep_only_their_text():
    (found,) = find_dates("It failed on Tuesday.")
    assert found.case_fields() == {"dateText": "Tuesday"}
