"""Quote spans that held a second speaker's words (session 40, speakers40a; issue 14): a
reported clause ends where another speaker's clause is set off after it, and a straight
quotation mark is not closed by the curly pair quoted inside it. Each on text written here."""

from __future__ import annotations

from bot.nlp.quotes.marks import find_quote_spans


def _by(quotes, words: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if words in q.text]


def test_a_relative_clause_where_someone_else_argues_is_theirs_not_the_clauses(quotes_of):
    quotes = quotes_of(
        "Mayor Ines Lund vowed to scrap the harbour levy backed by Councillor Tom Berg, who "
        "argued that the pier could not be repaired without it.")
    assert _by(quotes, "scrap the harbour levy") == [
        ("Ines Lund", "to scrap the harbour levy backed by Councillor Tom Berg")]
    assert _by(quotes, "could not be repaired") == [
        ("Tom Berg", "that the pier could not be repaired without it")]


def test_a_concession_in_which_others_insist_ends_the_reported_clause(quotes_of):
    quotes = quotes_of(
        "Tom Berg told the council that the ferry would keep running all winter, though "
        "harbour engineers insisted that the north pier was unsafe.")
    assert _by(quotes, "keep running all winter") == [
        ("Tom Berg", "that the ferry would keep running all winter")]
    assert _by(quotes, "north pier was unsafe") == [
        ("harbour engineers", "that the north pier was unsafe")]


def test_the_speakers_own_reason_still_carries_the_clause_on(quotes_of):
    quotes = quotes_of(
        "Tom Berg said the ferry would stop in March because the owners believe that fuel "
        "will cost too much.")
    assert _by(quotes, "stop in March") == [
        ("Tom Berg", "the ferry would stop in March because the owners believe that fuel will "
                     "cost too much")]


def test_a_straight_mark_is_not_closed_by_the_curly_pair_quoted_inside_it():
    body = ("\"The board isn’t about “fair fares” any more. It wants the pier sold, and "
            "quickly.\"\n\nThe vote is on Monday.")
    spans = find_quote_spans(body)
    assert [body[s.start:s.end] for s in spans] == [
        "The board isn’t about “fair fares” any more. It wants the pier sold, and quickly."]


def test_a_straight_mark_typed_twice_with_a_curly_one_still_opens_one_quote():
    body = "\"“We will not sell the pier,” Ruiz said."
    spans = find_quote_spans(body)
    assert [body[s.start:s.end] for s in spans] == ["“We will not sell the pier"]
