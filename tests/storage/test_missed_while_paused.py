"""The alerts a channel paused by mistake (its id changed) did not get are queued once, from the
second of the pause on: times are stored to the second, and an article stored in the pause's
second may come after it (skipped: its channel was paused) or before it (queued then). The
comparison is inclusive and the outbox's unique index keeps the second from being queued twice;
a strict one would lose the first. So is a pause made in the very second the window of a
changed id opens (`since`): `resume_paused_for` resumes it, so its missed alerts are queued
(real SQLite)."""

from __future__ import annotations

from bot.models import Verdict, VerdictKind
from storage.alerts import enqueue_alerts, queue_missed
from storage.db import transaction
from storage.subscriptions import pause_target
from tests.slack.world import add_article, add_story, follow

PAUSED = "2026-12-06T09:00:00+00:00"
BEFORE = "2026-12-06T08:59:59+00:00"
REASON = "channel_not_found"


def _story(db, title: str, topic: int, at: str) -> tuple[int, int]:
    article = add_article(db, title=title)
    return add_story(db, article_id=article, title=title, topic_ids=(topic,), at=at), article


def test_what_was_stored_in_the_second_of_the_pause_is_queued_once(fresh_db):
    with transaction(fresh_db):
        topic = fresh_db["topics"].insert({"name": "Lamps", "query": "lamps",
                                           "created_at": BEFORE}).last_pk
    follow(fresh_db, topic, "C0VALE")
    earlier = _story(fresh_db, "Lamp guild meets", topic, BEFORE)
    queued_then = _story(fresh_db, "Lamp guild votes", topic, PAUSED)
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(queued_then[0], VerdictKind.NEW), queued_then[1],
                       [topic])
        pause_target(fresh_db, "C0VALE", reason=REASON, at=PAUSED)
    skipped = _story(fresh_db, "Lamps go dark", topic, PAUSED)
    with transaction(fresh_db):
        queued = queue_missed(fresh_db, "C0VALE", reason=REASON, since=PAUSED)
    alerts = [tuple(row) for row in fresh_db.execute(
        "SELECT story_id, article_id FROM alerts WHERE channel = 'C0VALE' ORDER BY id")]
    assert queued == 1
    assert alerts == [queued_then, skipped]
    assert earlier not in alerts
