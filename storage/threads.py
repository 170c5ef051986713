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


def shown_before_move(db: Database, *, story_id: int, article_id: int,
                      target: str) -> tuple[int, str, PostedMessage] | None:
    """Where ``target`` was shown the article before a later correction (or a split) moved it
    into this story: its alert posted there under the story it left (that story's id and title,
    and the message)."""
    row = db.execute(
        "SELECT a.story_id, s.title, a.posted_channel, a.ts FROM story_articles sa "
        "JOIN alerts a ON a.article_id = sa.article_id AND a.story_id = sa.moved_from "
        "JOIN stories s ON s.id = a.story_id WHERE sa.article_id = ? AND sa.story_id = ? "
        "AND a.channel = ? AND a.status = 'sent' AND a.kind IN ('new', 'update') "
        "AND a.posted_channel IS NOT NULL AND a.ts IS NOT NULL ORDER BY a.id LIMIT 1",
        [article_id, story_id, target]).fetchone()
    return (row[0], row[1] or f"story {row[0]}", PostedMessage(row[2], row[3])) if row else None


def kept_link(db: Database, thread: PostedMessage) -> str | None:
    """The permalink Slack gave for ``thread`` before, if it did."""
    row = db.execute("SELECT permalink FROM thread_links WHERE channel = ? AND ts = ?",
                     [thread.channel, thread.ts]).fetchone()
    return str(row[0]) if row else None


def keep_link(db: Database, thread: PostedMessage, permalink: str) -> None:
    """Call inside a transaction."""
    db.execute("INSERT OR REPLACE INTO thread_links (channel, ts, permalink) VALUES (?, ?, ?)",
               [thread.channel, thread.ts, permalink])
