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
    ("Ruiz also bemoaned a town where neighbours “no longer greet one another” since the vote.",
     "no longer greet one another"),
    ("Ruiz has intimated that the port would be “better off alone” after the vote.",
     "better off alone"),
    ("Ruiz groused at a rally that the local paper “keeps printing lies about me” all year.",
     "keeps printing lies about me"),
    ("Ruiz fired back that the harbour crews “have trusted me for ten years” and would again.",
     "have trusted me for ten years"),
    ("Ruiz backed the deal, though she made it clear that she still had “grave doubts” over "
     "the fees.", "grave doubts"),
    ("Ruiz also made the point that the ferry cuts would leave the island “cut off from the "
     "mainland” for months.", "cut off from the mainland"),
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
    text = INTRO + ("She made a point of saying the ferry crews “kept the island alive” "
                    "through the storms.")
    quote = one(statements_of(text), "the ferry crews")
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")
