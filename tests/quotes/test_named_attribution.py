"""Named sources given the right clause: the attribution rules of the seventh pass, each on
text written here (issue 14, error kinds 1 and 3)."""

from __future__ import annotations

import pytest

from bot.models import Quote
from bot.nlp.quotes import quotes_in_doc


@pytest.fixture
def extract(nlp):
    def run(body: str) -> list[Quote]:
        return quotes_in_doc(nlp(body))
    return run


def speaker_of(quotes: list[Quote], contains: str) -> str | None:
    found = [q for q in quotes if contains in q.text and q.kind == "direct"]
    assert len(found) == 1, f"expected one direct quote with {contains!r}, got {quotes}"
    return found[0].speaker.name


def test_a_speech_tag_whose_verb_takes_the_quote_as_its_clause(extract):
    quotes = extract(
        "Councillor Petra Lindqvist had defended the new parking charges for weeks.\n\n"
        "“The car park is full by eight and the shops are empty by noon, you fools,” Okafor "
        "barked.")
    assert speaker_of(quotes, "shops are empty") == "Okafor"

