"""A description of a person by a gendered word for their role ("the actress", "the
congressman") means the one person the article gave that word before their name, even when
another role was written for them first, not the most salient person of that sex; and the
staff of a person so described ("the congressman's spokesman") is that person's named
spokesman, never the spokesman who spoke last as the owner. When two people were given the
word, the pronoun rules decide. On text written here."""

from __future__ import annotations

import pytest

CALLED_BEFORE = [
    pytest.param(
        "Award-winning actress Nina Calloway, star of the long-running drama \"Harbour "
        "Lights,\" has not made up her mind about the race.\n\n"
        "Calloway has raised money for Senator Ruth Amado, who leads the field. Amado "
        "thanked her volunteers on Friday and said she would keep going.\n\n"
        "\"We are not done yet,\" Amado told the crowd. Amado later visited a school, where "
        "she spoke about reading.\n\n"
        "The actress said she was tired of politics as usual.",
        "tired of politics", "Nina Calloway", id="the_actress_written_before_her_name"),
    pytest.param(
        "Ports committee chairman Piet Hallam faces a complaint from a former aide, Dora "
        "Lusk, who says she was dismissed unfairly. Congressman Hallam's office calls the "
        "complaint baseless.\n\n"
        "\"The office followed every rule,\" Hallam spokesman Omar Reyes said in a "
        "statement.\n\n"
        "\"We treat every member of staff the same way,\" Reyes added.\n\n"
        "The congressman's spokesman also said that the office employs several veterans.",
        "several veterans", "Omar Reyes", id="the_congressmans_spokesman"),
    pytest.param(
        "Actress Nina Calloway and actress Lena Hart both hosted the gala on Friday. Hart "
        "thanked the donors and Hart praised the band.\n\n"
        "The actress said she was tired of politics as usual.",
        "tired of politics", "Lena Hart", id="two_actresses_go_by_the_pronoun_rules"),
]


@pytest.mark.parametrize(("text", "words", "name"), CALLED_BEFORE)
def test_a_gendered_role_is_the_person_written_with_it_before(quotes_of, only, text, words,
                                                             name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name
