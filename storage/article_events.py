"""Every article as it joined its story, with what decides whether it alerts."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import ArticleEvent


def article_events_after(db: Database, cursor: int, *, limit: int = 100) -> list[ArticleEvent]:
    """Story events after ``cursor``: verdict, hold reason (if any), whether a topic matches."""
    rows = db.query(
        "SELECT sa.id, sa.story_id, sa.article_id, sa.verdict, a.title, a.origin, "
        "h.reason AS hold, EXISTS (SELECT 1 FROM story_topics st "
        "WHERE st.story_id = sa.story_id) AS has_topic FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id "
        "LEFT JOIN alert_holds h ON h.article_id = sa.article_id "
        "WHERE sa.id > ? ORDER BY sa.id LIMIT ?", [cursor, limit])
    return [ArticleEvent(**{**r, "has_topic": bool(r["has_topic"])}) for r in rows]


def last_article_event(db: Database) -> int:
    """The newest event's id: a run reports only what happens after it starts."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM story_articles").fetchone()[0])


def alerts_queued_for(db: Database, article_id: int) -> int:
    """How many alerts (topic and quote, channels and people) the article put in the outbox."""
    return int(db.execute("SELECT count(*) FROM alerts WHERE article_id = ?",
                          [article_id]).fetchone()[0])
