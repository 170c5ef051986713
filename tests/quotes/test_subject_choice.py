"""Which of the words around a reporting verb speaks, where the parse leaves it in doubt: of
two subjects given one verb, never a relative clause's own ("the teenager whose break-ins
showed …") nor the one that opens what was said ("Berg, whose …, said closed ballots deny
…"); a relative clause on what a copula says its subject is, or on the "one of" a verb makes
its object, speaks for that subject or object ("Ines Dahl is among those who say …", "the vote
made Tom Berg one of the few who have promised …"), never for a cleft's "it". On text written
here and the real spaCy model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

CASES = [
    pytest.param(
        "The Estonian teenager whose break-ins first showed that the mayor kept a second phone "
        "pleaded guilty on Thursday to fraud, admitting that he was behind a string of attacks "
        "on the port.",
        "the mayor kept a second phone", "The Estonian teenager", id="owned-by-whose"),
    pytest.param(
        "Turnout: Berg, whose base includes renters and students, said closed ballots -- those "
        "open only to paid members -- deny many residents the right to take part.",
        "the right to take part", "Berg", id="opens-the-reported-clause"),
    pytest.param(
        "Outside court on Friday, Inspector Tomas Berg said the harbour inquiry would reopen "
        "in March.",
        "harbour inquiry would reopen", "Tomas Berg", id="nearest-before-the-verb"),
    pytest.param(
        "Ines Dahl, a ferry user from Halden, is among those who say the mayor should step "
        "aside before spring.",
        "step aside before spring", "Ines Dahl", id="among-those-who-say"),
    pytest.param(
        "Ines Dahl is one of the voters who believe the ferry should run all night.",
        "ferry should run all night", "Ines Dahl", id="one-of-the-voters-who"),
    pytest.param(
        "The vote made Tom Berg one of the few councillors who have promised to keep the "
        "ferry running.",
        "keep the ferry running", "Tom Berg", id="made-a-name-one-of"),
    pytest.param(
        "Ana Ruiz backs the budget but has kept quiet on the pier. It is a lonely stance that "
        "makes her one of the few councillors in the region who has declined to pick a side "
        "on the north pier.",
        "pick a side on the north pier", "Ana Ruiz", id="makes-her-one-of"),
    pytest.param(
        "It was the harbour master who said the pier was unsafe.",
        "pier was unsafe", "the harbour master", id="a-clefts-it-never-speaks"),
]


@pytest.mark.parametrize(("text", "words", "speaker"), CASES)
def test_the_right_subject_speaks(statements_of, text, words, speaker):
    quote = one(statements_of(text), words)
    assert (quote.kind, quote.speaker.name) == ("indirect", speaker)
