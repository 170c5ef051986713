"""Storing quotes and finding them again through FTS5."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import Quote


def insert_quotes(db: Database, article_id: int, quotes: list[Quote]) -> None:
    db["quotes"].insert_all(
        {
            "article_id": article_id,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind,
            "speaker": q.speaker.name,
            "speaker_kind": q.speaker.kind,
            "speaker_role": q.speaker.role,
            "verb": q.verb,
            "cue": q.cue,
            "confidence": q.confidence,
        }
        for q in quotes
    )


def search_quotes(db: Database, text: str, *, limit: int = 5) -> list[dict]:
    """Quotes matching ``text``; the text is quoted so FTS5 syntax in it is never interpreted."""
    sql = (
        "SELECT quotes.*, articles.title AS article_title, articles.source, articles.url, "
        "articles.published FROM quotes JOIN articles ON articles.id = quotes.article_id "
        "WHERE quotes.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q "
        "ORDER BY rank LIMIT :limit)"
    )
    terms = [t for t in text.replace('"', " ").split() if t]
    if not terms:
        return []
    query = " ".join(f'"{t}"' for t in terms)
    return [dict(row) for row in db.query(sql, {"q": query, "limit": limit})]
