"""What `/subscribe` alone lists in a channel wirewatch was removed from: its subscriptions are
paused, and the listing says so and why, as App Home and `/wirewatch status` do. The real Bolt
app over HTTP, signed events, the fake Slack, a real SQLite file."""

from __future__ import annotations

from storage.subscriptions import paused_subscriptions
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_sender import follow

PRIVATE = "G0PRIV"


def test_the_listing_of_a_channel_wirewatch_was_removed_from_says_its_alerts_are_paused(
        runtime, fake_slack, fresh_db):
    """Before: "• *Tides* as it happens", of a subscription that had posted nothing since
    wirewatch was removed from the channel."""
    fake_slack.add_channel(PRIVATE)
    added = run_command(runtime, fake_slack, "/topics", "add Tides tide OR tidal")["text"]
    assert "Tides" in added, added
    follow(fresh_db, 1, PRIVATE)
    listed = run_command(runtime, fake_slack, "/subscribe", "", channel=PRIVATE)["text"]
    assert "• *Tides* as it happens\n" in listed, listed
    gone = event_body({"type": "group_left", "channel": PRIVATE, "actor_id": "U1"})
    assert post_signed(events_url(runtime), gone, content_type="application/json").status == 200
    wait_for(lambda: len(paused_subscriptions(fresh_db)) == 1)
    listed = run_command(runtime, fake_slack, "/subscribe", "", channel=PRIVATE)["text"]
    assert "• *Tides* as it happens · paused: wirewatch was removed from the channel\n" \
        in listed, listed
    assert "someone types `/invite @wirewatch` there.\nUsage: " in listed, listed
