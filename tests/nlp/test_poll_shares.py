"""A share of respondents speaks for the poll its own sentence names, even where the parser
hung the poll on a clause of its own. On text written here."""

from __future__ import annotations

BLUNT = ("A Brackley College poll released on Monday was blunt: 52 percent of voters said the "
         "ferry fares were too high.")


def test_a_share_after_a_colon_speaks_for_the_poll_before_it(quotes_of, only):
    quote = only(quotes_of(BLUNT), "indirect", "fares were too high")
    assert quote.speaker.name == "Brackley College"


def test_polls_in_general_do_not_speak_for_a_share(quotes_of, only):
    text = "Recent polls were blunt: 52 percent of voters said the ferry fares were too high."
    quote = only(quotes_of(text), "indirect", "fares were too high")
    assert quote.speaker.name == "52 percent of voters"
