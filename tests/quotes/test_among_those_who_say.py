"""A relative clause on what a copula says its subject is speaks for that subject ("Ines Dahl
is among those who say …" is Dahl's), not for a cleft's "it" nor across a comma; on text
written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_among_those_who_say_is_the_subjects(statements_of):
    text = ("Ines Dahl, a ferry user from Halden, is among those who say they have no "
            "intention of backing the mayor.")
    quote = one(statements_of(text), "no intention of backing")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Ines Dahl")


def test_one_of_the_voters_who_believe_is_the_subjects(statements_of):
    text = "Ines Dahl is one of the voters who believe the ferry should run all night."
    quote = one(statements_of(text), "ferry should run all night")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Ines Dahl")


def test_a_clefts_it_never_speaks(statements_of):
    text = "It was the harbour master who said the pier was unsafe."
    quote = one(statements_of(text), "pier was unsafe")
    assert quote.speaker.name == "the harbour master"
