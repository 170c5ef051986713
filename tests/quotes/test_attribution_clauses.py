"""Which clause a quote's speaker comes from, when a sentence holds more than one person's
words (session 37, speakers37r; issue 14): each on text written here."""

from __future__ import annotations

import pytest

from bot.models import Quote
from bot.nlp.quotes import quotes_in_doc


@pytest.fixture
def extract(nlp):
    def run(body: str) -> list[Quote]:
        return quotes_in_doc(nlp(body))
    return run


def _said(quotes: list[Quote], words: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if words in q.text]


def test_a_second_speaker_set_beside_the_clause_with_while_says_their_own_words(extract):
    quotes = extract(
        "Councillor Ines Varga argued that the new tram depot would bring jobs to the east "
        "side, while Mayor Tobias Grant said that the plan would cost far more than promised.")
    assert _said(quotes, "cost far more") == [
        ("Tobias Grant", "that the plan would cost far more than promised")]
    assert _said(quotes, "tram depot") == [
        ("Ines Varga", "that the new tram depot would bring jobs to the east side")]


def test_a_while_clause_that_reports_nothing_of_its_own_stays_with_the_clause(extract):
    quotes = extract(
        "Most of the traders said they would stay open on Sunday, while a few would rather "
        "close.")
    [(_, words)] = _said(quotes, "stay open")
    assert "would rather close" in words


@pytest.mark.parametrize("body", [
    "Mara Lind is more careful in her speeches than her rival is, eager to win over the "
    "farmers.",
    "Mara Lind leads the Harbour Party. While her increasingly popular party thrives on anger "
    "at the banks, she has been more careful in her speeches than Okafor has been, keen to make "
    "her party more respectable.",
])
def test_words_after_a_comparison_are_the_compared_persons_not_the_one_compared_to(
        extract, body):
    [(speaker, _)] = _said(extract(body), "to ")
    assert speaker == "Mara Lind"
