"""Tracked topics: a name and the query that decides which stories alert."""

from __future__ import annotations

from sqlite_utils import Database

from storage.articles import now_iso


class TopicError(Exception):
    """A topic cannot be added, found or removed as asked."""


def add_topic(db: Database, *, name: str, query: str, created_by: str | None = None) -> int:
    name, query = name.strip(), query.strip()
    if not name:
        raise TopicError("a topic needs a name")
    if get_topic(db, name):
        raise TopicError(f"topic '{name}' already exists")
    table = db["topics"]
    table.insert({"name": name, "query": query, "created_at": now_iso(), "created_by": created_by})
    return table.last_pk


def get_topic(db: Database, name: str) -> dict | None:
    rows = list(db["topics"].rows_where("name = ? COLLATE NOCASE", [name.strip()]))
    return rows[0] if rows else None


def list_topics(db: Database) -> list[dict]:
    return list(db["topics"].rows_where(order_by="name COLLATE NOCASE"))


def remove_topic(db: Database, name: str) -> None:
    topic = get_topic(db, name)
    if not topic:
        raise TopicError(f"no topic named '{name}'")
    for table in ("story_topics", "subscriptions"):
        db.execute(f"DELETE FROM {table} WHERE topic_id = ?", [topic["id"]])
    db.execute("DELETE FROM topics WHERE id = ?", [topic["id"]])
