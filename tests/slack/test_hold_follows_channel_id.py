"""A channel Slack holds back (429, Retry-After) gets a new id during the hold
(`channel_id_changed`: shared with another organisation): the hold follows it, in the run and
in the database, so the channel's alerts do not go out inside Slack's window under the new id.
The Bolt app over HTTP with a signed event, the fake Slack, real SQLite."""

from __future__ import annotations

from storage.slack_holds import kept_holds
from tests.slack.conftest import wait_for
from tests.slack.test_slack_lifecycle import send_event
from tests.slack.test_slack_sender import follow, new_story

OLD, NEW = "G0HOLD", "C0HOLD"


def test_a_channels_hold_follows_its_new_id(runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    """Before: the hold stayed on the old id, in the run and in the database (the moved alert
    waited by its own next try, but a digest to the new id, or a restart, was not held)."""
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    new_story(fresh_db, topic, title="Dockworkers walk out")
    fake_slack.fail_next(1, status=429, retry_after=60, channel=OLD)
    assert runtime.deliver_pending(now=at(0)) == 0

    fake_slack.change_channel_id(OLD, NEW)
    send_event(runtime, {"type": "channel_id_changed", "old_channel_id": OLD,
                         "new_channel_id": NEW, "event_ts": "1612206778.000000"})
    wait_for(lambda: fresh_db.execute("SELECT channel FROM alerts").fetchall() == [(NEW,)])
    assert runtime.deliver_pending(now=at(5)) == 0, "no post inside the hold, under either id"
    assert runtime.deliver_pending(now=at(61)) == 1
    assert len(fake_slack.posts(NEW)) == 1
    assert f"channel:{NEW}" in [key for key, _, _ in kept_holds(fresh_db)], "kept for a restart"
