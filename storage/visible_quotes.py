"""Quotes stored before the ingest dropped the characters nobody sees, mended once: the search
index split their words at those characters, so the words as every reader sees them missed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlite_utils import Database

from storage.accents import unaccented
from storage.quotes import INVISIBLE, WORD, count_speakers, normalise, searchable

log = logging.getLogger(__name__)

HIDDEN_GLOB = "*[" + "".join(map(chr, INVISIBLE)) + "]*"
"""A text holding one of ``INVISIBLE`` (SQLite's GLOB reads a class of any characters)."""
VOCAB = "temp.quotes_fts_columns"


def mend_quotes(db: Database) -> int:
    """Quotes and speakers stored as ingest stores them now (``searchable``); the index (by
    trigger), the vocabulary and the speaker list counted again for the words and names that
    changed. Returns how many quotes changed."""
    rows = db.execute("SELECT id, text, speaker FROM quotes WHERE text GLOB ? OR speaker GLOB ?",
                      [HIDDEN_GLOB, HIDDEN_GLOB]).fetchall()
    if not rows:
        return 0
    db.conn.executemany("UPDATE quotes SET text = ?, speaker = ? WHERE id = ?",
                        [(searchable(text), searchable(speaker), quote_id)
                         for quote_id, text, speaker in rows])
    terms = {t for _, text, _ in rows for t in set(_split(text)) ^ set(normalise(text).split())}
    _recount_terms(db, terms)
    names = {n for _, _, speaker in rows if speaker for n in (speaker, searchable(speaker))}
    _recount_speakers(db, names)
    log.warning("%d stored quotes held characters nobody sees (zero-width, bidi controls); "
                "stored without them, as the ingest stores quotes now", len(rows))
    return len(rows)


def _split(text: str) -> list[str]:
    """The words of ``text`` as the index split them, at the characters nobody sees."""
    return WORD.findall(unaccented(text))


def _recount_terms(db: Database, terms: Iterable[str]) -> None:
    """Each term's count of quotes as the index now holds it in their text: only the words a
    hidden character split or joined, whose counts depended on the code that stored them."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING "
               "fts5vocab(main, quotes_fts, 'col')")
    try:
        for term in sorted(terms):
            row = db.execute(f"SELECT doc FROM {VOCAB} WHERE term = ? AND col = 'text'",
                             [term]).fetchone()
            if row:
                db.execute("INSERT INTO quote_vocab (term, docs) VALUES (?, ?) "
                           "ON CONFLICT(term) DO UPDATE SET docs = excluded.docs", [term, row[0]])
            else:
                db.execute("DELETE FROM quote_vocab WHERE term = ?", [term])
    finally:
        db.execute(f"DROP TABLE IF EXISTS {VOCAB}")


def _recount_speakers(db: Database, names: set[str]) -> None:
    """Each of ``names`` listed with as many quotes as it has now (none: not listed)."""
    marks = ", ".join("?" * len(names))
    ordered = sorted(names)
    db.execute(f"DELETE FROM quote_speakers WHERE name IN ({marks})", ordered)
    counts = db.execute(f"SELECT speaker, count(*) FROM quotes WHERE speaker COLLATE NOCASE "
                        f"IN ({marks}) GROUP BY speaker", ordered).fetchall()
    count_speakers(db, dict(counts))
