"""What `/unsubscribe` answers when there was nothing to stop, in plain English for a person as
for a channel (signed requests over real HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

from tests.slack.conftest import run_command


def test_unsubscribing_what_one_never_had_reads_right_for_a_person(runtime, fake_slack):
    """Before: "You was not subscribed to *Tides*."."""
    added = run_command(runtime, fake_slack, "/topics", "add Tides tide OR tidal")["text"]
    assert "Tides" in added, added
    mine = run_command(runtime, fake_slack, "/unsubscribe", "me Tides")["text"]
    assert mine == "You were not subscribed to *Tides*.", mine
    here = run_command(runtime, fake_slack, "/unsubscribe", "Tides")["text"]
    assert here == "This channel was not subscribed to *Tides*.", here
