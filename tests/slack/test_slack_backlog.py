"""A channel's backlog (hundreds of alerts queued while Slack holds it back) never holds up
another channel: the real SlackRuntime, a real SQLite file, the fake Slack over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.slack.runtime import SlackRuntime
from storage.alerts import pending_alerts
from tests.fakes.slack_api import DROPPED
from tests.hardening.outbox import (
    alert_id_of,
    build_outbox,
    check_each_alert_posted_once_in_order,
)

BUSY, QUIET = "C0BUSY", "C0QUIET"


def queue_stories(db: Database, channel: str, count: int) -> list[int]:
    """``count`` new stories alerting ``channel`` (a topic of its own); their alert ids."""
    build_outbox(db, stories=count, updates=0, name=channel, targets={"channel": (channel,)})
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


def test_a_backlog_of_500_while_slack_holds_its_channel_back_goes_once_in_order(runtime,
                                                                                 fake_slack):
    db = runtime.store.get()
    build_outbox(db, stories=50, updates=9, name=BUSY, targets={"channel": (BUSY,)})  # 500
    build_outbox(db, stories=5, updates=1, name=QUIET, targets={"channel": (QUIET,)})  # 10
    fake_slack.fail_fraction(0.3, status=429, retry_after=5, seed=3, channel=BUSY)
    fake_slack.drop_fraction(0.03, methods={"chat.postMessage"})
    now = datetime.now(UTC)
    for _ in range(12):
        now = passes(runtime, 1, now)
    assert len(fake_slack.posts(QUIET)) == 10, "the quiet channel's ten within twelve seconds"
    for _ in range(5000):
        if not pending_alerts(db):
            break
        now = passes(runtime, 1, now)
    check_each_alert_posted_once_in_order(db, fake_slack)
    statuses = [c.status for c in fake_slack.calls]
    assert statuses.count(429) > 50 and statuses.count(DROPPED) > 5, "Slack held back and dropped"
