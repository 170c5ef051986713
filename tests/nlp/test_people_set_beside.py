"""A person named beside a description of them: "the older man, his cousin X," names X through
the second description; a name with an age beside it ("X, 70,") is a person's whatever label
the recogniser gave it; and a voter so introduced after the salience pass began is not
outweighed, for the "he" that follows, by a man the article named more often. A name the
parser hung on the name a subject's clause ends on ("One farmer backing Mr. X, Y of …,") names
the subject too: a name does not describe another name. On text written here."""

from __future__ import annotations

import pytest

SECOND_DESCRIPTION = [
    pytest.param(
        "Governor Tomas Hale spoke for an hour at the fairground on Saturday, and Hale "
        "promised new roads.\n\n"
        "Two men stood by the gate. The older man, his cousin Emil Dorsey, said that the "
        "roads would never come.",
        "Emil Dorsey", id="a_man_named_through_his_kinship"),
    pytest.param(
        "Governor Tomas Hale spoke for an hour at the fairground on Saturday, and Hale "
        "promised new roads.\n\n"
        "Two women stood by the gate. The younger woman, his niece Ada Korhonen, said that "
        "the roads would never come.",
        "Ada Korhonen", id="a_woman_named_through_her_kinship"),
    pytest.param(
        "Governor Tomas Hale spoke at the fairground on Saturday.\n\n"
        "One farmer supporting Mr. Hale, Ivo Marsh of the Valley Growers Cooperative in "
        "Lindell, said that the roads would never come.",
        "Ivo Marsh", id="a_name_beside_the_name_a_participle_ends_on"),
    pytest.param(
        "Governor Tomas Hale spoke at the fairground on Saturday.\n\n"
        "One of Hale's former donors who still backs Lund, former state Sen. Ada Korhonen, "
        "said that the roads would never come.",
        "Ada Korhonen", id="a_name_beside_the_name_a_relative_clause_ends_on"),
]


@pytest.mark.parametrize(("text", "name"), SECOND_DESCRIPTION)
def test_a_name_set_beside_is_whom_the_subject_means(
        quotes_of, only, text, name):
    speaker = only(quotes_of(text), "indirect", "never come").speaker
    assert (speaker.name, speaker.kind) == (name, "person")


def test_a_name_with_an_age_beside_it_is_a_person(quotes_of, only):
    text = ("Governor Tomas Hale spoke for an hour at the fairground on Saturday, and Hale "
            "promised new roads.\n\n"
            "Two men stood by the gate. One of them, Ivo Marsh, 70, said Hale was fine.")
    speaker = only(quotes_of(text), "indirect", "was fine").speaker
    assert (speaker.name, speaker.kind) == ("Ivo Marsh", "person")


def test_a_voter_named_with_an_age_is_the_he_that_follows(quotes_of, only):
    text = ("Governor Tomas Hale spoke for an hour at the fairground on Saturday, and Hale "
            "promised new roads. Hale thanked the crowd twice.\n\n"
            "Not everyone was won over. One voter, Ivo Marsh, 70, came in the green cap of a "
            "farmers' group. He had heckled Hale at a rally in June.\n\n"
            "\"I liked the roads part, but I have heard it all before,\" he said.")
    assert only(quotes_of(text), "direct", "heard it all").speaker.name == "Ivo Marsh"

