"""A he/she in a clause hung off a clause whose subject is a description of someone ("the
head of the pilots' committee has accused the board of blocking a change that he said …") is
that person, as with a named subject; a thing someone owns ("Ruiz's standing") is no such
subject: its owner is not given the he/she by this rule. On text written here."""

from __future__ import annotations

import pytest

LEDES = [
    pytest.param(
        "Harbour row deepens.\n\n"
        "A bitter dispute has broken out at the harbour authority, as the head of the "
        "authority's pilots committee has accused the board of trying to block a change "
        "that he said would shorten the night shifts in winter.\n\n"
        "At stake: the hours that night crews must work in January.\n\n"
        "Pilots Committee Chairman Tomas Brandt criticised harbour director Ana Ruiz in a "
        "letter to members on Friday.",
        "shorten the night shifts", "Tomas Brandt", id="the_head_named_next"),
    pytest.param(
        "Tomas Brandt chairs the pilots' committee, and Piet Vale runs the harbour.\n\n"
        "Brandt thinks Vale's standing with the crews is so weak that he called a vote on "
        "Friday, saying he expected to win it easily.",
        "expected to win", "Tomas Brandt", id="an_owned_thing_is_no_described_person"),
]


@pytest.mark.parametrize(("text", "words", "name"), LEDES)
def test_a_described_subject_governs_the_pronoun(quotes_of, text, words, name):
    assert {q.speaker.name for q in quotes_of(text) if words in q.text} == {name}
