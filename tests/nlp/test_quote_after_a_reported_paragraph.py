"""A quote standing alone in its paragraph, after a paragraph that reports someone arguing or
writing, is that person's, not the last person the paragraph mentions; on text written here and
the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

QUOTE = "\n\n“Every week we wait costs the fishing fleet another boat.”"


@pytest.mark.parametrize("before", [
    "Harbour master Ines Dahl wrote to the council on Monday.\n\n"
    "If anything, Dahl argued in her letter, the closure shows why the port should adopt the "
    "plan drawn up by Tomas Berg.",
    "Ines Dahl runs the harbour.\n\n"
    "The closure, Dahl wrote in a letter to the council, shows why the port should adopt the "
    "plan that Tomas Berg drew up.",
    "Ines Dahl runs the harbour.\n\n"
    "Dahl argued that the delay proved the port needed the crane ordered by Tomas Berg.",
])
def test_the_quote_is_the_reporters_of_the_paragraph_before(nlp, before):
    quote = one(quotes_in_doc(nlp(before + QUOTE)), "Every week we wait")
    assert quote.speaker.name == "Ines Dahl"


def test_a_paragraph_reporting_no_one_still_gives_its_last_person(nlp):
    text = ("The harbour has been closed since the storm.\n\n"
            "Tomas Berg drew up the plan the port adopted in May." + QUOTE)
    assert one(quotes_in_doc(nlp(text)), "Every week we wait").speaker.name == "Tomas Berg"
