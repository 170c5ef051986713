"""A channel's backlog (hundreds of alerts queued while Slack holds it back) never holds up
another channel: the real SlackRuntime, a real SQLite file, the fake Slack over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.models import Verdict, VerdictKind
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.alerts import count_pending, enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import DROPPED
from tests.hardening.outbox import alert_id_of, check_each_alert_posted_once_in_order
from tests.slack.world import add_article, add_story, add_update

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


def queue_threads(db: Database, channel: str, stories: int, updates: int) -> None:
    """``stories`` new stories for ``channel``, then each one's updates in turn (round-robin),
    so its threads interleave in the outbox as a busy night's do."""
    with transaction(db):
        topic = add_topic(db, name=f"Threads {channel}", query=f"{channel.lower()}threads")
        subscribe(db, topic_id=topic, target_type="channel", target_id=channel,
                  mode="realtime", created_by="U0ADMIN", at="2026-01-01T00:00:00+00:00")
    story_ids = []
    for round_no in range(updates + 1):
        for n in range(stories):
            title = f"{channel} story {n} development {round_no}"
            article = add_article(db, title=title)
            if round_no == 0:
                story_ids.append(add_story(db, article_id=article, title=title,
                                           topic_ids=(topic,)))
                verdict = Verdict(story_ids[n], VerdictKind.NEW)
            else:
                news = (f"Development {round_no}",)
                add_update(db, story_id=story_ids[n], article_id=article, whats_new=news)
                verdict = Verdict(story_ids[n], VerdictKind.UPDATE, whats_new=news)
            with transaction(db):
                enqueue_alerts(db, verdict, article, [topic])


def test_a_backlog_of_500_while_slack_holds_its_channel_back_goes_once_in_order(runtime,
                                                                                 fake_slack):
    db = runtime.store.get()
    queue_threads(db, BUSY, 50, 9)  # 500 alerts in 50 threads
    queue_threads(db, QUIET, 5, 1)  # 10, queued after them
    fake_slack.fail_fraction(0.3, status=429, retry_after=5, seed=3, channel=BUSY)
    fake_slack.drop_fraction(0.03, methods={"chat.postMessage"})
    now = datetime.now(UTC)
    for _ in range(12):
        now = passes(runtime, 1, now)
    assert len(fake_slack.posts(QUIET)) == 10, "the quiet channel's ten within twelve seconds"
    for _ in range(5000):
        if not count_pending(db):
            break
        now = passes(runtime, 1, now)
    check_each_alert_posted_once_in_order(db, fake_slack)
    statuses = [c.status for c in fake_slack.calls]
    assert statuses.count(429) > 50 and statuses.count(DROPPED) > 5, "Slack held back and dropped"
