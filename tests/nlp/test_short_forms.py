"""A body the article names in full and then by a clipped first word ("the Fed" after "the
Federal Reserve") is that body (issue 14, speakers49b). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

LATER = ("\n\nThe Harb wants to keep its riders. It said on Monday that fares would rise more "
         "slowly than in past years.")


def test_a_clipped_first_word_is_the_body_named_in_full(quotes_of):
    text = ("Strong hiring figures gave the Harbourline Transit Authority room to raise fares "
            "this winter." + LATER)
    assert speakers_of(quotes_of(text), "fares would rise") == ["Harbourline Transit Authority"]


def test_a_word_two_bodies_begin_with_is_neither(quotes_of):
    text = ("The Harbourline Transit Authority and the Harbourside Ferry Company met on "
            "Monday." + LATER)
    assert speakers_of(quotes_of(text), "keep its riders") == ["Harb"]
