"""Polls made for someone speak for the pollster the article names with them elsewhere, and a
pollster's name ending in a survey's word is the pollster; on text written here and the real
spaCy model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

EXIT_POLLS = ("Most voters back the ferry plan. According to early findings of doorstep polls "
              "conducted by Edgeley Research for the Ledger and local radio, most voters are "
              "older than 50.\n\nTurnout was high in the river towns.\n\n"
              "According to early findings of doorstep polls conducted for the Ledger and local "
              "radio, most voters distrust the mayor.")

FIRM_LAST = ("Most voters back the ferry plan. According to early findings of doorstep polls "
             "conducted for the Ledger and local radio by Edgeley Research, most voters are "
             "older than 50.")

EARLIER_POLL = "A Harbour Post poll conducted by Edgeley Research found Ruiz ahead in May. "


@pytest.mark.parametrize(("text", "said"), [
    (EXIT_POLLS, "most voters distrust the mayor"),
    (FIRM_LAST, "most voters are older than 50"),
])
def test_polls_made_for_someone_speak_for_their_pollster(statements_of, text, said):
    speaker = one(statements_of(text), said).speaker
    assert (speaker.name, speaker.kind) == ("Edgeley Research", "organisation")


@pytest.mark.parametrize(("polls", "source"), [
    ("results of polls released Sunday", "results of polls released Sunday"),
    ("results of polls conducted for two weeks", "results of polls conducted for two weeks"),
])
def test_polls_in_general_take_no_earlier_pollster(statements_of, polls, source):
    """Only polls made for someone are particular ones: polls released on a day or conducted
    for a time are not the poll named before them."""
    text = f"{EARLIER_POLL}According to {polls}, Ruiz is losing ground."
    speaker = one(statements_of(text), "losing ground").speaker
    assert (speaker.name, speaker.kind) == (source, "unnamed")
