"""Quoted words in capitals right after a preposition or an owner ("a scene in ''The Long Tide
of Halden''", "Berg's “Notes From a Quiet Pier”") name a book, a show or a film: they are no
statement, whoever the sentence's tag names. Words in capitals that someone says or chants are
still theirs. On text written here and the real spaCy model."""

from __future__ import annotations

import pytest

OPENING = "Director Tomas Berg returned to Halden for the festival on Friday.\n\n"


@pytest.mark.parametrize(("sentence", "title"), [
    pytest.param("\"We filmed it in one take,\" said Berg, who appeared in \"The Long Tide: A "
                 "Story of Halden.\"", "The Long Tide", id="in"),
    pytest.param("\"It was a hard winter,\" said Berg, a co-author of \"Notes From a Quiet "
                 "Pier: Ten Years on the Northern Coast.\"", "Notes From", id="of"),
    pytest.param("\"It is the best book about us,\" Berg said of Lena Vogt's \"Salt and "
                 "Silence: A Year on the Ferry.\"", "Salt and", id="owner"),
])
def test_a_title_after_a_preposition_or_an_owner_is_no_statement(statements_of, sentence,
                                                                  title):
    quotes = statements_of(OPENING + sentence)
    assert [q.speaker.name for q in quotes] == ["Tomas Berg"]
    assert not [q for q in quotes if title in q.text]


def test_words_in_capitals_that_are_chanted_are_still_said(statements_of):
    text = OPENING + "\"Save Our Pier,\" Berg told the crowd."
    quotes = [q for q in statements_of(text) if "Save Our Pier" in q.text]
    assert [(q.kind, q.speaker.name) for q in quotes] == [("direct", "Tomas Berg")]
