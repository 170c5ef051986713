"""A channel's pause told by direct message (``bot.alerts.said_once``) when Slack will not open
the person's direct messages: held while the app may not open them yet, said once it may;
not said to an account that is gone (signed requests over real HTTP, a real SQLite file, the
fake Slack Web API)."""

from __future__ import annotations

import pytest

from bot.alerts import said_once
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.sayings import kept_count
from storage.subscriptions import subscribe
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled


@pytest.fixture
def followed(fresh_db) -> None:
    """#desk follows a topic, set up by U0ED."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")


def _archive(runtime) -> None:
    post_signed(events_url(runtime), event_body(
        {"type": "channel_archive", "channel": "C0DESK", "user": "U1"}),
        content_type="application/json")


def test_a_pause_told_to_a_person_whose_direct_messages_slack_will_not_open_yet_is_said_later(
        runtime, fake_slack, fresh_db, followed, monkeypatch):
    """The token lacks im:write (an app from an older manifest): Slack answers conversations.open
    `missing_scope` four times, more than a saying's tries, then the app is reinstalled.
    Before: settled unsaid at the first answer, the person never told. Now asked again each
    UNOPENED_WAIT (a minute; here half a second) without spending a try: said once."""
    monkeypatch.setattr(said_once, "UNOPENED_WAIT", 0.5)
    fake_slack.refuse_method("conversations.open", "missing_scope", count=4)
    _archive(runtime)
    [told] = wait_for(lambda: fake_slack.posts("D0ED"))
    assert "Port strike" in told.text
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) == 5
    sayings_settled(fresh_db)
    assert len(fake_slack.posts("D0ED")) == 1
    assert kept_count(fresh_db) == 0


def test_a_pause_is_not_told_to_an_account_that_is_gone(runtime, fake_slack, fresh_db, followed):
    """Slack answers conversations.open `user_disabled` for a deactivated account, as for
    good: settled at once, not asked again (nobody is there to read it)."""
    fake_slack.users["U0ED"] = {"id": "U0ED", "deleted": True}
    _archive(runtime)
    wait_for(lambda: fake_slack.calls_to("conversations.open", ok_only=False))
    sayings_settled(fresh_db)
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) == 1
    assert fake_slack.posts() == [] and kept_count(fresh_db) == 0
