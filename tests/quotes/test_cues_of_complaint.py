"""Quoted words under a verb of complaining or hinting ("vented that", "bemoaned"), a retort
("fired back that") or a point made ("made it clear that", "made the point that") are the
subject's, as under "said"; on text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words"), [
    ("Ruiz vented that the council had “wasted a whole year” on the plan.", "wasted a whole year"),
    ("Ruiz also bemoaned the mood in which people “literally hate each other” because of the "
     "vote.", "literally hate each other"),
    ("Ruiz has intimated that the port would be “better off alone” after the vote.",
     "better off alone"),
    ("Ruiz groused to a crowd in Leeds that the paper “never treats me fairly” before leaving.",
     "never treats me fairly"),
    ("Ruiz fired back that the “voters of Halden chose me twice” for the council.",
     "voters of Halden chose me twice"),
    ("Ruiz backed the deal, although she made it clear that she has “serious concerns” about "
     "the plan.", "serious concerns"),
    ("Ruiz also made the point that the plan would make the port “a ghost town” within a year.",
     "a ghost town"),
])
def test_quoted_words_under_a_cue_of_complaint_are_the_subjects(statements_of, sentence, words):
    quote = one(statements_of(INTRO + sentence), words)
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")


@pytest.mark.parametrize("sentence", [
    "Ruiz fired the “harbour team” after the vote.",
    "Ruiz made a “ghost town” of the old port.",
])
def test_firing_and_making_are_no_cue(statements_of, sentence):
    """Only "fire back" and a point or something clear made report words: "fired the team"
    and "made a town" name a thing quoted, no one's words."""
    assert statements_of(INTRO + sentence) == []


def test_a_case_made_for_something_is_no_cue(nlp):
    """"These numbers make the best case for why …" is a thing argued: the quoted words inside
    are those of whoever concluded it, not the numbers'."""
    text = INTRO + ("Ruiz concluded that these numbers make the best case for why the town "
                    "cannot “stand still any longer.”")
    fragment = one(quotes_in_doc(nlp(text)), "stand still", "fragment")
    assert fragment.speaker.name == "Marta Ruiz"


def test_a_point_made_of_saying_is_the_subjects(statements_of):
    """"She made a point of saying …": the gerund on the point is said by whoever made it."""
    text = INTRO + ("And she made a point of saying the old market where the fire started "
                    "“was a place of friendship and trade,” where fishing families “came "
                    "together to eat and to sing.”")
    quote = one(statements_of(text), "the old market")
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")
