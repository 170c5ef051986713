"""Dropping what only the story matching reads, once a story has been closed long enough.

Kept for good: articles, sentences, quotes, entities, stories, story_articles, story_topics,
alerts, feature_df. Dropped for a story closed long enough: its articles' ``story_features``
rows, its ``story_index`` postings and its articles' ``story_meaning`` vectors. A closed story
is never a candidate again (its postings and vectors are all the matching finds it by), so
nothing reads them. Its threads' permalinks (``thread_links``) go too: only a digest reads
them, and a digest lists only stories that had an article in its period, which a closed one
never has again (a story that comes back starts a new story and thread). A feed's change of
health told that long ago (``source_changes``, and its notices' ``source_notices`` links) goes
too, once all its notices are settled (``storage.source_notices.prune_told``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.models.times import utc_time
from storage.db import change_in, rows_in, transaction
from storage.stories import latest_seen

BATCH = 500
"""Stories per transaction: each holds the write lock for a fraction of a second."""
PAUSE = 0.1
"""Seconds, at least, between two batches, so waiting writers take the lock in between."""


@dataclass(frozen=True)
class Compacted:
    """What one compaction dropped."""

    stories: int = 0
    articles: int = 0
    postings: int = 0
    vectors: int = 0
    links: int = 0
    changes: int = 0

    def __add__(self, other: Compacted) -> Compacted:
        return Compacted(self.stories + other.stories, self.articles + other.articles,
                         self.postings + other.postings, self.vectors + other.vectors,
                         self.links + other.links, self.changes + other.changes)


@dataclass(frozen=True)
class Cutoff:
    """A story older than both is closed long enough: its newest article's own time before
    ``seen_before`` (the stream's clock) and its last arrival before ``arrived_before`` (the
    desk's clock; None on a replay, where arrival says nothing)."""

    seen_before: str
    arrived_before: str | None


def cutoff(db: Database, *, days: float, quiet_hours: float,
           now: datetime | None) -> Cutoff | None:
    """Closed for ``days`` after going quiet, measured from the newest story activity in the
    database and from ``now``; None when there is nothing to compact (no story, or days 0)."""
    latest = latest_seen(db)
    if days <= 0 or not latest:
        return None
    age = timedelta(hours=quiet_hours) + timedelta(days=days)
    seen_before = (utc_time(latest) - age).isoformat(timespec="seconds")
    arrived_before = (now - age).isoformat(timespec="seconds") if now is not None else None
    return Cutoff(seen_before, arrived_before)


def closed_stories(db: Database, before: Cutoff, *, limit: int = BATCH) -> list[int]:
    """Stories still holding matching data that are closed long enough, oldest first."""
    query = ("SELECT id FROM stories INDEXED BY stories_uncompacted "
             "WHERE compacted_at IS NULL AND last_seen < ?")
    args: list[object] = [before.seen_before]
    if before.arrived_before is not None:
        query += " AND updated_at < ?"
        args.append(before.arrived_before)
    rows = db.execute(query + " ORDER BY last_seen LIMIT ?", [*args, limit]).fetchall()
    return [row[0] for row in rows]


def drop_matching_data(db: Database, story_ids: list[int], *, now: str) -> Compacted:
    """Drop these stories' matching data (and their threads' kept permalinks) in one
    transaction and mark them compacted."""
    if not story_ids:
        return Compacted()
    with transaction(db):
        features = list(rows_in(
            db, "SELECT story_id, data FROM story_features WHERE story_id IN ({marks})",
            story_ids))
        postings = {(key, story_id) for story_id, data in features
                    for key in json.loads(data).get("x", [])}
        db.conn.executemany("DELETE FROM story_index WHERE key = ? AND story_id = ?",
                            sorted(postings))
        vectors = change_in(
            db, "DELETE FROM story_meaning WHERE article_id IN (SELECT article_id FROM "
            "story_articles WHERE story_id IN ({marks}))", story_ids)
        change_in(db, "DELETE FROM story_features WHERE story_id IN ({marks})", story_ids)
        links = change_in(
            db, "DELETE FROM thread_links WHERE (channel, ts) IN (SELECT posted_channel, ts "
            "FROM alerts WHERE story_id IN ({marks}) AND thread_ts IS NULL AND ts IS NOT NULL)",
            story_ids)
        change_in(db, "UPDATE stories SET compacted_at = ? WHERE id IN ({marks})", story_ids,
                  before=[now])
    return Compacted(len(story_ids), len(features), len(postings), vectors, links)


def compact(db: Database, before: Cutoff, *, now: str, batch: int = BATCH,
            pause: float = PAUSE, stopping: Callable[[], bool] | None = None) -> Compacted:
    """Drop the matching data of every story closed long enough, ``batch`` stories per
    transaction, resting between transactions at least as long as the last one took; a stop
    (``stopping``) ends it between two, and the next compaction goes on from there."""
    done = Compacted()
    while True:
        story_ids = closed_stories(db, before, limit=batch)
        started = time.monotonic()
        done += drop_matching_data(db, story_ids, now=now)
        if len(story_ids) < batch or (stopping and stopping()):
            return done
        time.sleep(max(pause, time.monotonic() - started))
