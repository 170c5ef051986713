"""Stories a channel (or person) marked important: their thread updates also go to the channel."""

from __future__ import annotations

from sqlite_utils import Database

from storage.db import marks
from storage.stories import carried_choices, chosen_by, make_choice, undo_choice


def mark_important(db: Database, *, story_id: int, channel: str, user: str | None,
                   at: str) -> bool:
    """False when the story was marked there already (by whoever marked it first)."""
    return make_choice(db, "important_stories", story_id=story_id, channel=channel, user=user,
                       at=at)


def marked_by(db: Database, *, story_id: int, channel: str) -> str | None:
    """Who marked the story important in this channel (None: nobody, or nobody known)."""
    return chosen_by(db, "important_stories", story_id=story_id, channel=channel)


def unmark_important(db: Database, *, story_id: int, channel: str) -> bool:
    return undo_choice(db, "important_stories", story_id=story_id, channel=channel)


def carried_marks(db: Database, *, story_id: int, channel: str) -> list[tuple[int, str]]:
    """The stories (id, title) of reports moved out of this story that are marked important in
    ``channel`` since before they moved: marked with this story, whose mark the move kept."""
    return carried_choices(db, "important_stories", story_id=story_id, channel=channel)


def is_important(db: Database, story_id: int | None, channels: list[str]) -> bool:
    if story_id is None or not channels:
        return False
    row = db.execute(f"SELECT 1 FROM important_stories WHERE story_id = ? AND channel IN "
                     f"({marks(channels)}) LIMIT 1", [story_id, *channels]).fetchone()
    return row is not None
