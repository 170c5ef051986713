"""Shapes of English news writing that recur, each read right whatever words fill it (text
written here)."""

from __future__ import annotations

import pytest

from bot.models import Quote
from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import speaker_of


@pytest.fixture
def extract(nlp):
    def run(body: str) -> list[Quote]:
        return quotes_in_doc(nlp(body))
    return run


def test_a_quote_hung_on_a_verb_no_list_holds_is_that_verbs_subjects(extract):
    """"“…,” the mayor teased Hale over his answer": the verb is no verb of saying, but the
    quote is its clause; the words are not the last person the paragraph before mentioned."""
    quotes = extract(
        "Harbour fight.\n\n"
        "PORTVALE - At a rally here last week, Ines Carvalho showed the crowd a clip of "
        "Councillor Brendan Hale awkwardly trying to defend Paul Dorsey's record.\n\n"
        "\"Councillor, let me help you out - the answer is no,\" the two-term mayor teased Hale "
        "over his answer, drawing cheers from the dockers. \"And that is why this town needs a "
        "new harbour board!\"")
    assert speaker_of(quotes, "let me help you") == "Ines Carvalho"
    assert speaker_of(quotes, "new harbour board") == "Ines Carvalho"


def test_a_quote_after_an_as_clause_is_that_clauses_subjects(extract):
    """"As the Harbour Boys sang in the 1990s, “…”": an "as" clause outside the marks says whose
    the words are, whatever its verb."""
    quotes = extract(
        "The pier closed for good on Monday.\n\n"
        "As the Harbour Boys sang back in the 1990s, \"They'll sell the pier and call it "
        "progress.\"")
    assert speaker_of(quotes, "sell the pier") == "Harbour Boys"
