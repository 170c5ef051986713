"""A claim, warning or pledge a named person owns is that person's reported speech (session
38, speakers38r; issue 14): each on text written here."""

from __future__ import annotations

import pytest

from bot.models import Quote


def _by(quotes: list[Quote], name: str) -> list[str]:
    return [q.text for q in quotes if q.speaker.name == name]


@pytest.mark.parametrize(("body", "name", "words"), [
    ("The harbour board rejected Councillor Ana Ruiz's claim that the north pier was unsafe.",
     "Ana Ruiz", "that the north pier was unsafe"),
    ("Traders cheered Tomas Berg's pledge to reopen the fish market before the summer.",
     "Tomas Berg", "to reopen the fish market before the summer"),
    ("Few on the council believed Mara Lind's assurance that the ferry fares would not rise "
     "again this year.", "Mara Lind", "that the ferry fares would not rise again this year"),
])
def test_a_named_owners_claim_is_their_own_reported_speech(extract, body, name, words):
    assert words in _by(extract(body), name)


def test_an_owned_thing_with_no_clause_of_saying_is_no_quote(extract):
    quotes = extract("Ana Ruiz's boat, which was moored by the north pier, sank in the storm.")
    assert _by(quotes, "Ana Ruiz") == []
