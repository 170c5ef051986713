"""A desk's day in Slack, second pass: what an editor still tripped over."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from tests.slack.conftest import run_command
from tests.slack.test_slack_desk_day import strike


def at_the_start_of_a_second() -> None:
    """Wait for the clock's next second, so what follows shares it."""
    time.sleep(1.02 - time.time() % 1)


def test_a_digest_lists_a_story_stored_in_the_second_of_the_subscription(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: the strike, stored in the same second as the hourly subscription, was in no
    digest (events were read from after the subscription's second)."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strike" walked OR strike')
    at_the_start_of_a_second()
    run_command(runtime, fake_slack, "/subscribe", '"Port strike" hourly', channel="C0DIGEST")
    strike(pipeline, hours_ago=1)
    [subscribed] = [row["created_at"] for row in fresh_db["subscriptions"].rows]
    [stored] = [row["created_at"] for row in fresh_db["story_articles"].rows]
    assert stored == subscribed, "the machine took over a second: run the test again"
    later = datetime.now(UTC) + timedelta(hours=1, minutes=5)
    runtime.send_due_digests(now=later)
    runtime.send_due_digests(now=later + timedelta(hours=1))
    [digest] = fake_slack.posts("C0DIGEST")
    assert digest.text == ("Hourly digest · Port strike: 1 new story — Dockworkers walk out at "
                           "Northhaven port")
