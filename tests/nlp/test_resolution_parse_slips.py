"""He/she and names resolved past slips of the parser and the recogniser, on text written here."""

from __future__ import annotations


def test_he_after_a_verb_the_parser_took_for_a_modifier_is_that_verbs_subject(quotes_of, only):
    quotes = quotes_of(
        "Depot manager Peter Ferrant met union chief Tom Marsh on Monday to talk about the "
        "night shifts.\n\n"
        "At the rally last week, Ferrant mocked Marsh’s claim to speak for the drivers.\n\n"
        "“To be blunt, it is a fairy tale,” he said.")
    assert only(quotes, "direct", "fairy tale").speaker.name == "Peter Ferrant"


def test_she_after_a_day_the_subject_finder_took_for_the_subject_is_the_named_wife(
        quotes_of, only):
    quotes = quotes_of(
        "Jana Holt, a union steward, said the mood was calm. She said the crews would vote "
        "again on Friday.\n\n"
        "On the rally's second night Monday, Ferrant's wife, Odile, is scheduled to be among "
        "the speakers. She is rarely seen at his events. At a dinner last spring, she said, "
        "\"He listens more than he talks.\"")
    assert only(quotes, "direct", "listens more").speaker.name == "Odile"


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


def test_a_relative_tagged_a_firm_is_a_person_and_the_she_after_her(quotes_of, only):
    quotes = quotes_of(
        "Mayor Tomas Marsh opened the harbour fair on Sunday. Marsh said the ferries would "
        "return in spring.\n\n"
        "“The ferries are a promise he has broken twice,” said Carla Benedetti, a councillor "
        "who runs the harbour committee. “Nobody believes it now.”\n\n"
        "Aides say Ysolde Marsh, his daughter, also advises him on the budget and the "
        "ferries.\n\n"
        "“People here want the ferries back, and they want them this year,” she said at the "
        "fair.")
    assert only(quotes, "direct", "ferries back").speaker.name == "Ysolde Marsh"
