"""Storing quotes and finding them again: FTS5 candidates, vocabulary, speakers."""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import overload

from sqlite_utils import Database

from bot.models import Quote, QuoteText, StoredQuote, StoryIds
from storage.accents import unaccented
from storage.articles import shown_published
from storage.db import dicts_in, rows_in

WORD = re.compile(r"[^\W_]+")

HIT_COLUMNS = (
    "quotes.id, quotes.article_id, quotes.text, quotes.kind, quotes.speaker, "
    "quotes.speaker_kind, quotes.speaker_role, quotes.verb, quotes.cue, quotes.confidence, "
    "articles.title AS article_title, articles.source, articles.url, "
    f"{shown_published('articles')} AS published, "
    "articles.origin, articles.ingested_at AS arrived"
)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
                                   "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
                                   "\u2064\u2066\u2067\u2068\u2069\ufeff"))
"""Characters nobody sees inside a word (soft hyphens, zero-width characters and joiners,
invisible separators, bidi marks and overrides, which Slack's texts drop too): in a query pasted
from a page, or in a quote or speaker's name as a feed sent it, they would split the word in two
for the FTS5 index (unicode61 splits at them): `/who-said from:Kowalski` missed
"Kow\u2063alski"."""
REACH_JOIN = " CROSS JOIN story_articles reach ON reach.article_id = {article}"
REACH_WHERE = (" AND (reach.story_id IN (SELECT value FROM json_each(?)) OR "
               "reach.folded_from IN (SELECT value FROM json_each(?)))")
"""The quotes of the articles of a set of stories (one JSON array: any number of ids, given
twice), those folded into another since included, read as a join after the quotes are found:
SQLite probing the FTS index once per quote id of the set instead reads each term's whole list
again every time (seconds, not milliseconds)."""


def normalise(text: str) -> str:
    """Lower case, no accents, words only: the way the FTS5 index (unicode61) splits text.
    ASCII text has nothing to decompose or fold beyond lower case: it skips those steps."""
    if text.isascii():
        return " ".join(WORD.findall(text.lower()))
    text = text.translate(INVISIBLE)
    return " ".join(WORD.findall(unaccented(text)))


@overload
def searchable(text: str) -> str: ...
@overload
def searchable(text: None) -> None: ...
def searchable(text: str | None) -> str | None:
    """``text`` as stored for search: without ``INVISIBLE``, as every reader sees it."""
    return None if text is None else text.translate(INVISIBLE)


def count_terms(db: Database, texts: Iterable[str]) -> None:
    """Add each text's distinct words to the vocabulary with how many quotes hold them."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(normalise(text).split()))
    db.conn.executemany(
        "INSERT INTO quote_vocab (term, docs) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs", counts.items())


def count_speakers(db: Database, counts: Mapping[str, int]) -> None:
    """Add speakers to the speaker list with how many quotes each has."""
    rows = [(name, (normalise(name).split() or [""])[-1], n) for name, n in counts.items()]
    db.conn.executemany(
        "INSERT INTO quote_speakers (name, last, quotes) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET quotes = quotes + excluded.quotes", rows)


def insert_quotes(db: Database, article_id: int, quotes: list[Quote]) -> None:
    """Insert an article's quotes (the FTS5 index follows by trigger); call inside the
    article's transaction."""
    db.conn.executemany(
        'INSERT INTO quotes (article_id, start, "end", text, kind, speaker, speaker_kind, '
        "speaker_role, verb, cue, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, q.start, q.end, searchable(q.text), q.kind, searchable(q.speaker.name),
          q.speaker.kind, q.speaker.role, q.verb, q.cue, q.confidence) for q in quotes])
    count_terms(db, (q.text for q in quotes))
    count_speakers(db, Counter(searchable(q.speaker.name) for q in quotes if q.speaker.name))


@overload
def fts_quote_ids(db: Database, match: str, *, limit: int,
                  stories: Collection[int] | None = None) -> list[int]: ...
@overload
def fts_quote_ids(db: Database, match: str, *, limit: int, budget_ms: float,
                  stories: Collection[int] | None = None) -> list[int] | None: ...
def fts_quote_ids(db: Database, match: str, *, limit: int, budget_ms: float | None = None,
                  stories: Collection[int] | None = None) -> list[int] | None:
    """Ids of quotes matching an FTS5 expression built by the caller from escaped terms only;
    with ``stories``, only the quotes of those stories' articles (None: every quote).

    With ``budget_ms``, a query still running after that long is stopped and None returned.
    """
    join, where = _reach(stories, "quoted.article_id")
    if join:
        join = " CROSS JOIN quotes quoted ON quoted.id = quotes_fts.rowid" + join
    sql = "SELECT quotes_fts.rowid FROM quotes_fts" + join + " WHERE quotes_fts MATCH ?" + \
        where + " ORDER BY quotes_fts.rowid DESC LIMIT ?"
    params = [match, *_story_ids(stories), limit]
    if budget_ms is None:
        return [row[0] for row in db.execute(sql, params)]
    deadline = time.perf_counter() + budget_ms / 1000
    db.conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
    try:
        return [row[0] for row in db.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        return None
    finally:
        db.conn.set_progress_handler(None, 0)


def _reach(stories: Collection[int] | None, article: str) -> tuple[str, str]:
    """The join and the condition that keep only the quotes of ``stories``, ``article`` the
    column naming each quote's article (None: every quote, no join)."""
    return ("", "") if stories is None else (REACH_JOIN.format(article=article), REACH_WHERE)


def _story_ids(stories: Collection[int] | None) -> list[str]:
    """The parameters ``REACH_WHERE`` takes: the JSON array ``StoryIds`` made once, twice."""
    return [] if stories is None else [StoryIds.of(stories).json] * 2


def quote_texts(db: Database, ids: list[int]) -> list[QuoteText]:
    """For ranking candidates before fetching whole rows."""
    sql = "SELECT id, text, kind, speaker FROM quotes WHERE id IN ({marks})"
    return [QuoteText(*row) for row in rows_in(db, sql, ids)]


def quotes_by_ids(db: Database, ids: list[int]) -> list[StoredQuote]:
    sql = ("SELECT " + HIT_COLUMNS + " FROM quotes JOIN articles ON "
           "articles.id = quotes.article_id WHERE quotes.id IN ({marks})")
    return [StoredQuote(**row) for row in dicts_in(db, sql, ids)]


def articles_of_stories(db: Database, articles: Iterable[int],
                        stories: Collection[int]) -> set[int]:
    """Those of ``articles`` in one of ``stories`` (what a channel follows, say), or in one
    folded into another since."""
    sql = ("SELECT DISTINCT reach.article_id FROM story_articles reach WHERE reach.article_id "
           "IN ({marks})" + REACH_WHERE)
    return {row[0] for row in rows_in(db, sql, sorted(set(articles)), *_story_ids(stories))}


def term_counts(db: Database, terms: list[str]) -> dict[str, int]:
    """How many quotes hold each of these terms (terms no quote holds are left out)."""
    sql = "SELECT term, docs FROM quote_vocab WHERE term IN ({marks})"
    return {row[0]: row[1] for row in rows_in(db, sql, terms)}


def terms_with_prefix(db: Database, prefix: str, *, limit: int = 5000) -> dict[str, int]:
    """Indexed terms starting with ``prefix`` and how many quotes hold each, in term order."""
    sql = "SELECT term, docs FROM quote_vocab WHERE term >= ? AND term < ? LIMIT ?"
    return {r[0]: r[1] for r in db.execute(sql, [prefix, prefix + "\U0010ffff", limit])}


def speaker_named(db: Database, name: str) -> str | None:
    """The stored speaker with exactly this name, ignoring case."""
    row = db.execute("SELECT name FROM quote_speakers WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def speakers_by_last_word(db: Database, last: str, *, limit: int = 200) -> list[str]:
    """Speakers whose name ends with this (normalised) word, most quoted first."""
    sql = "SELECT name FROM quote_speakers WHERE last = ? ORDER BY quotes DESC LIMIT ?"
    return [row[0] for row in db.execute(sql, [last, limit])]


def latest_by_speaker(db: Database, names: list[str], *, limit: int,
                      stories: Collection[int] | None = None) -> list[StoredQuote]:
    """The latest quotes (direct first, then the rest) by any of these speakers; with
    ``stories``, only those of these stories' articles."""
    join, where = _reach(stories, "quotes.article_id")
    sql = ("SELECT " + HIT_COLUMNS + " FROM quotes JOIN articles ON "
           "articles.id = quotes.article_id" + join + " WHERE quotes.speaker COLLATE NOCASE IN "
           "({marks})" + where + " ORDER BY quotes.id DESC LIMIT ?")
    found = [StoredQuote(**row) for row in dicts_in(db, sql, names, *_story_ids(stories),
                                                    limit * 4)]
    rows = sorted(found, key=lambda r: -r.id)[:limit * 4]
    rows.sort(key=lambda r: r.kind != "direct")
    return rows[:limit]


def any_quote(db: Database) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM quotes)").fetchone()[0] == 1
