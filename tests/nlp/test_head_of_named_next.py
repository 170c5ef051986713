"""A lede that describes someone as "the head of" a body and names them only a paragraph or
two later ("Pilots Committee Chairman Tomas Brandt criticised …"): "the head of the pilots'
committee" is a person, the one the story names next, also when a title of three capitalised
words stands before that name, or when the sentence naming her opens with a phrase naming
someone else ("In an interview with Tom Vale, Mara Lindqvist said …"). On text written
here."""

from __future__ import annotations

import pytest

LEDES = [
    pytest.param(
        "Harbour row deepens.\n\n"
        "A bitter dispute has broken out at the harbour authority, as the head of the "
        "authority's pilots committee has accused the board of a \u201cplain betrayal\u201d over "
        "the winter rota.\n\n"
        "At stake: the hours that night crews must work in January.\n\n"
        "Pilots Committee Chairman Tomas Brandt criticised harbour director Ana Ruiz in a "
        "letter to members on Friday.",
        "plain betrayal", "Tomas Brandt", id="a_three_word_title_before_the_name"),
    pytest.param(
        "Ferry talks stall.\n\n"
        "The head of the ferry workers' union has warned the operator of \u201ca long and "
        "cold strike\u201d if the new timetable goes ahead.\n\n"
        "Talks broke down on Thursday evening.\n\n"
        "Mara Lindqvist told a meeting of crews that the operator had ignored Ana Ruiz, "
        "its own safety officer.",
        "long and", "Mara Lindqvist", id="the_name_opening_a_sentence"),
    pytest.param(
        "Union fears the timetable.\n\n"
        "The head of the ferry workers' union is worried about the new timetable, because "
        "she thinks it will break the night crews.\n\n"
        "In an interview with Tom Vale on his radio show on Friday, Mara Lindqvist said her "
        "members would not accept it.",
        "break the night crews", "Mara Lindqvist", id="the_main_subject_after_a_name_in_a_phrase"),
]


@pytest.mark.parametrize(("text", "words", "name"), LEDES)
def test_the_head_of_a_body_is_the_person_named_next(quotes_of, text, words, name):
    assert {q.speaker.name for q in quotes_of(text) if words in q.text} == {name}
