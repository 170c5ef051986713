"""A hyphen typed with a space on each side sets off a clause as a dash does (session 41,
speakers41a; issue 14): copy typed without dash keys still ends one speaker's words where
another's begin. Each on text written here."""

from __future__ import annotations


def _by(quotes, words: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if words in q.text]


def test_a_concession_set_off_by_a_spaced_hyphen_ends_the_reported_clause(quotes_of):
    quotes = quotes_of(
        "Tom Berg told the council that the ferry would keep running all winter - though "
        "harbour engineers insisted that the north pier was unsafe.")
    assert _by(quotes, "keep running all winter") == [
        ("Tom Berg", "that the ferry would keep running all winter")]
    assert _by(quotes, "north pier was unsafe") == [
        ("harbour engineers", "that the north pier was unsafe")]


def test_a_hyphen_inside_a_word_sets_nothing_off(quotes_of):
    quotes = quotes_of(
        "Tom Berg told the council that the ferry would keep running all winter, though "
        "anti-levy campaigners insisted that the north pier was unsafe.")
    assert _by(quotes, "north pier was unsafe") == [
        ("anti-levy campaigners", "that the north pier was unsafe")]
