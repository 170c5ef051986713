"""Checks that a database holds no half-written article: every child row has its article."""

from __future__ import annotations

from sqlite_utils import Database

CHILD_TABLES = ("sentences", "entities", "quotes", "story_articles", "alerts")


def orphan_counts(db: Database) -> dict[str, int]:
    """Rows, per table, whose article is not stored."""
    return {
        table: db.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        for table in CHILD_TABLES
    }


def assert_nothing_half_written(db: Database) -> None:
    assert orphan_counts(db) == dict.fromkeys(CHILD_TABLES, 0)
    without_sentences = db.execute(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
    ).fetchone()[0]
    without_story = db.execute(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
    ).fetchone()[0]
    assert (without_sentences, without_story) == (0, 0)
