"""Where a story's thread is: the first alert posted about it, for links to that thread."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import PostedMessage


def story_thread(db: Database, story_id: int, target: str) -> PostedMessage | None:
    """The story's first posted alert in ``target``, else anywhere."""
    row = db.execute(
        "SELECT posted_channel, ts FROM alerts WHERE story_id = ? AND status = 'sent' "
        "AND thread_ts IS NULL AND kind IN ('new', 'update') AND posted_channel IS NOT NULL "
        "AND thread_gone_at IS NULL "
        "ORDER BY (channel != ?), id LIMIT 1", [story_id, target]).fetchone()
    return PostedMessage(row[0], row[1]) if row else None


def kept_link(db: Database, thread: PostedMessage) -> str | None:
    """The permalink Slack gave for ``thread`` before, if it did."""
    row = db.execute("SELECT permalink FROM thread_links WHERE channel = ? AND ts = ?",
                     [thread.channel, thread.ts]).fetchone()
    return str(row[0]) if row else None


def keep_link(db: Database, thread: PostedMessage, permalink: str) -> None:
    """Call inside a transaction."""
    db.execute("INSERT OR REPLACE INTO thread_links (channel, ts, permalink) VALUES (?, ?, ?)",
               [thread.channel, thread.ts, permalink])
