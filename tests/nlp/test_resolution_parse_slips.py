"""He/she and names resolved past slips of the parser and the recogniser, and a he/she conjoined
to its subject, on text written here."""

from __future__ import annotations

import pytest

SPEAKERS = [
    pytest.param(
        "Depot manager Peter Ferrant met union chief Tom Marsh on Monday to talk about the "
        "night shifts.\n\n"
        "At the rally last week, Ferrant mocked Marsh’s claim to speak for the drivers.\n\n"
        "“To be blunt, it is a fairy tale,” he said.",
        "direct", "fairy tale", "Peter Ferrant",
        id="he_after_a_verb_the_parser_took_for_a_modifier_is_that_verbs_subject"),
    pytest.param(
        "Jana Holt, a union steward, said the mood was calm. She said the crews would vote "
        "again on Friday.\n\n"
        "On the rally's second night Monday, Ferrant's wife, Odile, is scheduled to be among "
        "the speakers. She is rarely seen at his events. At a dinner last spring, she said, "
        "\"He listens more than he talks.\"",
        "direct", "listens more", "Odile",
        id="she_after_a_day_the_subject_finder_took_for_the_subject_is_the_named_wife"),
    pytest.param(
        "Mayor Tomas Marsh opened the harbour fair on Sunday. Marsh said the ferries would "
        "return in spring.\n\n"
        "“The ferries are a promise he has broken twice,” said Carla Benedetti, a councillor "
        "who runs the harbour committee. “Nobody believes it now.”\n\n"
        "Aides say Ysolde Marsh, his daughter, also advises him on the budget and the "
        "ferries.\n\n"
        "“People here want the ferries back, and they want them this year,” she said at the "
        "fair.",
        "direct", "ferries back", "Ysolde Marsh",
        id="a_relative_tagged_a_firm_is_a_person_and_the_she_after_her"),
    pytest.param(
        "Harbour chief Tom Berg has dominated the ferry debate for a year. Berg wants the old "
        "pier rebuilt. Berg told the council on Monday that the pier would be ready by spring, "
        "and Berg has promised a vote in March.\n\n"
        "Dockers' leader Piet Jansen said in an interview that the burden is on Berg. “We "
        "need a plan, not a promise,” he said.\n\n"
        "The veteran unionist did give Berg some credit during the interview, saying he had "
        "listened to the crews, but he suggested the harbour chief is no engineer.",
        "indirect", "no engineer", "Piet Jansen",
        id="he_conjoined_to_a_described_subject_is_that_person_not_the_man_named_most"),
]


@pytest.mark.parametrize(("text", "kind", "words", "name"), SPEAKERS)
def test_the_speaker_is_the_person_meant(quotes_of, only, text, kind, words, name):
    assert only(quotes_of(text), kind, words).speaker.name == name


def test_a_candidate_tagged_a_firm_inside_a_phrase_is_a_person_with_her_role(quotes_of, only):
    quotes = quotes_of(
        "Ruth Ellery, who runs the mill workers' union, said the turnout in Dunmore surprised "
        "her.\n\n"
        "The rally ended with Senate candidate Marta Quillfeather onstage. Quillfeather spoke "
        "for twenty minutes about the mills. She promised to fight for every job in the "
        "valley.\n\n"
        "“We will not give up on this town,” she said.")
    speaker = only(quotes, "direct", "give up").speaker
    assert speaker.name == "Marta Quillfeather"
    assert speaker.role == "Senate candidate"
