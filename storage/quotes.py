"""Storing quotes and finding them again: FTS5 candidates, vocabulary, speakers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from sqlite_utils import Database

from bot.models import Quote

WORD = re.compile(r"[^\W_]+")

HIT_COLUMNS = (
    "quotes.id, quotes.article_id, quotes.text, quotes.kind, quotes.speaker, "
    "quotes.speaker_kind, quotes.speaker_role, quotes.verb, quotes.cue, quotes.confidence, "
    "articles.title AS article_title, articles.source, articles.url, articles.published"
)


def normalise(text: str) -> str:
    """Lower case, no accents, words only: the way the FTS5 index (unicode61) splits text."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(WORD.findall(plain))


def count_terms(db: Database, texts: Iterable[str]) -> None:
    """Add each text's distinct words to the vocabulary with how many quotes hold them."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(normalise(text).split()))
    db.conn.executemany(
        "INSERT INTO quote_vocab (term, docs) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs", counts.items())


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
    count_terms(db, (q.text for q in quotes))


def fts_quote_ids(db: Database, match: str, *, limit: int) -> list[int]:
    """Ids of quotes matching an FTS5 expression built by the caller from escaped terms only."""
    sql = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    return [row[0] for row in db.execute(sql, [match, limit])]


def quote_texts(db: Database, ids: list[int]) -> list[tuple[int, str, str, str | None]]:
    """(id, text, kind, speaker) for ranking candidates before fetching whole rows."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, text, kind, speaker FROM quotes WHERE id IN ({marks})"
    return [tuple(row) for row in db.execute(sql, ids)]


def quotes_by_ids(db: Database, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = (f"SELECT {HIT_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
           f"WHERE quotes.id IN ({marks})")
    return [dict(row) for row in db.query(sql, ids)]


def term_counts(db: Database, terms: list[str]) -> dict[str, int]:
    """How many quotes hold each of these terms (terms no quote holds are left out)."""
    if not terms:
        return {}
    marks = ",".join("?" * len(terms))
    sql = f"SELECT term, docs FROM quote_vocab WHERE term IN ({marks})"
    return {row[0]: row[1] for row in db.execute(sql, terms)}


def terms_with_prefix(db: Database, prefix: str, *, limit: int = 5000) -> list[tuple[str, int]]:
    """Indexed terms starting with ``prefix`` and how many quotes hold each."""
    sql = "SELECT term, docs FROM quote_vocab WHERE term >= ? AND term < ? LIMIT ?"
    return [(r[0], r[1]) for r in db.execute(sql, [prefix, prefix + "\U0010ffff", limit])]


def speakers_named(db: Database, match: str, *, limit: int = 200) -> list[str]:
    """Distinct speaker names among quotes whose speaker column matches an FTS5 expression."""
    sql = ("SELECT DISTINCT quotes.speaker FROM quotes WHERE quotes.id IN "
           "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?)")
    return [row[0] for row in db.execute(sql, [match, limit]) if row[0]]


def speaker_exists(db: Database, name: str) -> str | None:
    row = db.execute("SELECT speaker FROM quotes WHERE speaker = ? COLLATE NOCASE LIMIT 1",
                     [name]).fetchone()
    return row[0] if row else None


def latest_by_speaker(db: Database, names: list[str], *, limit: int) -> list[dict]:
    """The latest quotes (direct first, then the rest) by any of these speakers."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    sql = (f"SELECT {HIT_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
           f"WHERE quotes.speaker COLLATE NOCASE IN ({marks}) "
           f"ORDER BY quotes.id DESC LIMIT ?")
    rows = [dict(row) for row in db.query(sql, [*names, limit * 4])]
    rows.sort(key=lambda r: r["kind"] != "direct")
    return rows[:limit]
