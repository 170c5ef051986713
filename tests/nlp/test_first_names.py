"""The first-name table: how it is built from birth counts, and what it answers."""

from __future__ import annotations

from bot.nlp.speakers.first_names import MIN_BIRTHS, build, first_name_gender


def test_a_name_mostly_given_to_one_sex_takes_that_sex():
    rows = [["first_name", "sex", "count", "year_of_birth"],
            ["Orla", "F", str(MIN_BIRTHS), "1990"], ["Orla", "M", "3", "1991"],
            ["brannock", "m", str(MIN_BIRTHS // 2), "1950"], ["Brannock", "M", str(MIN_BIRTHS), "1960"]]
    assert build(rows) == {"orla": "f", "brannock": "m"}


def test_a_name_shared_by_both_sexes_or_rarely_given_is_left_out():
    rows = [["Sable", "F", str(MIN_BIRTHS)], ["Sable", "M", str(MIN_BIRTHS // 2)],
            ["Quillon", "M", str(MIN_BIRTHS - 1)], ["Mary-Jo", "F", str(MIN_BIRTHS)]]
    assert build(rows) == {}


def test_the_shipped_table_answers_common_names_and_not_shared_ones():
    assert first_name_gender("Margaret") == "f"
    assert first_name_gender("THOMAS") == "m"
    assert first_name_gender("Jordan") is None
    assert first_name_gender("Xq") is None


def test_a_name_mostly_given_to_the_other_sex_in_a_decade_of_adults_is_left_out():
    rows = [["Wrenley", "M", "800", "1950"], ["Wrenley", "F", "200", "1951"],
            ["Wrenley", "F", "60000", "1985"],
            ["Tamsin", "M", "150", "1940"], ["Tamsin", "F", "40000", "1990"],
            ["Corvin", "F", "900", "2012"], ["Corvin", "M", "20000", "1970"]]
    assert build(rows) == {"tamsin": "f", "corvin": "m"}  # too few for 1940 to count; 2012 is no adult's


def test_the_shipped_table_leaves_names_that_changed_sex_open():
    assert first_name_gender("Lindsey") is None
    assert first_name_gender("Jean") is None
    assert first_name_gender("Hillary") == "f"
