"""A document that "read" the words after a quote ("“…,” the editorial read.", or "it read" after
one is named) is their source, however the parser tags the words: the issuer it stands for
speaks, not someone named inside the words nor the narrative around them. On text written
here."""

from __future__ import annotations

EDITORIAL = ("The Kelby Courier has pressed Mayor Ana Ruiz for a week to tour the flooded "
             "streets of the old quarter.\n\n"
             "On Sunday the paper ran an editorial aimed at Tomas Berg, the council leader.\n\n"
             "\u201cIf Tomas Berg wants another term, he should put on boots and walk the old "
             "quarter,\u201d the editorial read.")


def test_the_editorial_that_read_the_words_speaks_for_its_paper(quotes_of, only):
    speaker = only(quotes_of(EDITORIAL), "direct", "put on boots").speaker
    assert (speaker.name, speaker.kind) == ("The Kelby Courier", "organisation")

TRIBUNE = ("The Valley Tribune ran an editorial on Sunday aimed at Mayor Ana Ruiz.\n\n"
           "\u201cThe mayor must walk the old quarter before winter,\u201d it read.")
LETTER = ("Tomas Berg, the harbour master, received a letter from Mayor Ana Ruiz.\n\n"
          "\u201cYou have until May to move the ferry,\u201d it read.")


def test_it_read_after_an_editorial_is_the_paper_that_ran_it(quotes_of, only):
    quote = only(quotes_of(TRIBUNE), "direct", "walk the old")
    assert (quote.speaker.name.removeprefix("The "), quote.verb) == ("Valley Tribune", "read")


def test_it_read_after_a_letter_is_its_sender(quotes_of, only):
    quote = only(quotes_of(LETTER), "direct", "You have until")
    assert (quote.speaker.name, quote.verb) == ("Ana Ruiz", "read")
