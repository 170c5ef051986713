"""A description is never the subject of a clause it stands inside: "Berg was in the hall
when the candidate told the crowd …" is not Berg, who would be "he" there, neither as the
guess for it nor as the person a later same description takes up. On text written here."""

from __future__ import annotations

import pytest

OPENING = (
    "Mara Lind is running for governor of Castavia on a promise to rebuild the harbour.\n\n"
    "Tomas Berg, a pollster for Ms. Lind, joined the campaign in June.\n\n")

UNDER_SUBJECT = [
    pytest.param(
        OPENING + "Mr. Berg was in the hall when the candidate told the crowd that the tax was "
        "\u201ca debt we owe our grandchildren.\u201d",
        "a debt we owe", "the candidate", id="the_candidate_in_a_clause_under_the_pollster"),
    pytest.param(
        OPENING + "Mr. Berg stood beside the podium from which the candidate told the crowd "
        "that the tax was \u201ca debt we owe our grandchildren.\u201d",
        "a debt we owe", "the candidate", id="the_candidate_in_a_relative_clause_under_him"),
]

NOT_UNDER = [
    pytest.param(
        OPENING + "Mr. Berg spoke first, and the pollster told the crowd that the tax was "
        "\u201ca debt we owe our grandchildren.\u201d",
        "a debt we owe", "Tomas Berg", id="a_clause_joined_by_and_may_be_the_subject_again"),
    pytest.param(
        OPENING + "As the pollster told the crowd that the tax was \u201ca debt we owe our "
        "grandchildren,\u201d Mr. Berg smiled.",
        "a debt we owe", "Tomas Berg", id="a_subject_after_the_description_may_be_it"),
]


@pytest.mark.parametrize(("text", "words", "name"), UNDER_SUBJECT)
def test_a_description_is_not_the_subject_above_it(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "fragment", words).speaker.name == name


@pytest.mark.parametrize(("text", "words", "name"), NOT_UNDER)
def test_a_joined_clause_leaves_the_subject_possible(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "fragment", words).speaker.name == name
