"""Transcripts quoted in a story: "NAME: words" turns are that person's words, a full-name
label introducing the surname-only turns after it; colons that name no one are never speakers.
On text written here and the real spaCy model."""

from __future__ import annotations

from bot.models import Quote
from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTERVIEW = (
    "A harbour official defended the ferry cuts on a morning programme on Sunday.\n\n"
    "MARISOL QUENTARA: Why cut the night ferry before the winter?\n\n"
    "DESMOND OKWUOSA: The night crossing loses money on every trip, and the crews have "
    "asked for shorter shifts for two years now.\n\n"
    "QUENTARA: The islanders say the cuts leave them stranded after dark. What do you "
    "tell them?\n\n"
    "OKWUOSA: We will run a water taxi on request, and the fares will be the same as the "
    "ferry's.\n\n"
    "The programme airs again on Monday.")


def _said(nlp, body: str) -> list[Quote]:
    return quotes_in_doc(nlp(body))


def test_a_full_name_label_introduces_the_surname_turns_after_it(nlp):
    said = _said(nlp, INTERVIEW)
    assert one(said, "Why cut the night ferry").speaker.name == "Marisol Quentara"
    assert one(said, "loses money on every trip").speaker.name == "Desmond Okwuosa"
    assert one(said, "leave them stranded after dark").speaker.name == "Marisol Quentara"
    assert one(said, "run a water taxi on request").speaker.name == "Desmond Okwuosa"


def test_a_one_off_label_inside_a_transcript_is_the_named_persons_turn(nlp):
    body = INTERVIEW.replace(
        "The programme airs again on Monday.",
        "Mayor Ingrid Vasquez-Tolle had backed the cuts in a speech last week.\n\n"
        "VASQUEZ-TOLLE: Every ferry we keep running empty is a school we cannot fund.")
    turn = one(_said(nlp, body), "a school we cannot fund")
    assert turn.speaker.name == "Ingrid Vasquez-Tolle"
    assert turn.kind == "direct"
    assert turn.text.startswith("Every ferry")


def test_the_president_label_is_the_president_the_article_named(nlp):
    body = ("President Halvard Strand took questions on the port strike on Friday.\n\n"
            "Reporters pressed him on the army's role in the docks.\n\n"
            "REPORTER: Will soldiers unload the ships?\n\n"
            "THE PRESIDENT: No soldier will set foot on the docks while talks go on.\n\n"
            "REPORTER: And if the talks fail?\n\n"
            "THE PRESIDENT: Then we will talk again, as long as it takes.")
    said = _said(nlp, body)
    assert one(said, "No soldier will set foot").speaker.name == "Halvard Strand"
    assert one(said, "as long as it takes").speaker.name == "Halvard Strand"
    assert not [q for q in said if "soldiers unload" in q.text]  # "REPORTER:" names no one


def test_colons_that_name_no_one_are_never_speakers(nlp):
    body = ("The jury returned on Thursday after two days of talks.\n\n"
            "The verdict: guilty on every count.\n\n"
            "Judge Imelda Rosqvist set sentencing for March.\n\n"
            "Note: the hearing was moved to the larger courtroom.\n\n"
            "Editor's note: an earlier version gave the wrong date.\n\n"
            "Update: the hearing ends at noon on Friday.\n\n"
            "Rosqvist: 10:30 on Monday.\n\n"
            "Rosqvist: 12 charges.\n\n"
            "Update: the court closes early on Friday.")
    assert _said(nlp, body) == []


def test_a_turn_quoting_someone_is_one_turn_of_its_speaker(nlp):
    body = INTERVIEW.replace(
        "OKWUOSA: We will run",
        "OKWUOSA: A skipper told me ‘nobody rides at two in the morning’, and she is right. "
        "We will run")
    said = _said(nlp, body)
    turn = one(said, "nobody rides at two")
    assert turn.speaker.name == "Desmond Okwuosa"
    assert turn.text.startswith("A skipper told me")
    assert turn.kind == "direct"
