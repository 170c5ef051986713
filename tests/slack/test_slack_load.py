"""Load: hundreds of alerts (10,000 with WIREWATCH_LONG_TESTS=1) while Slack answers 429 to a
quarter of calls and 500 to a few: every alert arrives once, in order within each thread."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from tests.slack.test_slack_sender import follow
from tests.slack.world import add_article, add_story, add_update

LONG = os.environ.get("WIREWATCH_LONG_TESTS") == "1"
STORIES, ARTICLES, CHANNELS = (200, 5, 10) if LONG else (12, 5, 5)


def make_alerts(db) -> int:
    with transaction(db):
        topic = add_topic(db, name="Port strike", query="dockworkers")
    for c in range(CHANNELS):
        follow(db, topic, f"C{c:04d}")
    for s in range(STORIES):
        first = add_article(db, title=f"Story {s} begins")
        story_id = add_story(db, article_id=first, title=f"Story {s} begins", topic_ids=(topic,))
        with transaction(db):
            enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), first, [topic])
        for n in range(1, ARTICLES):
            article = add_article(db, title=f"Story {s} update {n}")
            add_update(db, story_id=story_id, article_id=article, whats_new=(f"Fact {n}",))
            with transaction(db):
                enqueue_alerts(db, Verdict(story_id, VerdictKind.UPDATE), article, [topic])
    return db.execute("SELECT count(*) FROM alerts").fetchone()[0]


def test_every_alert_arrives_once_in_thread_order_despite_429_and_500(
        runtime, fake_slack, fresh_db):
    total = make_alerts(fresh_db)
    assert total == STORIES * ARTICLES * CHANNELS
    fake_slack.fail_fraction(0.25, status=429, retry_after=0)
    fake_slack.fail_fraction(0.03, status=500)
    clock = datetime.now(UTC) + timedelta(hours=1)
    delivered, passes = 0, 0
    while delivered < total and passes < total * 3:
        delivered += runtime.deliver_pending(now=clock)
        clock += timedelta(seconds=1)
        passes += 1
    refused = [c for c in fake_slack.calls if c.status != 200]
    assert {c.status for c in refused} == {429, 500}, "the faults really happened"
    assert delivered == total
    statuses = {r[0] for r in fresh_db.execute("SELECT DISTINCT status FROM alerts")}
    assert statuses == {"sent"}
    by_alert = defaultdict(list)
    threads = defaultdict(list)
    roots = {}
    for message in fake_slack.posts():
        alert_id = message.metadata["event_payload"]["alert_id"]
        by_alert[alert_id].append(message)
        if message.thread_ts is None:
            roots[(message.channel, message.ts)] = alert_id
        threads[(message.channel, message.thread_ts or message.ts)].append(alert_id)
    assert sorted(by_alert) == list(range(1, total + 1))
    assert all(len(posts) == 1 for posts in by_alert.values()), "no alert posted twice"
    assert len(threads) == STORIES * CHANNELS
    for (channel, root_ts), alert_ids in threads.items():
        assert alert_ids == sorted(alert_ids) and len(alert_ids) == ARTICLES
        assert roots[(channel, root_ts)] == alert_ids[0]
    kinds = dict(fresh_db.execute("SELECT id, kind FROM alerts"))
    assert all(kinds[ids[0]] == "new" for ids in threads.values())
