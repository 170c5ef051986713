"""A speech tag set between commas inside the words it reports ("The split, said Lund and
others, would …"; session 41, speakers41a; issue 14): the name after the verb speaks, and
the words after the comma closing the name's phrase are what was said, also when the parser
hung the name on the reported clause. Each on text written here."""

from __future__ import annotations


def _by(quotes, words: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if words in q.text]


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
