"""Words quoted after the "as" of a verb that casts its object as something ("defended the
remark as “a joke”", "cast the levy as “a tax on the poor”", "sees the vote as “a coup”") are
the subject's, as under a verb of saying; not when the verb is an act told in another's reported
words, nor the "as" of a verb that casts nothing ("used the shed as a “depot”"), nor a gerund
after a preposition whose subject is left unsaid. On text written here and the real spaCy
model."""

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


@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    pytest.param("Tomas Vale said Ruiz had cast the harbour levy as “a tax on every fishing "
                 "family” in her leaflets.", "a tax on every fishing family", "Tomas Vale",
                 id="told-in-anothers-words-is-the-tellers"),
    pytest.param("The crews used the old net shed as a “depot” all winter.", "depot", None,
                 id="an-as-that-casts-nothing"),
    pytest.param("Ruiz has a plan that rests on presenting the ferry as “a lifeline for the "
                 "islands.”", "a lifeline for the islands", None,
                 id="a-gerund-after-a-preposition"),
])
def test_who_else_speaks_for_words_after_as(nlp, sentence, words, speaker):
    """"Vale said Ruiz had cast …" is Vale's account of what Ruiz did; "used the shed as a
    “depot”" is a use, not a view (a scare quote, no speaker); in "a plan that rests on
    presenting the ferry as “…”" who presents it is left unsaid (the subject found through
    "rests" would be the plan)."""
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert fragment.speaker.name == speaker
