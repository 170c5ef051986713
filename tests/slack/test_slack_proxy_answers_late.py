"""Something in between (a proxy, a captive portal) answers a post in Slack's place with a page
of its own, an HTML 200 or an HTML 502, while Slack, slow behind it, makes the post only later:
nobody knows whether Slack acted, as after a dropped connection, so the alert is looked for
only after the late wait (three client timeouts), then posted again only if not there (the
run's parts in process, the fake Slack Web API over real HTTP, a real SQLite file). A message
the app says itself (an unmute) likewise."""

from __future__ import annotations

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.made_late import lookups, posted_once_after_the_late_wait
from tests.slack.muting import muted_story
from tests.slack.test_slack_app_posts_once import posts_settled, press_unmute
from tests.slack.test_slack_sender import follow, new_story

NOT_SLACKS = "not JSON: a proxy's page?"


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Strikes", query="strike*")


@pytest.mark.parametrize("status", [200, 502], ids=["sign-in page", "error page"])
def test_an_alert_a_proxy_answered_while_slack_made_it_later_is_posted_once(
        runtime, fake_slack, fresh_db, topic, at, status):
    """Before: the proxy's page counted as an answer, so the alert was looked for a second
    on, not found (Slack had not made it yet), and posted again: twice in the channel."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.garble_next(1, methods={"chat.postMessage"}, status=status, made_after=2.0)
    assert runtime.deliver_pending(now=at(0)) == 0
    status_now, error = fresh_db.execute("SELECT status, last_error FROM alerts").fetchone()
    assert status_now == "sending" and NOT_SLACKS in error and f"HTTP {status}" in error
    posted_once_after_the_late_wait(runtime, fake_slack, at)
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


def test_an_unmute_a_proxy_answered_while_slack_made_it_later_is_said_once(
        runtime, fake_slack, fresh_db):
    """Before: looked for two seconds on (AGAIN_WAIT), not found (Slack made it at five), and
    said again: twice in the channel. Now looked for three client timeouts on, found."""
    story = muted_story(runtime, fake_slack, fresh_db)
    fake_slack.garble_next(1, methods={"chat.postMessage"}, made_after=5.0)
    press_unmute(runtime, story)
    posts_settled(fake_slack, fresh_db, "C0DESK", calls=1)
    fake_slack.finish_late_work()
    [told] = fake_slack.posts("C0DESK")
    assert "Unmuted *Bridge closes for repairs*" in told.text
    assert lookups(fake_slack) == 1
