"""How much the database holds, for `/wirewatch status`."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import Totals

STORED_LAST = "id = (SELECT max(id) FROM articles)"
"""The article stored last is the one of the highest id: read by the key, no index of times
(one cost every article stored: schema m018)."""


def totals(db: Database) -> Totals:
    """The counts and the last article's time `/wirewatch status` and `wirewatch run`'s start
    line give."""
    def count(table: str) -> int:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    last = db.execute(f"SELECT ingested_at FROM articles WHERE {STORED_LAST}").fetchone()
    return Totals(articles=count("articles"), stories=count("stories"), topics=count("topics"),
                  subscriptions=count("subscriptions"),
                  last_ingest=last[0] if last else None)


def last_article(db: Database) -> tuple[int, str, str] | None:
    """The article stored last: its id, title and when it was stored."""
    row = db.execute(f"SELECT id, title, ingested_at FROM articles WHERE {STORED_LAST}").fetchone()
    return (row[0], row[1], row[2]) if row else None
