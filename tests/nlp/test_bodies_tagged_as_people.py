"""A name the recogniser tags as a person's that ends in a word for a body, a building or a
place ("Harlow Tower", "Kessler Center", "Gordon High School") is the body's: it speaks as an
organisation and never takes a he or she. A person whose surname is such a word ("Ana Hall",
"Tom House") stays a person. On text written here."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of

SPEAKERS = [
    pytest.param(
        "Protesters gathered outside Harlow Tower on Monday. Harlow Tower said in a statement "
        "that the lobby would stay closed until Friday.",
        "the lobby would stay closed", ("Harlow Tower", "organisation"), id="building_reports"),
    pytest.param(
        "Staff at the Kessler Center, a research group, disagreed. “The figures are wrong,” "
        "Kessler Center said.",
        "The figures are wrong", ("Kessler Center", "organisation"), id="centre_speech_tag"),
    pytest.param(
        "Pupils were sent home early. Gordon High School said in a letter that classes would "
        "resume on Monday.",
        "classes would resume", ("Gordon High School", "organisation"),
        id="first_name_then_a_school"),
    pytest.param(
        "The Dunmore Administration plans to cut the ferry subsidy. The Administration says "
        "that only the state can set fares.",
        "only the state can set fares", ("Dunmore Administration", "organisation"),
        id="its_last_word_again"),
    pytest.param(
        "Halvard Tower issued a notice on Monday. The Tower said that the lifts would be "
        "repaired by Friday.",
        "the lifts would be repaired", ("Halvard Tower", "organisation"),
        id="tagged_a_body_the_second_time"),
    pytest.param(
        "Crowds filled Halvard Plaza on Sunday. A Halvard Plaza survey found that most "
        "visitors came by bus.",
        "most visitors came by bus", ("Halvard Plaza", "organisation"),
        id="its_survey"),
    # a person whose surname is such a word stays a person
    pytest.param(
        "Ana Hall, a nurse, said the ward was short of staff. “We are tired,” Hall said.",
        "We are tired", ("Ana Hall", "person"), id="surname_hall"),
    pytest.param(
        "Tom House, a spokesman for the senator, said the vote would go ahead.",
        "the vote would go ahead", ("Tom House", "person"), id="first_name_then_house"),
]


@pytest.mark.parametrize(("text", "words", "speaker"), SPEAKERS)
def test_a_body_tagged_a_person_speaks_as_the_body(quotes_of, text, words, speaker):
    quotes = [q for q in quotes_of(text) if words in q.text]
    assert [(q.speaker.name, q.speaker.kind) for q in quotes] == [speaker]


def test_a_place_tagged_a_person_takes_no_he(quotes_of):
    text = ("Crowds filled Halvard Plaza on Sunday. Halvard Plaza was closed by noon.\n\n"
            "“It was the biggest march in years,” he said.")
    assert speakers_of(quotes_of(text), "the biggest march") == [None]
