""""The town", "the kingdom" speaking is the place that acted just before it, as the gold
resolves a country or town as a source (issue 14, speakers50b). Text written for the tests."""

from __future__ import annotations

from bot.models import Quote
from tests.nlp.conftest import speakers_of

OPENING = "Tourists have long complained about the ferry fares in Brightwater.\n\n"
STATEMENT = ("\n\nThe town released a statement on Tuesday saying the critics \"have their "
             "numbers wrong\" and welcomed them to ride the ferry.")


def test_the_town_is_the_place_that_acted_before_it(quotes_of):
    text = (OPENING + "Brightwater, a harbour town of 9,000 people, had two ferry accidents in "
            "2015, according to state records." + STATEMENT)
    assert speakers_of(statements(quotes_of(text)), "numbers wrong") == ["Brightwater"]


def test_a_place_only_visited_is_not_the_town_speaking(quotes_of):
    text = (OPENING + "Thousands of visitors sailed to Brightwater in 2015, according to state "
            "records." + STATEMENT)
    said = speakers_of(statements(quotes_of(text)), "numbers wrong")
    assert said and "Brightwater" not in said


def statements(quotes: list[Quote]) -> list[Quote]:
    """The quotes given as someone's statement (a quoted fragment inside one is left out)."""
    return [q for q in quotes if q.kind != "fragment"]
