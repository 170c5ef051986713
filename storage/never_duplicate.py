"""Sources marked "never a duplicate": their articles always alert, never count as rewrites."""

from __future__ import annotations

from sqlite_utils import Database


def mark_never_duplicate(db: Database, source_id: int) -> None:
    db.execute("UPDATE sources SET never_duplicate = 1 WHERE id = ?", [source_id])


def count_as_update(db: Database, article_id: int) -> None:
    """Record an article its story stage called a rewrite as an update of that story."""
    db.execute("UPDATE story_articles SET verdict = 'update' WHERE article_id = ? "
               "AND verdict = 'duplicate'", [article_id])
