"""Changing a topic's query in place: its subscriptions stay, and the stories still running
are matched again by the new query (ties the new one confirms keep when they matched, and say
why by the new query)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from bot.models import Topic
from bot.stories.query import TopicQueryError, topic_query
from bot.stories.tracking import RUNNING_LIMIT, matching_stories, running_since
from storage.articles import now_iso
from storage.stories import link_topic
from storage.topics import TopicError, set_query, unlink_running


@dataclass(frozen=True)
class QueryChange:
    old: str
    new: str
    running: int
    """Running stories the new query matches."""
    dropped: int
    """Running stories the old query had tied to the topic that the new one does not match."""


def change_query(db: Database, topic: Topic, query: str, *,
                 quiet_hours: float) -> QueryChange:
    """Give ``topic`` the query ``query`` (checked first); call inside a transaction."""
    query = query.strip()
    try:
        node = topic_query(query)
    except TopicQueryError as exc:
        raise TopicError(f"bad query: {exc.describe()}") from exc
    set_query(db, topic.id, query)
    since = running_since(db, quiet_hours=quiet_hours)
    if since is None:
        return QueryChange(topic.query, query, 0, 0)
    matched = list(matching_stories(db, node, since=since, limit=RUNNING_LIMIT))
    dropped = unlink_running(db, topic.id, since=since, limit=RUNNING_LIMIT,
                             keep=[row.story_id for row, _ in matched])
    now = now_iso()
    for row, result in matched:
        link_topic(db, story_id=row.story_id, topic_id=topic.id, article_id=row.article_id,
                   reasons=result.reasons, now=now, restate=True)
    return QueryChange(topic.query, query, len(matched), dropped)
