"""A newspaper is no person and its name stays whole; a clitic is no one's name (issue 14,
outlets33); on text written here and the real spaCy model."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("body", "paper"), [
    ("The Harbour Daily Ledger reported on Monday that the council had quietly cut the ferry "
     "budget.\n\nThe Ledger said the vote was held behind closed doors, and that two members "
     "walked out.", "The Harbour Daily Ledger"),
    ("The budget was cut on Monday, the New Arden Times reported.\n\nThe Times said the vote "
     "was held behind closed doors. “Nobody told us a thing,” the Times reported.",
     "the New Arden Times"),
    ("The ferry was cut, the Harbour Daily Ledger reported. “There was no vote,” a member "
     "said, according to the Ledger.", "the Harbour Daily Ledger"),
])
def test_the_paper_by_its_last_word_is_the_paper_named_whole(quotes_of, body, paper):
    speakers = {(q.speaker.name, q.speaker.kind) for q in quotes_of(body)}
    assert speakers == {(paper, "organisation")}


def test_a_statement_given_just_before_is_the_givers_not_the_reporters(quotes_of, only):
    body = ("The Harbour Council said Mayor Ana Ruiz gave a written statement to reporters on "
            "Friday.\n\n“We will rebuild the pier before winter,” the statement said.")
    speaker = only(quotes_of(body), "direct", "rebuild the pier").speaker
    assert (speaker.name, speaker.kind) == ("Ana Ruiz", "person")


@pytest.mark.parametrize(("body", "contains", "name"), [
    ("Ana Ruiz chairs the harbour board. While she’s said she backs the plan, her deputy "
     "does not.", "backs the plan", "Ana Ruiz"),
    ("The harbour board has nine members. Several members who’ve said they back the plan "
     "stayed away.", "back the plan", "Several members"),
])
def test_a_clitic_subject_stands_for_the_word_it_is_written_onto(quotes_of, only, body,
                                                                 contains, name):
    assert only(quotes_of(body), "indirect", contains).speaker.name == name


def test_a_name_the_recogniser_began_with_a_clitic_begins_at_the_name(quotes_of, only):
    body = "Here’s Kowalski in 1998: “The harbour is the town's front door, and we will keep it open.”"
    speaker = only(quotes_of(body), "direct", "front door").speaker
    assert (speaker.name, speaker.kind) == ("Kowalski", "person")
