"""A verb of saying the parser left without a subject ("As part of his plea, Jorun Bekk, 52,
said that …": the name and its aside hung elsewhere, the verb made the root) is spoken by the
phrase ending right before it, past one aside, when that phrase opens its clause; a phrase
inside another (the object of a verb before it) is not taken. On text written here and the
real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Harbour boss Ines Dahl spoke in Corvath on Monday. "


@pytest.mark.parametrize(("sentence", "words"), [
    pytest.param("As part of his plea, Jorun Bekk, 52, said that he had cut “about forty "
                 "nets” over two winters.", "about forty nets", id="name-age-aside-said"),
    pytest.param("As part of his plea deal, Jorun Bekk, 52, said that the cuts were “a stupid "
                 "mistake.”", "a stupid mistake.", id="name-age-aside-said-that"),
])
def test_name_before_an_aside_speaks_for_a_subjectless_verb(nlp, sentence, words):
    quotes = quotes_in_doc(nlp(INTRO + sentence))
    fragment = one(quotes, words, "fragment")
    reported = next(q for q in quotes if q.kind == "indirect")
    assert (fragment.speaker.name, reported.speaker.name) == ("Jorun Bekk", "Jorun Bekk")


def test_a_phrase_inside_another_clause_is_not_the_lost_subject(nlp):
    """"He attacked the mayor's record said …": the record is the object of the verb before,
    not a subject the parser lost; the words keep no speaker rather than the record's."""
    sentence = "He attacked the mayor's record said the mayor had “no plan at all.”"
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), "no plan at all.", "fragment")
    assert fragment.speaker.name is None


def test_an_aside_read_as_a_clause_still_gives_the_clause_after_the_verb(nlp):
    """"Ruiz, who was Berg's tenant … and said she stayed fond of him, said she felt …": the
    subject found on the surface does not make the aside the words said; the clause after the
    verb is still reported, and by Ruiz."""
    sentence = ("Ruiz, who was Berg's tenant for a year and said she stayed fond of him, said "
                "she felt that neither she nor Berg had broken any rule.")
    reported = one(quotes_in_doc(nlp(INTRO + sentence)), "she felt", "indirect")
    assert (reported.text.startswith("she felt"), reported.speaker.name) == (True, "Ruiz")
