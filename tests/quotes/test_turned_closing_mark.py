"""A closing quotation mark typed where the opening one belongs still opens the quotation, so
its words get the tag's speaker and the quote after it the same; on text written here and the
real spaCy model."""

from __future__ import annotations

from bot.nlp.quotes.marks import find_quote_spans
from tests.quotes.conftest import one, speaker_of

LEDE = ("The ferry board voted on Monday to close the northern pier for the winter. "
        "Harbourmaster Tomas Okafor had warned for months that its pilings were failing.\n\n")


def test_a_paragraph_opening_on_a_closing_mark_is_the_tags_speakers(statements_of):
    text = LEDE + ("” … in the case of the pier, the Okafor camp has already lost the argument,” "
                   "wrote Harbour Weekly magazine. “The board’s vote followed months of quiet "
                   "lobbying by the mainland operators, and the pier will stay shut until "
                   "spring.”\n\n"
                   "Okafor did not answer calls on Monday.")
    quotes = statements_of(text)
    first = one(quotes, "already lost the argument", "direct")
    assert first.text.startswith("… in the case")
    assert first.speaker.name == "Harbour Weekly magazine"
    # the name inside the first quote is no one the second one goes on with
    assert speaker_of(quotes, "months of quiet lobbying") == "Harbour Weekly magazine"


def test_a_closing_mark_before_a_word_inside_a_sentence_opens_the_words(statements_of):
    text = LEDE + ("Captain Ines Marlow said the closure was rushed. Doing so ”looked like a "
                   "favour to the mainland operators,” she said.\n\n")
    quotes = statements_of(text)
    assert speaker_of(quotes, "favour to the mainland operators", "mixed") == "Ines Marlow"


def test_a_closing_mark_after_a_word_still_closes():
    body = "“The pilings are rotten, ” Okafor said. “We told them.”"
    spans = find_quote_spans(body)
    assert [body[s.start:s.end] for s in spans] == ["The pilings are rotten", "We told them."]


def test_a_closing_mark_with_no_closing_mark_after_it_opens_nothing():
    body = "The sign read ”closed and nothing more on the line."
    assert find_quote_spans(body) == []
