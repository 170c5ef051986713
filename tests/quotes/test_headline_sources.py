"""A headline's or deck's bare source ("official says", "top aide implies") is the person the
story names below as the one speaking; on text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements
from tests.quotes.conftest import speaker_of

BODY = ("Rail fares in the valley will rise again in the spring, the regional transport "
        "board said on Monday.\n\n"
        "“The old timetable cannot pay for itself any more,” said Tamsin Okafor, who chairs "
        "the board's finance committee.\n\n"
        "Commuters from Hollin Bridge said the rise would push them back into their cars.")


@pytest.fixture
def extract(nlp):
    def run(body: str):
        doc = nlp(body)
        return statements(doc, quotes_in_doc(doc))
    return run


@pytest.mark.parametrize(("deck", "said"), [
    ("Fares must rise to keep the line open, official says.", "keep the line open"),
    ("Cheaper tickets would empty the budget, top aide warns.", "empty the budget"),
])
def test_a_decks_bare_source_is_the_person_named_speaking_below(extract, deck, said):
    quotes = extract(f"Valley rail fares to rise again\n{deck}\n\n{BODY}")
    assert speaker_of(quotes, said) == "Tamsin Okafor"


def test_a_source_written_with_a_name_or_an_article_stays_as_written(extract):
    quotes = extract("Valley rail fares to rise again\n"
                     "Fares must rise to keep the line open, Corvale chief says.\n\n"
                     f"{BODY}")
    assert speaker_of(quotes, "keep the line open") == "Corvale chief"
    quotes = extract("Rail fares in the valley will rise, a senior official said on Monday, "
                     "asking not to be named.\n\n"
                     "“The old timetable cannot pay for itself,” said Tamsin Okafor, who chairs "
                     "the board's finance committee.")
    assert speaker_of(quotes, "will rise") == "a senior official"


def test_a_bare_source_in_the_body_is_not_the_next_person_named_speaking(extract):
    quotes = extract("Island ferry to pause for repairs\n\n"
                     "The harbour ferry will stop again in March for engine repairs, spokesman "
                     "said on Tuesday.\n\n"
                     "“Every closure costs the island's shops a week of trade,” said Ivo Marek, "
                     "a councillor who has opposed the repair plan from the start.")
    assert speaker_of(quotes, "stop again in March") != "Ivo Marek"
