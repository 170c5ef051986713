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
