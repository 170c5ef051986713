"""One helper takes the possessive "'s" off a word for the headline's person, a role's names
and a transcript's speakers."""

from __future__ import annotations

from bot.nlp.speakers.words import without_possessive


def test_either_apostrophe_s_comes_off_once():
    assert without_possessive("Vale's") == "Vale"
    assert without_possessive("Vale’s") == "Vale"
    assert without_possessive("vale's's") == "vale's"


def test_words_without_one_stay_as_written():
    for word in ("Vales", "Jones'", "'s", "Ross", ""):
        assert without_possessive(word) == ("" if word == "'s" else word)
