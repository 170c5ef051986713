"""A reporting verb inside the clause of a point made ("made it clear that she felt …") is part
of what the one who made it said, as it is under "said"; on text written here and the real spaCy
model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the ferry vote in Halden on Monday. "


@pytest.mark.parametrize("sentence", [
    "Ruiz made it clear that the harbour board felt the fees were “a betrayal of the island.”",
    "Ruiz has made clear that Mayor Tomas Berg believes the levy is “a betrayal of the island.”",
])
def test_words_under_a_point_made_go_to_the_one_who_made_it(statements_of, sentence):
    quote = one(statements_of(INTRO + sentence), "a betrayal of the island")
    assert quote.speaker.name == "Marta Ruiz"


def test_words_under_a_plain_belief_stay_with_the_believer(statements_of):
    """Not every clause: with no point made, the one who believes speaks for the words."""
    text = INTRO + "Mayor Tomas Berg believes the levy is “a betrayal of the island.”"
    quote = one(statements_of(text), "a betrayal of the island")
    assert quote.speaker.name == "Tomas Berg"
