"""One reader of figures in text (kg.figures) under both wings' views: ingest's claims, identity's labels."""

from __future__ import annotations

from kg.analysis.level_quantities import figures
from kg.figures import read_figures
from kg.ingest.figures import figure_units, numbers_in


def test_a_day_written_before_its_month_is_no_figure_in_either_view():
    text = "The committee heard him on 2 May; 40,000 customers complained."
    assert numbers_in(text) == {"40000"}
    assert [u for _, _, u in figure_units(text)] == ["count:customer"]
    assert figures(text) == (("count", 40000.0),)


def test_per_cent_written_as_two_words_is_a_share_in_either_view():
    text = "Capacity fell by 85 per cent"
    assert numbers_in(text) == {"85%"}
    assert [u for _, _, u in figure_units(text)] == ["%"]
    assert figures(text) == (("percent", 85.0),)


def test_a_count_with_a_thousands_comma_is_no_year():
    text = "more than 2,000 cancelled flights in 2023"
    assert numbers_in(text) == {"2000"}
    assert figures(text) == (("count", 2000.0),)
    assert [(f.value, f.dated) for f in read_figures(text)] == [(2000.0, None), (2023.0, "year")]


def test_identity_leaves_out_number_words_and_glued_digits_that_ingest_reads():
    text = "about ten 5xx errors"
    assert numbers_in(text) == {"10", "5"}
    assert figures(text) == ()


def test_hundred_multiplies_the_number_word_before_it():
    # "two hundred flights" is 200 flights, not 2; so it states the figure "about 200 flights" states.
    assert numbers_in("Two hundred flights were cancelled.") == numbers_in("About 200 flights were cancelled.") == {"200"}
    assert numbers_in("a hundred staff and three hundred thousand customers") == {"100", "300000"}
    assert [u for _, _, u in figure_units("Two hundred flights were cancelled.")] == ["count:flight"]
