"""Schema changes for quotes, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("quotes")

@MIGRATIONS()
def m001_quotes(db: Database) -> None:
    db.table("quotes").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "speaker": str,
            "speaker_kind": str,
            "speaker_role": str,
            "verb": str,
            "cue": str,
            "confidence": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("quotes").create_index(["article_id"])
    db.table("quotes").create_index(["speaker"])
    db.table("quotes").enable_fts(
        ["text", "speaker"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


@MIGRATIONS()
def m002_lookup(db: Database) -> None:
    """Speaker lookups ignore case; the FTS vocabulary lets lookups correct small typos."""
    db.execute("CREATE INDEX IF NOT EXISTS quotes_speaker_nocase "
               "ON quotes(speaker COLLATE NOCASE)")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts_vocab "
               "USING fts5vocab(quotes_fts, 'row')")


@MIGRATIONS()
def m003_vocabulary(db: Database) -> None:
    """Words of stored quotes with how many quotes hold each: typo fixes and rarest-term search.

    fts5vocab counts by scanning posting lists, far too slow per lookup at a million quotes.
    """
    db.execute("CREATE TABLE IF NOT EXISTS quote_vocab (term TEXT PRIMARY KEY, docs INTEGER "
               "NOT NULL) WITHOUT ROWID")
    db.execute("INSERT OR IGNORE INTO quote_vocab (term, docs) SELECT term, doc "
               "FROM quotes_fts_vocab")
    db.execute("DROP TABLE IF EXISTS quotes_fts_vocab")


@MIGRATIONS()
def m004_speakers(db: Database) -> None:
    """Every speaker once, findable by full name or last word, without scanning the FTS index."""
    from storage.quotes import count_speakers

    db.execute("CREATE TABLE IF NOT EXISTS quote_speakers (name TEXT PRIMARY KEY COLLATE NOCASE, "
               "last TEXT NOT NULL, quotes INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX IF NOT EXISTS quote_speakers_last ON quote_speakers(last)")
    rows = db.execute("SELECT speaker, count(*) FROM quotes WHERE speaker IS NOT NULL "
                      "GROUP BY speaker").fetchall()
    count_speakers(db, dict(rows))


@MIGRATIONS()
def m005_visible_quotes(db: Database) -> None:
    """Quotes and speakers stored before the ingest dropped zero-width and bidi characters are
    stored without them, and their words and names counted again: the index split the words."""
    from storage.visible_quotes import mend_quotes

    mend_quotes(db)
