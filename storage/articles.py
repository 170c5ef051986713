"""Storing articles with their sentences and entities."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from sqlite_utils import Database

from bot.models import ParsedArticle, StoredArticle
from bot.models.articles import longest_paragraph_key
from storage.db import StorageError

ARTICLE_COLUMNS = ", ".join(f.name for f in fields(StoredArticle))


def shown_published(table: str) -> str:
    """SQL for an article's published time as a desk reads it: a date its writer gave with a
    zone and no time (midnight at their offset, `2026-12-04T00:00:00+01:00`, stored as 23:00 UTC
    the day before) as that day's midnight in UTC, as a date given alone is stored, so it shows
    as the day the article gave (`2026-12-04`); any other time as stored."""
    published, offset = f"{table}.published", f"{table}.published_offset"
    return (f"CASE WHEN {offset} AND strftime('%H:%M:%f', {published}, {offset} || ' minutes') "
            f"= '00:00:00.000' THEN date({published}, {offset} || ' minutes') "
            f"|| 'T00:00:00+00:00' ELSE {published} END")


def source_url(table: str) -> str:
    """SQL for the address whose host ``source:`` reads: none for a link its feed could not
    vouch for (``RawArticle.link_vouched``)."""
    return f"CASE WHEN {table}.link_unvouched THEN NULL ELSE {table}.url END AS url"


def matched_source(table: str) -> str:
    """SQL for the source name ``source:`` reads: the feed's own where the shown one is an
    entry's ``<source>`` the feed may not relay (``RawArticle.vouched_source``)."""
    return f"COALESCE({table}.vouched_source, {table}.source) AS source"


def shown_last_seen(story: str) -> str:
    """SQL for a story's last time as a desk reads it: the day its newest report gave, when
    that report gave a date with its zone and no time (``shown_published``); else as stored."""
    return (f"coalesce((SELECT {shown_published('a')} FROM story_articles sa JOIN articles a "
            f"ON a.id = sa.article_id WHERE sa.story_id = {story}.id AND a.published = "
            f"{story}.last_seen LIMIT 1), {story}.last_seen)")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_by_hash(db: Database, content_hash: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
    return row[0] if row else None


def at_link(db: Database, url: str, *, limit: int) -> list[StoredArticle]:
    """The latest articles stored with this link, newest first."""
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE url = ? ORDER BY id DESC LIMIT ?"
    return [StoredArticle(**row) for row in db.query(sql, [url, limit])]


def unlinked(db: Database, *, title: str, source: str | None,
             limit: int) -> list[StoredArticle]:
    """The latest articles stored without a link under this title from this source (none
    named: none), newest first (on the title's index, core/m006)."""
    sql = (f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE title = ? AND url IS NULL AND "
           "source IS ? ORDER BY id DESC LIMIT ?")
    return [StoredArticle(**row) for row in db.query(sql, [title, source, limit])]


def unlinked_alike(db: Database, *, body: str, source: str | None,
                   limit: int) -> list[StoredArticle]:
    """The latest articles stored without a link from this source whose longest paragraph
    reads as this body's, newest first (on its index, core/m007)."""
    sql = (f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE longest_key = ? AND url IS NULL AND "
           "source IS ? ORDER BY id DESC LIMIT ?")
    return [StoredArticle(**row) for row in db.query(
        sql, [longest_paragraph_key(body), source, limit])]


def insert_article(db: Database, parsed: ParsedArticle) -> int:
    """Insert one parsed article; call inside the article's transaction. Plain statements, not
    sqlite-utils' table inserts, which look the table up on every call: this is the hot path."""
    article = parsed.article
    conn = db.conn
    article_id = conn.execute(
        "INSERT INTO articles (content_hash, url, title, body, source, published, dateline, "
        "byline, origin, ingested_at, published_offset, dated_ahead, longest_key, "
        "link_unvouched, vouched_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.content_hash, article.url, article.title, article.body, article.source,
         article.published, article.dateline, article.byline, article.origin, now_iso(),
         article.published_offset, article.dated_ahead,
         None if article.url else longest_paragraph_key(article.body),
         None if article.link_vouched else 1, article.vouched_source),
    ).lastrowid
    if not isinstance(article_id, int):
        raise StorageError("no id for the article inserted")
    conn.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                     [(article_id, i, s.start, s.end) for i, s in enumerate(parsed.sentences)])
    conn.executemany(
        'INSERT INTO entities (article_id, start, "end", label, text) VALUES (?, ?, ?, ?, ?)',
        [(article_id, e.start, e.end, e.label, e.text) for e in parsed.entities])
    return article_id


def get_article(db: Database, article_id: int) -> StoredArticle | None:
    rows = list(db.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]))
    return StoredArticle(**rows[0]) if rows else None

