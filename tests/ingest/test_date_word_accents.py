"""Date words match however they were typed: any case, with their accents or without."""

import pytest

from bot.ingest.accents import unaccented
from bot.ingest.date_lines import plain_words
from bot.ingest.date_words import plain_word


@pytest.mark.parametrize(("typed", "plain"), [
    ("Août", "aout"), ("FÉVR", "fevr"), ("mañana", "manana"), ("Straße", "strasse"),
    ("ﬁnal", "final"), ("plain", "plain"), ("", ""),
])
def test_accents_and_case_are_folded_away(typed, plain):
    assert unaccented(typed) == plain


def test_a_date_word_loses_its_abbreviating_dot_too():
    assert plain_word("Déc.") == "dec"
    assert plain_word("Déc") == "dec"


def test_a_line_splits_into_its_plain_words_without_digits():
    assert plain_words("Mis à jour le 3 Décembre, 10h") == ["mis", "a", "jour", "le", "decembre",
                                                           "h"]
