"""The database stops taking writes while alerts are on their way (a full disk; a filesystem
remounted read-only after an I/O error): delivery waits without flooding the log or Slack,
says why, and posts every alert once when writes work again."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts, mark_sending
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.logged import warnings_said
from tests.slack.world import add_article, add_story


@pytest.fixture
def alerts(fresh_db) -> dict[str, int]:
    """A new story alerting two channels: the alert ids by channel."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        for channel in ("C0DESK", "C0OPS"):
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    article_id = add_article(fresh_db, title="Dockworkers walk out")
    story_id = add_story(fresh_db, article_id=article_id, title="Dockworkers walk out",
                         topic_ids=(topic,))
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(story_id, VerdictKind.NEW), article_id, [topic])
    return {r["channel"]: r["id"] for r in fresh_db.query("SELECT id, channel FROM alerts")}


def test_a_database_that_stops_taking_writes_holds_delivery_quietly_and_loses_nothing(
        runtime, fake_slack, fresh_db, alerts, caplog, at):
    # C0OPS's alert reached Slack just as the writes stopped: the outbox still says "sending"
    with transaction(fresh_db):
        mark_sending(fresh_db, alerts["C0OPS"], channel="C0OPS")
    fake_slack.add_message("C0OPS", metadata={"event_type": "wirewatch_alert",
                                              "event_payload": {"alert_id": alerts["C0OPS"]}})
    db = runtime.store.get()
    db.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    caplog.set_level(logging.INFO)
    for n in range(240):  # a minute of the sender's quarter-second passes
        assert runtime.deliver_pending(now=at(n / 4)) == 0
    said = [r.getMessage() for r in warnings_said(caplog)]
    assert len(said) <= 2, said
    assert any("cannot write to the database" in line and "readonly" in line for line in said)
    assert len(fake_slack.calls) <= 4, "Slack is not asked again and again meanwhile"
    assert fake_slack.posts("C0DESK") == []

    db.execute("PRAGMA query_only = OFF")
    delivered = sum(runtime.deliver_pending(now=at(120 + n)) for n in range(10))
    assert delivered == 2
    assert len(fake_slack.posts("C0DESK")) == 1 and len(fake_slack.posts("C0OPS")) == 1
    statuses = {r["channel"]: r["status"] for r in fresh_db.query("SELECT channel, status FROM alerts")}
    assert statuses == {"C0DESK": "sent", "C0OPS": "sent"}


def test_digests_wait_for_the_database_too_and_go_once(runtime, fake_slack, fresh_db, alerts,
                                                      caplog, at, t0):
    with transaction(fresh_db):  # C0DESK takes the topic hourly; its story is an hour old
        fresh_db.execute("UPDATE alerts SET status = 'sent'")
        fresh_db.execute("DELETE FROM alerts WHERE channel = 'C0DESK'")  # no alert of its own
        fresh_db.execute("UPDATE subscriptions SET mode = 'hourly', last_digest_at = ? "
                         "WHERE target_id = 'C0DESK'", [(t0 - timedelta(hours=2)).isoformat()])
        fresh_db.execute("UPDATE story_articles SET created_at = ?",
                         [(t0 - timedelta(minutes=90)).isoformat()])
    db = runtime.store.get()
    db.execute("PRAGMA query_only = ON")
    for minute in range(10):  # the digest job runs every minute
        assert runtime.send_due_digests(now=at(60 * minute)) == 0
    said = [r.getMessage() for r in warnings_said(caplog)]
    assert len(said) == 1 and "cannot write to the database" in said[0], said
    db.execute("PRAGMA query_only = OFF")
    assert sum(runtime.send_due_digests(now=at(60 * minute)) for minute in range(10, 15)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1
