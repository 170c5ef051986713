"""Tracked topics: a name and the query that decides which stories alert."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.stories.features import from_stored
from bot.stories.query import TopicQueryError, default_query, parse_query
from bot.stories.topics import match
from storage import stories as story_store
from storage.articles import now_iso

RUNNING_LIMIT = 500


class TopicError(Exception):
    """A topic cannot be added, found or removed as asked."""


def add_topic(
    db: Database, *, name: str, query: str | None, created_by: str | None = None,
    quiet_hours: float = 72.0,
) -> int:
    """Add a topic after checking its query, and tie it to the stories already running."""
    name, query = name.strip(), (query or "").strip()
    if not name:
        raise TopicError("a topic needs a name")
    try:
        query = query or default_query(name)
        node = parse_query(query)
    except TopicQueryError as exc:
        raise TopicError(f"bad query: {exc.describe()}") from exc
    if get_topic(db, name):
        raise TopicError(f"topic '{name}' already exists")
    table = db["topics"]
    table.insert({"name": name, "query": query, "created_at": now_iso(), "created_by": created_by})
    topic_id = table.last_pk
    _match_running(db, topic_id, node, quiet_hours)
    return topic_id


def _match_running(db: Database, topic_id: int, node, quiet_hours: float) -> int:
    """Link the new topic to recent stories whose latest article matches it."""
    latest = story_store.latest_seen(db)
    if not latest:
        return 0
    since = (datetime.fromisoformat(latest) - timedelta(hours=quiet_hours)).isoformat(
        timespec="seconds")
    linked = 0
    for row in story_store.recent_story_articles(db, since=since, limit=RUNNING_LIMIT):
        sentences, entities = story_store.article_parts(db, row["article_id"])
        features = from_stored(title=row["title"], body=row["body"], sentences=sentences,
                               entities=entities)
        result = match(node, features)
        if result.matched:
            story_store.link_topic(db, story_id=row["story_id"], topic_id=topic_id,
                                   article_id=row["article_id"],
                                   reasons=[r.as_dict() for r in result.reasons], now=now_iso())
            linked += 1
    return linked


def get_topic(db: Database, name: str) -> dict | None:
    rows = list(db["topics"].rows_where("name = ? COLLATE NOCASE", [name.strip()]))
    return rows[0] if rows else None


def list_topics(db: Database) -> list[dict]:
    return list(db["topics"].rows_where(order_by="name COLLATE NOCASE"))


def recent_stories(db: Database, topic_id: int, limit: int = 10) -> list[dict]:
    """The latest stories tied to a topic, newest first, with why they matched."""
    rows = db.query(
        "SELECT s.id, s.title, s.article_count, s.last_seen, s.summary, st.reasons, "
        "st.matched_at FROM story_topics st JOIN stories s ON s.id = st.story_id "
        "WHERE st.topic_id = ? ORDER BY coalesce(s.last_seen, s.created_at) DESC, s.id DESC "
        "LIMIT ?", [topic_id, limit])
    result = []
    for row in rows:
        row = dict(row)
        row["summary"] = json.loads(row["summary"] or "[]")
        row["reasons"] = json.loads(row["reasons"] or "[]")
        result.append(row)
    return result


def remove_topic(db: Database, name: str) -> None:
    topic = get_topic(db, name)
    if not topic:
        raise TopicError(f"no topic named '{name}'")
    for table in ("story_topics", "subscriptions"):
        db.execute(f"DELETE FROM {table} WHERE topic_id = ?", [topic["id"]])
    db.execute("DELETE FROM topics WHERE id = ?", [topic["id"]])
