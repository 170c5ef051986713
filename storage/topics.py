"""Tracked topics in SQLite: a name and the query that decides which stories alert."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import BadInput, MatchReason, Topic, TopicStory
from storage.articles import now_iso, shown_last_seen
from storage.db import insert_row, rows_in
from storage.held_digests import forget_held
from storage.names import visible


class TopicError(BadInput):
    """A topic cannot be added, found or removed as asked."""


TOPIC_COLUMNS = "id, name, query, created_at, created_by"


LATEST_WALK = 1_000
"""The most stories ``topics_last_seen`` reads newest first (a read of the index it stops when
every topic has its latest); the stories of a topic none of them is tied to are grouped."""


def folded(name: str) -> str:
    """A topic's name as stored and looked up: NFKC-folded, so a name typed in full-width
    letters or with a ligature ("Ｐｏｒｔ strike") is the topic of its plain letters, and without
    the characters nobody sees (``storage.names``)."""
    return visible(unicodedata.normalize("NFKC", name))


def _topics(db: Database, rest: str, params: Sequence[object] = ()) -> list[Topic]:
    return [Topic(*row) for row in db.execute(f"SELECT {TOPIC_COLUMNS} FROM topics {rest}",
                                              params)]


def insert_topic(db: Database, *, name: str, query: str, created_by: str | None = None) -> int:
    """Store a topic whose query the caller has already checked."""
    name = folded(name)
    if get_topic(db, name):
        raise TopicError(f"topic '{name}' already exists")
    return insert_row(db, "topics", {"name": name, "query": query, "created_at": now_iso(),
                                     "created_by": created_by})


def list_queries(db: Database) -> list[Topic]:
    """Every topic with its query, oldest first (the order topics are matched in)."""
    return _topics(db, "ORDER BY id")


def topic_row(db: Database, topic_id: int) -> Topic:
    """A topic that must exist (just added, in the same transaction)."""
    rows = _topics(db, "WHERE id = ?", [topic_id])
    if not rows:
        raise TopicError(f"no topic #{topic_id}")
    return rows[0]


def topic_stored(db: Database, topic_id: int) -> bool:
    """Whether the topic is stored still (read again in a write: another hand may remove it)."""
    return db.execute("SELECT 1 FROM topics WHERE id = ?", [topic_id]).fetchone() is not None


def get_topic(db: Database, name: str) -> Topic | None:
    rows = _topics(db, "WHERE name = ? COLLATE NOCASE", [folded(name)])
    return rows[0] if rows else None


def list_topics(db: Database) -> list[Topic]:
    return _topics(db, "ORDER BY name COLLATE NOCASE")


def topics_last_seen(db: Database, *, walk: int = LATEST_WALK) -> dict[int, str]:
    """Each topic with a story: when its latest story was last seen (ISO text, sortable), as a
    desk reads it (``shown_last_seen``). Grouping every story of every topic took 2.7 ms at a
    year's 5,000 stories, at each App Home open, and grew with the archive."""
    latest = _latest_stories(db, walk)
    shown = dict(rows_in(db, f"SELECT s.id, coalesce({shown_last_seen('s')}, s.created_at) "
                         "FROM stories s WHERE s.id IN ({marks})", sorted(set(latest.values()))))
    return {topic: shown[story] for topic, story in latest.items()}


def _latest_stories(db: Database, walk: int) -> dict[int, int]:
    """Each topic's latest story: the newest stories read in order (``stories_latest``) until
    every topic with a story has one; a topic quiet past ``walk`` of them has its own stories
    grouped."""
    wanted = {row[0] for row in db.execute(
        "SELECT id FROM topics t WHERE EXISTS (SELECT 1 FROM story_topics st "
        "WHERE st.topic_id = t.id)")}
    latest: dict[int, int] = {}
    for topic, story in db.execute(
            "SELECT st.topic_id, s.id FROM stories s INDEXED BY stories_latest "
            "JOIN story_topics st ON st.story_id = s.id "
            "ORDER BY coalesce(s.last_seen, s.created_at) DESC, s.id DESC LIMIT ?",
            [walk]):
        latest.setdefault(topic, story)
        if len(latest) == len(wanted):
            break
    return latest | {topic: story for topic, story, _ in rows_in(
        db, "SELECT st.topic_id, s.id, max(coalesce(s.last_seen, s.created_at)) "
        "FROM story_topics st JOIN stories s ON s.id = st.story_id "
        "WHERE st.topic_id IN ({marks}) GROUP BY st.topic_id", sorted(wanted - latest.keys()))}


def recent_stories(db: Database, topic_id: int, limit: int = 10) -> list[TopicStory]:
    """The latest stories tied to a topic, newest first, with why they matched. The latest
    are picked first, then each one's shown time looked up: looked up for every story of the
    topic before the sort, App Home's topics took 27 ms at a year's 5,000 stories."""
    rows = db.execute(
        f"SELECT s.id, s.title, s.article_count, {shown_last_seen('s')}, s.summary, "
        "r.reasons, r.matched_at FROM (SELECT st.story_id, st.reasons, st.matched_at, "
        "coalesce(s.last_seen, s.created_at) AS latest FROM story_topics st JOIN stories s "
        "ON s.id = st.story_id WHERE st.topic_id = ? ORDER BY latest DESC, s.id DESC LIMIT ?) r "
        "JOIN stories s ON s.id = r.story_id ORDER BY r.latest DESC, s.id DESC",
        [topic_id, limit])
    return [TopicStory(id=story_id, title=title, article_count=count, last_seen=last_seen,
                       summary=tuple(json.loads(summary or "[]")),
                       reasons=tuple(MatchReason(**r) for r in json.loads(reasons or "[]")),
                       matched_at=matched_at)
            for story_id, title, count, last_seen, summary, reasons, matched_at in rows]


def story_matches(db: Database, story_id: int) -> list[tuple[str, tuple[MatchReason, ...]]]:
    """The topics the story is tied to, by name, each with why it matched."""
    return [(name, tuple(MatchReason(**r) for r in json.loads(reasons or "[]")))
            for name, reasons in db.execute(
                "SELECT t.name, st.reasons FROM story_topics st JOIN topics t ON "
                "t.id = st.topic_id WHERE st.story_id = ? ORDER BY t.name COLLATE NOCASE",
                [story_id])]


def story_topics(db: Database, story_id: int) -> list[tuple[str, str]]:
    """The name and query of each topic the story is tied to."""
    return [(row[0], row[1]) for row in db.execute(
        "SELECT t.name, t.query FROM story_topics st JOIN topics t ON t.id = st.topic_id "
        "WHERE st.story_id = ? ORDER BY t.id", [story_id])]


def story_topics_followed(db: Database, story_id: int,
                          targets: Sequence[str]) -> list[tuple[str, str]]:
    """The name and query of each topic the story is tied to that one of ``targets`` (a
    channel, a person) subscribes to."""
    return sorted((row[0], row[1]) for row in rows_in(
        db, "SELECT t.name, t.query FROM story_topics st JOIN topics t ON t.id = st.topic_id "
        "WHERE st.story_id = ? AND t.id IN (SELECT topic_id FROM subscriptions "
        "WHERE target_id IN ({marks}))", targets, before=(story_id,)))


def stories_on_topic(db: Database, topic_id: int, story_ids: Sequence[int]) -> frozenset[int]:
    """Which of these stories the topic matched."""
    return frozenset(row[0] for row in rows_in(
        db, "SELECT story_id FROM story_topics WHERE topic_id = ? AND story_id IN ({marks})",
        story_ids, before=(topic_id,)))


def remove_topic(db: Database, name: str) -> None:
    topic = get_topic(db, name)
    if not topic:
        raise TopicError(f"no topic named '{name}'")
    forget_held(db, [row[0] for row in db.execute("SELECT id FROM subscriptions WHERE "
                                                  "topic_id = ?", [topic.id])])
    for table in ("story_topics", "subscriptions"):
        db.execute(f"DELETE FROM {table} WHERE topic_id = ?", [topic.id])
    db.execute("DELETE FROM topics WHERE id = ?", [topic.id])


def set_query(db: Database, topic_id: int, query: str) -> None:
    """Store a topic's new query, one the caller has already checked."""
    db.execute("UPDATE topics SET query = ? WHERE id = ?", [query, topic_id])


def unlink_running(db: Database, topic_id: int, *, since: str, limit: int,
                   keep: Sequence[int]) -> int:
    """Untie the topic from the ``limit`` stories seen last since ``since`` (those
    ``storage.stories.recent_story_articles`` reads) but those in ``keep``; closed stories keep
    their tie, as what the topic followed then."""
    marks = ", ".join("?" * len(keep)) or "NULL"
    cursor = db.execute(
        "DELETE FROM story_topics WHERE topic_id = ? AND story_id IN (SELECT id FROM stories "
        "WHERE last_seen >= ? ORDER BY last_seen DESC, id DESC LIMIT ?) "
        f"AND story_id NOT IN ({marks})", [topic_id, since, limit, *keep])
    return cursor.rowcount
