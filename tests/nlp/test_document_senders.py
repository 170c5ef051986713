"""A document speaks for whoever sent it (session 44, speakers44c; issue 14), on text written
here: its sender before the group that released it, never the paper that obtained it, the body
a "from" phrase describes, and a campaign's memo as the campaign, not "the campaign's"."""

from __future__ import annotations

import pytest

SPEAKERS = [
    pytest.param(
        "The union put a batch of messages online on Monday.\n\n"
        "An email released by the Dock Workers Union and sent by Ines Calder, the port's "
        "finance director, to her staff warned that wages would be late.",
        "wages would be late", "Ines Calder",
        id="the_sender_not_the_group_that_released_it"),
    pytest.param(
        "The Harbour Safety Committee met on Tuesday to review the crash.\n\n"
        "A memo from the committee said that the pier would stay shut.",
        "pier would stay shut", "The Harbour Safety Committee",
        id="a_from_phrase_is_resolved_like_any_description"),
    pytest.param(
        "Ines Calder, the port's finance director, sent a memo to her staff on Friday.\n\n"
        "The memo, obtained by the Harbour Ledger, said that wages would be late.",
        "wages would be late", "Ines Calder",
        id="the_paper_that_obtained_it_does_not_speak_for_it"),
    pytest.param(
        "The pier has been shut since the storm.\n\n"
        "A Harbour Watch report released by the Dock Workers Union said that the pier was "
        "unsafe.",
        "pier was unsafe", "Harbour Watch",
        id="the_maker_named_in_its_phrase_not_the_group_that_released_it"),
    pytest.param(
        "The pier has been shut since the storm.\n\n"
        "A Harbour Watch email sent by Ines Calder said that the pier was unsafe.",
        "pier was unsafe", "Ines Calder",
        id="the_sender_before_the_name_in_its_phrase"),
]


@pytest.mark.parametrize(("text", "words", "name"), SPEAKERS)
def test_a_document_speaks_for_its_sender(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name


def test_an_owner_keeps_no_possessive_in_its_name(quotes_of, only):
    quote = only(quotes_of("The Ruiz campaign's memo said that the senator would not debate."),
                 "indirect", "would not debate")
    assert quote.speaker.name == "The Ruiz campaign"


def test_it_read_after_an_email_sent_by_someone_is_the_senders(quotes_of, only):
    text = ("The pier has been shut since the crash.\n\n"
            "The email, released by the Dock Workers Union, was sent on Friday by Ines Calder, "
            "the port's finance director.\n\n"
            "“The crew are safe and the tugs are on their way,” it read.")
    assert only(quotes_of(text), "direct", "crew are safe").speaker.name == "Ines Calder"
