"""How much the database holds, for `/wirewatch status`."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import Totals


def totals(db: Database) -> Totals:
    def count(table: str) -> int:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    last = db.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    return Totals(articles=count("articles"), stories=count("stories"), topics=count("topics"),
                  subscriptions=count("subscriptions"), last_ingest=last)


def last_article(db: Database) -> tuple[int, str, str] | None:
    """The article stored last: its id, title and when it was stored."""
    row = db.execute("SELECT id, title, ingested_at FROM articles "
                     "ORDER BY ingested_at DESC, id DESC LIMIT 1").fetchone()
    return (row[0], row[1], row[2]) if row else None
