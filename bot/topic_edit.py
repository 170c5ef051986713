"""Changing a topic's query in place: its subscriptions stay, and the stories still running
are matched again by the new query (ties the new one confirms keep when they matched)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.stories.query import TopicQueryError, parse_query
from bot.stories.tracking import RUNNING_LIMIT, matching_stories
from storage import stories as story_store
from storage.articles import now_iso
from storage.topics import TopicError, get_topic, set_query, unlink_running


@dataclass(frozen=True)
class QueryChange:
    old: str
    new: str
    running: int
    """Running stories the new query matches."""
    dropped: int
    """Running stories the old query had tied to the topic that the new one does not match."""


def change_query(db: Database, name: str, query: str, *, quiet_hours: float) -> QueryChange:
    """Give the topic NAME the query ``query`` (checked first); call inside a transaction."""
    topic = get_topic(db, name)
    if topic is None:
        raise TopicError(f"no topic named '{name}'")
    try:
        node = parse_query(query.strip())
    except TopicQueryError as exc:
        raise TopicError(f"bad query: {exc.describe()}") from exc
    set_query(db, topic.id, query.strip())
    latest = story_store.latest_seen(db)
    if not latest:
        return QueryChange(topic.query, query.strip(), 0, 0)
    since = (datetime.fromisoformat(latest) - timedelta(hours=quiet_hours)).isoformat(
        timespec="seconds")
    matched = list(matching_stories(db, node, since=since, limit=RUNNING_LIMIT))
    dropped = unlink_running(db, topic.id, since=since, limit=RUNNING_LIMIT,
                             keep=[row.story_id for row, _ in matched])
    for row, result in matched:
        story_store.link_topic(db, story_id=row.story_id, topic_id=topic.id,
                               article_id=row.article_id, reasons=result.reasons, now=now_iso())
    return QueryChange(topic.query, query.strip(), len(matched), dropped)
