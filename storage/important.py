"""Stories a channel (or person) marked important: their thread updates also go to the channel."""

from __future__ import annotations

from sqlite_utils import Database

from storage.db import marks


def mark_important(db: Database, *, story_id: int, channel: str, user: str | None,
                   at: str) -> None:
    db.execute("INSERT OR IGNORE INTO important_stories (story_id, channel, marked_by, "
               "marked_at) VALUES (?, ?, ?, ?)", [story_id, channel, user, at])


def unmark_important(db: Database, *, story_id: int, channel: str) -> bool:
    cursor = db.execute("DELETE FROM important_stories WHERE story_id = ? AND channel = ?",
                        [story_id, channel])
    return cursor.rowcount > 0


def is_important(db: Database, story_id: int | None, channels: list[str]) -> bool:
    if story_id is None or not channels:
        return False
    row = db.execute(f"SELECT 1 FROM important_stories WHERE story_id = ? AND channel IN "
                     f"({marks(channels)}) LIMIT 1", [story_id, *channels]).fetchone()
    return row is not None
