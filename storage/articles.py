"""Storing articles with their sentences and entities."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from sqlite_utils import Database

from bot.models import ParsedArticle, StoredArticle
from storage.db import insert_row

ARTICLE_COLUMNS = ", ".join(f.name for f in fields(StoredArticle))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_by_hash(db: Database, content_hash: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
    return row[0] if row else None


def insert_article(db: Database, parsed: ParsedArticle) -> int:
    """Insert one parsed article; call inside the article's transaction."""
    article = parsed.article
    article_id = insert_row(
        db,
        "articles",
        {
            "content_hash": article.content_hash,
            "url": article.url,
            "title": article.title,
            "body": article.body,
            "source": article.source,
            "published": article.published,
            "dateline": article.dateline,
            "byline": article.byline,
            "origin": article.origin,
            "ingested_at": now_iso(),
        }
    )
    db.table("sentences").insert_all(
        {"article_id": article_id, "idx": i, "start": s.start, "end": s.end}
        for i, s in enumerate(parsed.sentences)
    )
    db.table("entities").insert_all(
        {"article_id": article_id, "start": e.start, "end": e.end, "label": e.label, "text": e.text}
        for e in parsed.entities
    )
    return article_id


def get_article(db: Database, article_id: int) -> StoredArticle | None:
    rows = list(db.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]))
    return StoredArticle(**rows[0]) if rows else None

