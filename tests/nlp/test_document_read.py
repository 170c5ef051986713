"""A document that "read" the words after a quote ("“…,” the editorial read.") is their source,
however the parser tags the two words: the issuer it stands for speaks, not someone named
inside the words nor the narrative around them. On text written here."""

from __future__ import annotations

EDITORIAL = ("The Kelby Courier has pressed Mayor Ana Ruiz for a week to tour the flooded "
             "streets of the old quarter.\n\n"
             "On Sunday the paper ran an editorial aimed at Tomas Berg, the council leader.\n\n"
             "\u201cIf Tomas Berg wants another term, he should put on boots and walk the old "
             "quarter,\u201d the editorial read.")


def test_the_editorial_that_read_the_words_speaks_for_its_paper(quotes_of, only):
    speaker = only(quotes_of(EDITORIAL), "direct", "put on boots").speaker
    assert (speaker.name, speaker.kind) == ("The Kelby Courier", "organisation")
