"""A title word capitalised only because it opens a sentence ("Actress Nina Calloway spoke
first.") is no formal title like "Judge Marsh": "the actress" opening a sentence is still the
woman the sentence before was about, though her role was written with another word. A title
capitalised inside a sentence ("… said Judge Ida Marsh") keeps the description for its
holder. On text written here."""

from __future__ import annotations

import pytest

OPENING = [
    pytest.param(
        "Actress Nina Calloway spoke first at the festival on Friday.\n\n"
        "\"We need more stories about our towns,\" Calloway said.\n\n"
        "Actress Rosa Vint followed her. \"I agree with every word,\" Vint said.\n\n"
        "Later, sitcom star Lena Hart talked about the roles she is offered. The actress "
        "said she turns down most of the scripts she reads.",
        "she turns down", "Lena Hart", id="capitalised_only_at_the_start"),
    pytest.param(
        "The hearing opened on Monday, and the first words came from Judge Ida Marsh.\n\n"
        "Later, defence lawyer Lena Hart talked about the delays in the case. The judge "
        "said she would not move the trial.",
        "would not move", "Ida Marsh", id="a_formal_title_inside_a_sentence"),
]


@pytest.mark.parametrize(("text", "words", "name"), OPENING)
def test_a_title_opening_a_sentence_is_no_formal_title(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name
