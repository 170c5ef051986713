"""A speaker's name is the name alone: an adverb or a date the recogniser tagged into it
("Ruiz later", "Vale today") is no word of it, and the name comes out as the registry's full
name with its role, so /who-said finds the person under one key. On text written here."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of

NAMES = [
    pytest.param(
        "Council member Dana Ruiz has fought the plan for months. Ruiz later posted a video "
        "mocking the mayor's “bold new vision for the waterfront.”",
        "bold new vision", "Dana Ruiz", id="adverb_after_the_surname_fragment"),
    pytest.param(
        "Mayor Ana Ruiz spoke first. “It is a win for every renter,” Ruiz later told reporters.",
        "a win for every renter", "Ana Ruiz", id="adverb_after_the_surname_direct"),
    pytest.param(
        "Harbour councillor Tom Vale opposed the budget. Vale today called the cuts “a disgrace "
        "to the city.”",
        "a disgrace to the city", "Tom Vale", id="date_word_after_the_surname"),
    pytest.param(
        "Prime Minister Theresa May flew to Brussels. “We will not be rushed,” May told "
        "reporters.",
        "We will not be rushed", "Theresa May", id="capitalised_modal_is_a_name"),
]


@pytest.mark.parametrize(("text", "words", "name"), NAMES)
def test_the_speaker_is_the_name_alone(quotes_of, text, words, name):
    assert speakers_of(quotes_of(text), words) == [name]
