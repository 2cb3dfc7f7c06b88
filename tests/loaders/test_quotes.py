"""kg/loaders/quotes.py: quotes are matched exactly; the error says why one was not found."""

from __future__ import annotations

from kg.loaders.quotes import locate, loose_find, nearest_passage, quote_not_found

TEXT = 'Globex said the outage was caused by "a routine configuration push" and no data was lost.'


def test_locate_honours_prefix_and_suffix():
    assert locate("one two one three", "one", suffix=" three") == 8
    assert locate("one two one three", "one", prefix="x") is None


def test_curly_quotes_and_whitespace_are_not_normalised_but_named():
    exact = "\u201ca routine\n configuration push\u201d"
    assert locate(TEXT, exact) is None  # exact matching: nothing normalised
    start, end = loose_find(TEXT, exact)
    assert TEXT[start:end] == '"a routine configuration push"'
    message = quote_not_found(TEXT, "wire.txt", "wire", exact, "", "")
    assert message.endswith("the document has '\"a routine configuration push\"', which differs only in curly quotes "
                            "or whitespace: quotes are matched exactly, so copy the document's characters")


def test_a_quote_far_from_the_text_gets_the_nearest_passage():
    assert nearest_passage(TEXT, "no data were lost") == "and no data was lost"
    assert quote_not_found(TEXT, None, "wire", "no data were lost", "", "").endswith("the nearest passage is 'and no data was lost'")


def test_a_quote_with_nothing_near_gets_no_suggestion():
    assert nearest_passage(TEXT, "zzzz qqqq") is None
