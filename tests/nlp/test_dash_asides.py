"""Asides set off by dashes inside reported speech (session 42, speakers42a; issue 14), each on
text written here:

- "The pier - the harbour master said - will close": with hyphens typed for dashes the parser
  makes the aside's verb the root, and the words before the aside are still what was said;
- "X suggested that … - “…,” she said - and …": a quotation with a speech tag of its own, set
  in between dashes, is a second act of speech, not more of the first verb's words."""

from __future__ import annotations


def _by(quotes, words: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if words in q.text]


def test_the_words_before_a_hyphenated_aside_are_reported_too(quotes_of):
    quotes = quotes_of("The new pier - the harbour master said - will close for repairs in May.")
    assert _by(quotes, "pier") == [("the harbour master", "The new pier")]
    assert _by(quotes, "repairs") == [("the harbour master", "will close for repairs in May")]


def test_a_hyphenated_aside_without_a_speech_tag_stays_in_the_words(quotes_of):
    quotes = quotes_of("Tom Berg said that the ferry - a fine old boat - would sail at dawn.")
    assert _by(quotes, "sail at dawn") == [
        ("Tom Berg", "that the ferry - a fine old boat - would sail at dawn")]


def test_a_quotation_set_in_between_hyphens_is_not_the_clause_before_it(quotes_of):
    quotes = quotes_of(
        'Ines Ruiz suggested that the levy was too high - "We need to see the sums," she '
        "said - and charged that the board had hidden costs.")
    assert _by(quotes, "levy") == [("Ines Ruiz", "that the levy was too high")]
    assert _by(quotes, "sums") == [("Ines Ruiz", "We need to see the sums")]


def test_a_quotation_set_in_between_dashes_is_not_the_clause_before_it(quotes_of):
    quotes = quotes_of(
        "Ines Ruiz suggested that the levy was too high — “We need to see the sums,” she "
        "said — and charged that the board had hidden costs.")
    assert _by(quotes, "levy") == [("Ines Ruiz", "that the levy was too high")]


def test_a_quotation_after_a_dash_does_not_carry_on_the_clause_before_it(quotes_of):
    quotes = quotes_of(
        'Ines Ruiz suggested the harbour board had a fondness for costly plans - "It would '
        'have built a palace," Ruiz said twice - and reminded the crowd of the stakes.')
    assert _by(quotes, "fondness") == [
        ("Ines Ruiz", "the harbour board had a fondness for costly plans")]
    assert _by(quotes, "palace") == [("Ines Ruiz", "It would have built a palace")]
