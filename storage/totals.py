"""How much the database holds, for `/wirewatch status`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class Totals:
    """Rows in the tables a newsroom counts, and when the last article was stored."""

    articles: int
    stories: int
    topics: int
    subscriptions: int
    last_ingest: str | None


def totals(db: Database) -> Totals:
    def count(table: str) -> int:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    last = db.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    return Totals(articles=count("articles"), stories=count("stories"), topics=count("topics"),
                  subscriptions=count("subscriptions"), last_ingest=last)
