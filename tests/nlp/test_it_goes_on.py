"""A speech tag whose "it" names no one goes on with the quote before it (session 44,
speakers44a; issue 14), on text written here: an email quoted paragraph by paragraph, "“…,” it
reads. / “…,” it said.", is the sender's throughout, not nobody's after the first."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

EMAIL = (
    "The harbour board published the messages on Tuesday.\n\n"
    "The first was written late at night by the deputy harbour master, Ines Calder, an hour "
    "after the ferry ran aground.\n\n"
    "“The crew are safe and the tugs are on their way,” it reads.\n\n"
    "“We will need the north berth cleared before dawn,” it said.\n\n"
    "“Nobody is to speak to the press until the board has met,” it read.\n\n"
    "The board has not said who received it.")


def test_a_run_of_it_tags_goes_on_with_the_first_quotes_speaker(quotes_of):
    quotes = quotes_of(EMAIL)
    assert speakers_of(quotes, "crew are safe") == ["Ines Calder"]
    assert speakers_of(quotes, "north berth") == ["Ines Calder"]
    assert speakers_of(quotes, "speak to the press") == ["Ines Calder"]


def test_an_it_tag_after_narrative_is_not_carried_from_an_older_quote(quotes_of):
    body = EMAIL.replace("“We will need the north berth cleared before dawn,” it said.",
                         "Tugs reached the ferry within the hour.\n\nThe tide turned at six.\n\n"
                         "“We will need the north berth cleared before dawn,” it said.")
    assert speakers_of(quotes_of(body), "north berth") != ["Ines Calder"]
