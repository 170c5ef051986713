"""A channel's backlog (hundreds of alerts queued while Slack holds it back) never holds up
another channel: the real SlackRuntime, a real SQLite file, the fake Slack over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.models import Verdict, VerdictKind
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.hardening.outbox import alert_id_of
from tests.slack.world import add_article, add_story

BUSY, QUIET = "C0BUSY", "C0QUIET"


def queue_stories(db: Database, channel: str, count: int) -> list[int]:
    """``count`` new stories alerting ``channel`` (a topic of its own); their alert ids."""
    with transaction(db):
        topic = add_topic(db, name=f"Desk {channel}", query=channel.lower())
        subscribe(db, topic_id=topic, target_type="channel", target_id=channel,
                  mode="realtime", created_by="U0ADMIN", at="2026-01-01T00:00:00+00:00")
    for n in range(count):
        article = add_article(db, title=f"{channel} story {n}")
        story = add_story(db, article_id=article, title=f"{channel} story {n}",
                          topic_ids=(topic,))
        with transaction(db):
            enqueue_alerts(db, Verdict(story, VerdictKind.NEW), article, [topic])
    return [row[0] for row in db.execute(
        "SELECT id FROM alerts WHERE channel = ? ORDER BY id", [channel])]


def passes(runtime: SlackRuntime, count: int, now: datetime) -> datetime:
    """``count`` sender passes a second apart (virtual time: Slack's one post a second per
    channel would make real time slow); returns the time after the last."""
    for _ in range(count):
        runtime.deliver_pending(now=now)
        now += timedelta(seconds=1.05)
    return now


def test_a_backlog_of_hundreds_in_one_channel_never_holds_up_another(runtime, fake_slack):
    db = runtime.store.get()
    busy = queue_stories(db, BUSY, 520)
    [quiet] = queue_stories(db, QUIET, 1)
    passes(runtime, 3, datetime.now(UTC))
    assert [alert_id_of(m) for m in fake_slack.posts(QUIET)] == [quiet], \
        "the quiet channel's alert goes out at once, beside the busy channel's first"
    assert [alert_id_of(m) for m in fake_slack.posts(BUSY)] == busy[:3], "in order"


def test_one_channels_429_never_holds_up_the_others(runtime, fake_slack):
    db = runtime.store.get()
    busy = queue_stories(db, BUSY, 3)
    quiet = queue_stories(db, QUIET, 3)
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"chat.postMessage"},
                         channel=BUSY)
    start = datetime.now(UTC)
    passes(runtime, 4, start)
    assert [alert_id_of(m) for m in fake_slack.posts(QUIET)] == quiet, \
        "the other channel posts at Slack's pace, a second apart"
    assert fake_slack.posts(BUSY) == [], "the channel Slack held back waits its Retry-After"
    passes(runtime, 4, start + timedelta(seconds=30))
    assert [alert_id_of(m) for m in fake_slack.posts(BUSY)] == busy, "then goes, in order"
    assert [c.status for c in fake_slack.calls_to("chat.postMessage", ok_only=False)
            ].count(429) == 1
