"""Which clause a quote's speaker comes from, when a sentence holds more than one person's
words (session 37, speakers37r; issue 14): each on text written here."""

from __future__ import annotations

import pytest

from bot.models import Quote


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
    "Mara Lind is more patient with the council than her deputy is, eager to settle the fares "
    "dispute.",
    "Mara Lind chairs the ferry users' group. Since her group grew on complaints about fares, "
    "she has been more careful in interviews than Okafor has been, keen to keep the council on "
    "side.",
])
def test_words_after_a_comparison_are_the_compared_persons_not_the_one_compared_to(
        extract, body):
    [(speaker, _)] = _said(extract(body), "to ")
    assert speaker == "Mara Lind"


@pytest.mark.parametrize(("body", "words", "name"), [
    ("A protester later identified as Mara Lind, a nurse from Leith, wanted to know whether the "
     "council would publish the bills.", "publish the bills", "Mara Lind"),
    ("A man named Tobias Grant said the ferry was late every day.", "ferry was late",
     "Tobias Grant"),
    ("One voter, identified only as Tobias, said the ferry was late.", "ferry was late",
     "Tobias"),
])
def test_a_described_subject_speaks_by_the_name_it_is_given(extract, body, words, name):
    assert [s for s, _ in _said(extract(body), words)] == [name]


def test_a_name_the_subject_gave_someone_else_is_not_the_subjects(extract):
    quotes = extract("Police have identified the driver as Tobias Grant, a spokesman said.")
    assert [s for s, _ in _said(quotes, "identified the driver")] == ["a spokesman"]


@pytest.mark.parametrize("body", [
    "Her support went from Berg to Lund to, lately, Okafor, Tobias Grant told the meeting.",
    "The club's backing passed from Berg to Lund to, finally, Okafor, Grant wrote in the "
    "newsletter.",
])
def test_a_name_ending_the_clause_is_not_the_speaker_named_right_before_the_verb(extract, body):
    [(speaker, _)] = _said(extract(body), "from Berg to Lund")
    assert speaker in {"Tobias Grant", "Grant"}


def test_a_name_in_apposition_after_a_description_still_speaks(extract):
    [(speaker, _)] = _said(extract("Her brother, Tobias Grant, said the pier should close."),
                           "pier")
    assert speaker == "Tobias Grant"


def test_a_place_after_the_speakers_town_is_not_a_second_name(extract):
    quotes = extract("Ines Dahl of Charleston, South Carolina says the ferry levy is unfair.")
    [speaker] = [s for s, _ in _said(quotes, "ferry levy")]
    assert speaker is not None and speaker.startswith("Ines Dahl")


@pytest.mark.parametrize(("body", "words", "name"), [
    ("Tom Berg of Dayton, Ohio said he would vote against the harbour levy.",
     "vote against", "Tom Berg"),
    ("“We cannot pay the levy twice,” Ana Ruiz from San Antonio, Texas told the meeting.",
     "pay the levy", "Ana Ruiz"),
])
def test_a_speaker_placed_by_town_and_state_is_not_the_state(extract, body, words, name):
    assert [speaker for speaker, _ in _said(extract(body), words)] == [name]
