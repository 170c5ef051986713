"""Words quoted after the "as" of a verb that casts its object as something ("defended the
remark as “a joke”", "cast the levy as “a tax on the poor”", "sees the vote as “a coup”") are
the subject's, as under a verb of saying; not when the verb is an act told in another's reported
words, nor the "as" of a verb that casts nothing ("used the shed as a “depot”"). On text
written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words", "statement"), [
    pytest.param("Ruiz later defended the remark as “a joke between friends.”",
                 "a joke between friends", "the remark as “a joke between friends.”",
                 id="defend"),
    pytest.param("Ruiz has cast the harbour levy as “a tax on every fishing family.”",
                 "a tax on every fishing family",
                 "the harbour levy as “a tax on every fishing family.”", id="cast"),
    pytest.param("Ruiz sees the board's vote as “a quiet coup against the dockers.”",
                 "a quiet coup against the dockers",
                 "the board's vote as “a quiet coup against the dockers.”", id="see"),
    pytest.param("Ruiz identified the new harbour master as “an outsider from the capital,” "
                 "to laughter.", "an outsider from the capital",
                 "the new harbour master as “an outsider from the capital,”", id="identify"),
])
def test_words_the_subject_casts_its_object_as_are_the_subjects(statements_of, sentence, words,
                                                                statement):
    quote = one(statements_of(INTRO + sentence), words)
    assert (quote.kind, quote.text, quote.speaker.name) == ("mixed", statement, "Marta Ruiz")


def test_casting_told_in_anothers_words_is_the_tellers(nlp):
    """"Vale said Ruiz had cast …": the quoted words are in Vale's account of what Ruiz did."""
    text = INTRO + ("Tomas Vale said Ruiz had cast the harbour levy as “a tax on every fishing "
                    "family” in her leaflets.")
    fragment = one(quotes_in_doc(nlp(text)), "a tax on every fishing family", "fragment")
    assert fragment.speaker.name == "Tomas Vale"


def test_an_as_that_casts_nothing_gives_no_speaker(nlp):
    """"used the shed as a “depot”": a use, not a view of the shed; the quoted word is a scare
    quote, with no speaker."""
    text = INTRO + "The crews used the old net shed as a “depot” all winter."
    fragment = one(quotes_in_doc(nlp(text)), "depot", "fragment")
    assert fragment.speaker.name is None


def test_a_gerund_after_a_preposition_casts_for_no_one(nlp):
    """"a plan that banks on presenting her as “…”": who presents her is left unsaid (the
    subject found through "banks" would be the plan)."""
    text = INTRO + ("Ruiz has a plan that banks on presenting the ferry as “a lifeline for the "
                    "islands.”")
    fragment = one(quotes_in_doc(nlp(text)), "a lifeline for the islands", "fragment")
    assert fragment.speaker.name is None
