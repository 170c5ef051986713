"""Two people of one surname: a full name giving another first name than the one the surname
was first registered under is a second person, even where the recogniser tags that name a
place or a firm; on text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import registry_of, speaker_of

FIRST_HOLDER = "Osric Penhale, the mayor of Brenmoor, opened the new bridge on Friday.\n\n"

SECOND_HOLDER_SPEAKS = (FIRST_HOLDER + "Dustin Penhale endorsed Vale on Wednesday. "
                        "“She will win the seat,” Dustin Penhale said.")

SECOND_HOLDER_REPORTS = (FIRST_HOLDER + "Reba Penhale endorsed Vale on Wednesday. "
                         "“The quay needs her,” Reba Penhale said.\n\n"
                         "“We built it in two years,” Penhale said.")


def test_a_second_first_name_before_a_shared_surname_is_its_own_speaker(statements_of):
    quotes = statements_of(SECOND_HOLDER_SPEAKS)
    assert speaker_of(quotes, "She will win the seat") == "Dustin Penhale"


def test_the_surname_alone_still_means_the_one_first_named(statements_of):
    quotes = statements_of(SECOND_HOLDER_REPORTS)
    assert speaker_of(quotes, "The quay needs her") == "Reba Penhale"
    assert speaker_of(quotes, "We built it in two years") == "Osric Penhale"


def test_the_registry_tells_the_two_holders_apart(nlp):
    registry = registry_of(nlp(SECOND_HOLDER_SPEAKS))
    assert registry.known_as("Penhale") == "Osric Penhale"
    assert registry.known_as("Osric Penhale") == "Osric Penhale"
    assert registry.another_holder("Dustin Penhale")
    assert not registry.another_holder("Osric Penhale")
    assert "Osric Penhale" not in {m.key for m in registry.mentions[1:]}


def test_a_first_name_written_without_its_accent_is_the_same_holder(nlp):
    registry = registry_of(nlp("Cécile Marrow, the harbour master of Brenmoor, closed the quay "
                               "on Monday.\n\nCecile Marrow said the tide was too high."))
    assert registry.known_as("Marrow") == "Cécile Marrow"
    assert not registry.another_holder("Cecile Marrow")
    assert registry.another_holder("Chloe Marrow")
