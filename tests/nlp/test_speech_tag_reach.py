"""Which words a speech tag owns (session 41, speakers41a; issue 14), each on text written
here:

- a hyphen typed with a space on each side sets off a clause as a dash does, so copy typed
  without dash keys still ends one speaker's words where another's begin;
- a speech tag set between commas inside the words it reports ("The split, said Lund and
  others, would …"): the name after the verb speaks, and the words after the comma closing
  the name's phrase are what was said, also when the parser hung the name on them;
- "“…,” X said, according to Y": the words are X's, Y only reports that X said them
  (`/who-said` answers who said the words; PolNeAR's gold gives such quotes to Y, so this
  reading costs a few train records, docs/quotes-history.md)."""

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


def test_the_speaker_not_the_recording_that_reports_it_said_the_words(quotes_of):
    quotes = quotes_of(
        "“The pier will stay open all winter,” Ines Dahl said on Tuesday, according to a "
        "recording obtained by the Harbour Gazette.")
    assert _by(quotes, "open all winter") == [("Ines Dahl", "The pier will stay open all winter")]


def test_an_outlet_that_reports_a_named_speakers_words_is_not_their_speaker(quotes_of):
    quotes = quotes_of(
        "Tomas Brandt runs the harbour board. “We will not sell the ferry,” Brandt told "
        "reporters, according to the Harbour Gazette.")
    assert _by(quotes, "sell the ferry") == [("Tomas Brandt", "We will not sell the ferry")]


def test_according_to_with_no_speaker_of_its_own_still_names_the_source(quotes_of):
    quotes = quotes_of("“The levy has failed,” according to the Harbour Gazette.")
    assert _by(quotes, "levy has failed") == [("the Harbour Gazette", "The levy has failed")]


def test_a_source_named_before_the_speech_tag_only_reports_the_words(quotes_of):
    quotes = quotes_of(
        "According to the Harbour Gazette, Ines Ruiz told the board: “We will not sell the "
        "ferry.”")
    assert _by(quotes, "sell the ferry") == [("Ines Ruiz", "We will not sell the ferry.")]
