"""A finding closing its sentence after a comma ("…, a new poll finds.") reports the words
before it even when the parser hangs the tag on a noun of those words as a relative clause:
the poll is their source. On text written here."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

BRIDGE = "Bridge vote nears\n\nMost voters want a new bridge, a Harbour College poll finds.\n"


def test_a_closing_finding_the_parser_hung_on_a_noun_reports_the_sentence(quotes_of):
    assert speakers_of(quotes_of(BRIDGE), "Most voters want a new bridge") == ["Harbour College"]


def test_a_relative_clause_of_its_own_is_no_tag(quotes_of):
    quotes = quotes_of("Bridge vote nears\n\nThe mayor backed the bridge the survey found.\n")
    assert not speakers_of(quotes, "The mayor backed")
