"""A paper issuing an editorial speaks by its name whatever the recogniser tagged that name
(issue 14, speakers48a): "X's editorial board wrote" is X, not "X's editorial board", and "the
paper" is a paper the recogniser took for a building or a town. Text written for the tests."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of

CASES = [
    pytest.param(
        "Mayor Tomas Berg defended the vote on Monday.\n\n"
        "“The council has shut the crews out,” the Halden Herald's editorial board wrote on "
        "Sunday.",
        "Halden Herald", id="a_paper_tagged_a_building_owning_its_board"),
    pytest.param(
        "Mayor Tomas Berg defended the vote on Monday.\n\n"
        "“The council has shut the crews out,” Newsday's editorial board wrote on Sunday.",
        "Newsday", id="a_paper_named_without_the"),
    pytest.param(
        "Mayor Tomas Berg defended the vote on Monday.\n\n"
        "“The council has shut the crews out,” Brannock's editorial board wrote on Sunday.",
        "Brannock", id="a_paper_the_recogniser_may_take_for_a_person"),
    pytest.param(
        "The council voted on Monday to close the north pier, a decision the Halden Herald "
        "has fought for months.\n\n"
        "“The council has shut the crews out of every meeting,” the paper said in an "
        "editorial.",
        "the Halden Herald", id="the_paper_after_a_paper_tagged_a_building"),
]


@pytest.mark.parametrize(("text", "paper"), CASES)
def test_the_paper_speaks_by_its_name(quotes_of, text, paper):
    assert speakers_of(quotes_of(text), "shut the crews out") == [paper]


def test_a_school_boards_owner_is_not_made_a_paper(quotes_of):
    text = ("Parents packed the hall on Monday.\n\n"
            "“The buses will run again in March,” Halden's school board said in a letter.")
    assert speakers_of(quotes_of(text), "buses will run again") != ["Halden"]
