"""Which of the words around a reporting verb speaks, where the parse leaves it in doubt: of
two subjects given one verb, never a relative clause's own ("the hacker whose break-ins
revealed …") nor the one that opens what was said ("Ruiz, whose …, said closed primaries deny
…"); a relative clause on what a copula says its subject is, or on the "one of" a verb makes
its object, speaks for that subject or object ("Ines Dahl is among those who say …", "the vote
made Tom Berg one of the few who have promised …"), never for a cleft's "it". On text written
here and the real spaCy model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

CASES = [
    pytest.param(
        "The Latvian hacker whose break-ins first revealed that the governor used a private "
        "email account pleaded guilty on Wednesday to identity theft, admitting that he was "
        "responsible for a series of intrusions.",
        "responsible for a series of intrusions", "The Latvian hacker", id="owned-by-whose"),
    pytest.param(
        "Voter turnout: Ruiz, whose coalition includes young people and independents, said "
        "closed primaries -- those open only to registered members -- deny many independents "
        "the right to vote.",
        "the right to vote", "Ruiz", id="opens-the-reported-clause"),
    pytest.param(
        "Outside court on Friday, Inspector Tomas Berg said the harbour inquiry would reopen "
        "in March.",
        "harbour inquiry would reopen", "Tomas Berg", id="nearest-before-the-verb"),

    pytest.param(
        "Ines Dahl, a ferry user from Halden, is among those who say they have no intention "
        "of backing the mayor.",
        "no intention of backing", "Ines Dahl", id="among-those-who-say"),
    pytest.param(
        "Ines Dahl is one of the voters who believe the ferry should run all night.",
        "ferry should run all night", "Ines Dahl", id="one-of-the-voters-who"),
    pytest.param(
        "The vote made Tom Berg one of the few councillors who have promised to keep the "
        "ferry running.",
        "keep the ferry running", "Tom Berg", id="made-a-name-one-of"),
    pytest.param(
        "Ana Ruiz says she will vote for the plan but has withheld her support. It is a risky "
        "position that makes her one of the only councillors in the county who has refused "
        "to take a firm stand for or against the pier.",
        "take a firm stand", "Ana Ruiz", id="makes-her-one-of"),
    pytest.param(
        "It was the harbour master who said the pier was unsafe.",
        "pier was unsafe", "the harbour master", id="a-clefts-it-never-speaks"),
]


@pytest.mark.parametrize(("text", "words", "speaker"), CASES)
def test_the_right_subject_speaks(statements_of, text, words, speaker):
    quote = one(statements_of(text), words)
    assert (quote.kind, quote.speaker.name) == ("indirect", speaker)
