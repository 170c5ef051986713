"""A phrase quoted under a verb of mocking, judging or naming ("mocked the mayor's “…”",
"referred to him as “…”", "credited the crews with “…”") is the subject's words, unless that
verb is an act told in someone else's reported words; on text written here and the real spaCy
model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words"), [
    ("Ruiz mocked the mayor's “grand harbour vision” in a long post.", "grand harbour vision"),
    ("Ruiz has repeatedly referred to the mayor as “the ferry king” in speeches.",
     "the ferry king"),
    ("She credited the lifeboat crews with “pulling forty people out of the water” that night.",
     "pulling forty people out of the water"),
])
def test_a_phrase_quoted_under_a_judgement_is_the_subjects(statements_of, sentence, words):
    quote = one(statements_of(INTRO + sentence), words)
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")


def test_a_judgement_told_in_anothers_words_is_the_tellers(nlp):
    """"Vale said Ruiz had mocked …": the quoted phrase is Vale's account of what Ruiz did."""
    text = INTRO + ("After the vote, Tomas Vale said Ruiz had mocked the mayor's “grand "
                    "harbour vision” in a long post.")
    fragment = one(quotes_in_doc(nlp(text)), "grand harbour vision", "fragment")
    assert fragment.speaker.name == "Tomas Vale"


def test_the_statement_is_what_the_judgement_governs(statements_of):
    """A phrase too short to stand alone is given with the words the verb governs, as a
    reporting verb's quoted phrase is: "blasted [the council for its “…” on the floods]"."""
    text = INTRO + "Ruiz blasted the council for its “shameful silence” on the floods."
    quote = one(statements_of(text), "shameful silence")
    assert (quote.text, quote.speaker.name) == (
        "the council for its “shameful silence” on the floods", "Marta Ruiz")
