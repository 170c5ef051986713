""""Shares in X fell after it warned …": "it" is the body the subject's phrase names, not an
organisation that spoke before (issue 14, speakers51a). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

OPENING = ("The Harbour Board approved the new fares on Monday, and the Coastal Times reported "
           "the vote first.\n\n")


def test_it_is_the_body_whose_shares_are_the_subject(quotes_of):
    text = OPENING + ("Shares in Corveth Foods fell sharply after it warned that the year ahead "
                      "\"will be hard for every ferry line.\"")
    said = speakers_of(quotes_of(text), "every ferry line")
    assert said and set(said) == {"Corveth Foods"}


def test_it_is_the_body_whose_documents_are_the_subject(quotes_of):
    text = OPENING + ("Documents from the Riders League began circulating after it said that the "
                      "board \"ignored every complaint.\"")
    said = speakers_of(quotes_of(text), "ignored every complaint")
    assert said and {name.removeprefix("the ") for name in said if name} == {"Riders League"}


def test_a_subject_named_as_a_body_is_kept(quotes_of):
    text = OPENING + ("The Sierra Riders Association wrote to Corveth Foods after it said that "
                      "the board \"ignored every complaint.\"")
    said = speakers_of(quotes_of(text), "ignored every complaint")
    assert said and set(said) == {"The Sierra Riders Association"}
