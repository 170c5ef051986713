"""Which words a speech tag owns (session 41, speakers41a; issue 14), each on text written
here:

- a hyphen typed with a space on each side sets off a clause as a dash does, so copy typed
  without dash keys still ends one speaker's words where another's begin;
- a speech tag set between commas inside the words it reports ("The split, said Lund and
  others, would …"): the name after the verb speaks, and the words after the comma closing
  the name's phrase are what was said, also when the parser hung the name on them."""

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


def test_a_name_joined_to_others_after_an_inserted_verb_speaks(quotes_of):
    quotes = quotes_of(
        "The split with the council, said Tom Lund and others, would be plain since the "
        "council has no pilots on its side.")
    assert _by(quotes, "would be plain") == [
        ("Tom Lund", "would be plain since the council has no pilots on its side")]


def test_a_name_with_a_relative_aside_after_an_inserted_verb_speaks_the_words_after_it(
        quotes_of):
    quotes = quotes_of(
        "The split with the council, said Lund, who chairs the harbour board, would be plain "
        "since the council has no pilots on its side.")
    assert _by(quotes, "would be plain") == [
        ("Lund", "would be plain since the council has no pilots on its side")]
