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
