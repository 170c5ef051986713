"""Muted stories as people see them: who muted what where, and undoing it."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import MutedStory
from storage.stories import carried_choices, chosen_by, undo_choice


def unmute_story(db: Database, *, story_id: int, channel: str) -> bool:
    return undo_choice(db, "mutes", story_id=story_id, channel=channel)


def carried_mutes(db: Database, *, story_id: int, channel: str) -> list[tuple[int, str]]:
    """The stories (id, title) of reports moved out of this story that are muted in
    ``channel`` since before they moved: muted with this story, whose mute the move kept."""
    return carried_choices(db, "mutes", story_id=story_id, channel=channel)


def muted_by(db: Database, *, story_id: int, channel: str) -> str | None:
    """Who muted this story in this channel (None when nobody did, or nobody is known)."""
    return chosen_by(db, "mutes", story_id=story_id, channel=channel)


def mutes_by(db: Database, user: str, *, limit: int = 50) -> list[MutedStory]:
    """Stories this person muted (anywhere), latest first, with their titles (and the story a
    mute came with, when a report moved out of it: ``carried_mutes``)."""
    return [MutedStory(**r) for r in db.query(
        "SELECT m.story_id, m.channel, m.muted_at, s.title, (SELECT coalesce(o.title, "
        "'story ' || o.id) FROM story_articles sa JOIN stories o ON o.id = sa.moved_from "
        "WHERE sa.story_id = m.story_id AND m.muted_at <= sa.moved_at ORDER BY sa.id LIMIT 1) "
        "AS muted_with FROM mutes m "
        "LEFT JOIN stories s ON s.id = m.story_id WHERE m.muted_by = ? "
        "ORDER BY m.muted_at DESC, m.story_id DESC LIMIT ?", [user, limit])]


def continuing_stories(db: Database, story_id: int, *, limit: int = 3) -> tuple[list[str], int]:
    """The titles of the latest ``limit`` stories that continue this running story (its mute
    holds for them: ``storage.threads.muted_with_running``), and how many there are in all."""
    rows = db.execute("SELECT coalesce(title, 'story ' || id), count(*) OVER () FROM stories "
                      "WHERE continues = ? ORDER BY id DESC LIMIT ?", [story_id, limit]).fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)


def story_title(db: Database, story_id: int) -> str:
    row = db.execute("SELECT title FROM stories WHERE id = ?", [story_id]).fetchone()
    return (row[0] if row else None) or f"story {story_id}"


def count_mutes_by(db: Database, user: str) -> int:
    """How many stories this person muted (anywhere)."""
    return int(db.execute("SELECT count(*) FROM mutes WHERE muted_by = ?", [user]).fetchone()[0])
