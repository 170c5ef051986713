"""The app deleted and created again (a new bot user, a new token, the same database): what
the desk already has is not posted again by the new bot, and nothing waiting is lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.slack.runtime import SlackRuntime
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_delivery_faults import deliver_all
from tests.slack.test_slack_sender import follow, new_story, update
from tests.slack.world import add_article, add_story

NEW_BOT, NEW_TOKEN = "UBOT0002", "xoxb-fake-second-bot-token"


@pytest.fixture
def desk(fresh_db, topic):  # noqa: F811 - the fixture imported above
    """A channel and a person (by direct message) follow the topic; one story is queued."""
    follow(fresh_db, topic, "C0DESK")
    follow(fresh_db, topic, "U0ANNA", kind="person")
    story_id, _ = new_story(fresh_db, topic)
    return story_id


def reinstalled(fake: FakeSlack, slack_settings, old: SlackRuntime) -> SlackRuntime:
    old.stop()
    fake.reinstall_as(NEW_BOT, NEW_TOKEN)
    runtime = SlackRuntime(replace(slack_settings, slack_bot_token=NEW_TOKEN))
    runtime.start()
    return runtime


def posted(fake: FakeSlack) -> Counter[int]:
    return Counter(m.metadata["event_payload"]["alert_id"] for m in fake.posts() if m.metadata)


def seen_by_anna(fake: FakeSlack) -> list[str]:
    """Anna's messages she can see: top level, or under a parent in the same conversation."""
    dms = [m for m in fake.posts() if m.channel.startswith("D") and m.channel.endswith("0ANNA")]
    parents = {(m.channel, m.ts) for m in dms}
    return [m.text for m in dms if not m.thread_ts or (m.channel, m.thread_ts) in parents]


def test_alerts_in_flight_as_the_bot_changes_are_not_posted_again(
        runtime, fake_slack, fresh_db, topic, desk, slack_settings, at):  # noqa: F811
    """The update reached Slack in the channel and in Anna's direct messages, but both
    answers were lost; then the app was made again as another bot user."""
    deliver_all(runtime, at)
    update(fresh_db, topic, desk, "Talks resume on Thursday")
    fake_slack.drop_next(2, methods={"chat.postMessage"})
    runtime.deliver_pending(now=at(20_000))  # the first drop: Slack down, the other waits
    runtime.deliver_pending(now=at(20_005))  # asked again: the first found, the second dropped
    assert len(fake_slack.posts()) == 4, "both updates are in Slack"
    runtime = reinstalled(fake_slack, slack_settings, runtime)
    try:
        deliver_all(runtime, at, start=30_000)
    finally:
        runtime.stop()
    assert set(posted(fake_slack).values()) == {1}, posted(fake_slack)
    statuses = Counter(r[0] for r in fresh_db.execute("SELECT status FROM alerts"))
    assert statuses == {"sent": 3, "failed": 1}, "the one the new bot cannot check is said"


def test_an_update_refused_while_the_app_was_gone_reaches_the_person_once(
        runtime, fake_slack, fresh_db, topic, slack_settings, at):  # noqa: F811
    """The app was uninstalled as an update to Anna went out (its token refused the post),
    then made again as another bot user: the update reaches her once, where she can see it
    (the story's thread, in the earlier bot's conversation with her, is not hers any more)."""
    follow(fresh_db, topic, "U0ANNA", kind="person")
    story_id, _ = new_story(fresh_db, topic)
    deliver_all(runtime, at)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    fake_slack.revoke_token()
    runtime.deliver_pending(now=at(15_601))  # the token is not checked again yet: tried
    tried = fake_slack.calls_to("chat.postMessage", ok_only=False)
    assert len(tried) == 2 and len(fake_slack.posts()) == 1, "the update's post was refused"
    runtime = reinstalled(fake_slack, slack_settings, runtime)
    try:
        deliver_all(runtime, at, start=30_000)
    finally:
        runtime.stop()
    assert sorted(posted(fake_slack).values()) == [1, 1], posted(fake_slack)
    assert len(seen_by_anna(fake_slack)) == 2


def test_a_persons_digest_in_flight_as_the_bot_changes_is_not_posted_again(
        runtime, fake_slack, fresh_db, topic, slack_settings, caplog):  # noqa: F811
    """Anna's hourly digest reached her direct messages but its answer was lost; then the app
    was made again as another bot user, which cannot read the earlier bot's conversation with
    her to check: the digest is not posted again, and the log says why."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id="U0ANNA",
                  mode="hourly", created_by="U0ANNA", at="2026-11-24T05:00:00+00:00")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    six = datetime(2026, 11, 24, 6, tzinfo=UTC)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert runtime.send_due_digests(now=six) == 0
    assert len(fake_slack.posts()) == 1, "the digest is in Anna's messages"
    runtime = reinstalled(fake_slack, slack_settings, runtime)
    try:
        for minute in range(1, 5):
            runtime.send_due_digests(now=six + timedelta(minutes=minute))
    finally:
        runtime.stop()
    assert len(fake_slack.posts()) == 1, [m.channel for m in fake_slack.posts()]
    assert any(r.levelname == "ERROR" and "bot user the app had before" in r.getMessage()
               for r in caplog.records)
