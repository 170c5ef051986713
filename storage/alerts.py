"""The outbox (one row per alert to deliver) and the alert views read back for rendering."""

from __future__ import annotations

import json

from sqlite_utils import Database

from bot.alerts.view import AlertView, KeyQuote
from bot.models import Verdict
from storage.articles import now_iso

ALERTING = ("new", "update")


def enqueue_alerts(db: Database, verdict: Verdict, article_id: int, topic_ids: list[int]) -> int:
    """Queue one alert per realtime channel or person subscribed to a matched topic."""
    if verdict.kind not in ALERTING or not topic_ids:
        return 0
    marks = ",".join("?" * len(topic_ids))
    targets = db.execute(
        f"SELECT DISTINCT target_id FROM subscriptions WHERE mode = 'realtime' "
        f"AND topic_id IN ({marks})",
        topic_ids,
    ).fetchall()
    now = now_iso()
    for (channel,) in targets:
        db.execute(
            "INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
            [verdict.story_id, article_id, channel, verdict.kind, now, now],
        )
    return len(targets)


def alert_view(db: Database, story_id: int, article_id: int, kind: str) -> AlertView:
    article = db["articles"].get(article_id)
    story = db["stories"].get(story_id)
    link = db.execute(
        "SELECT whats_new FROM story_articles WHERE article_id = ?", [article_id]
    ).fetchone()
    topics = [r[0] for r in db.execute(
        "SELECT topics.name FROM story_topics JOIN topics ON topics.id = story_topics.topic_id "
        "WHERE story_topics.story_id = ? ORDER BY topics.name", [story_id])]
    return AlertView(
        kind=kind,
        story_id=story_id,
        article_id=article_id,
        topics=tuple(topics),
        headline=article["title"],
        summary=tuple(json.loads(story["summary"] or "[]")),
        whats_new=tuple(json.loads(link[0]) if link and link[0] else ()),
        source=article["source"],
        url=article["url"],
        published=article["published"],
        key_quote=_key_quote(db, article_id),
    )


def _key_quote(db: Database, article_id: int) -> KeyQuote | None:
    row = db.execute(
        "SELECT text, speaker, speaker_role FROM quotes WHERE article_id = ? AND kind = 'direct' "
        "ORDER BY (speaker IS NULL), confidence DESC, start LIMIT 1",
        [article_id],
    ).fetchone()
    return KeyQuote(*row) if row else None


def topic_events_after(db: Database, cursor: int, *, limit: int = 100) -> list[dict]:
    """New-story and update events on stories that match at least one topic, after ``cursor``."""
    return [dict(r) for r in db.query(
        "SELECT sa.id, sa.story_id, sa.article_id, sa.verdict FROM story_articles sa "
        "WHERE sa.id > ? AND sa.verdict IN ('new', 'update') "
        "AND EXISTS (SELECT 1 FROM story_topics st WHERE st.story_id = sa.story_id) "
        "ORDER BY sa.id LIMIT ?", [cursor, limit])]
