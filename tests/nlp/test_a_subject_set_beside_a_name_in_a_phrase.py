"""A subject the parser set beside a name: in "In an interview with A and B, the candidate
stated …" the parser hangs "the candidate" on B (or A) as an apposition and leaves "stated"
with no subject, so the words, and the description as a role, went to the interviewer. A
noun set beside a name inside a prepositional phrase, ending right before a finite verb with
no subject of its own, is that verb's subject. A real apposition inside such a phrase is
still the name's role. On text written here."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of

LEDE = "Ana Ruiz, the Democratic presidential candidate, toured the Harlow docks on Monday.\n\n"

SET_BESIDE = [
    pytest.param("In an interview with Tom Vale and Rita Moss, the Democratic presidential "
                 "candidate stated that the ferry fares were too high.", id="beside_two_names"),
    pytest.param("In an interview with radio hosts Tom Vale and Rita Moss, the Democratic "
                 "presidential candidate stated that the ferry fares were too high.",
                 id="beside_names_set_beside_a_noun"),
]


@pytest.mark.parametrize("sentence", SET_BESIDE)
def test_a_subject_set_beside_an_interviewer_is_the_speaker(quotes_of, sentence):
    assert speakers_of(quotes_of(LEDE + sentence), "ferry fares") == ["Ana Ruiz"]


def test_the_interviewer_is_not_given_the_description_as_a_role(quotes_of, only):
    text = LEDE + ("In an interview with Tom Vale and Rita Moss, the Democratic presidential "
                   "candidate stated that the ferry fares were too high.\n\n"
                   "''The boats are old,'' the candidate said later.")
    speaker = only(quotes_of(text), "direct", "boats are old").speaker
    assert speaker.name == "Ana Ruiz"


def test_an_apposition_inside_a_phrase_is_still_a_role(quotes_of, only):
    text = ("The dockers' union wrote to Tom Vale, the harbour master, on Monday.\n\n"
            "''The gates stay shut,'' the harbour master said.")
    speaker = only(quotes_of(text), "direct", "gates stay shut").speaker
    assert speaker.name == "Tom Vale"
