"""A scratch database of a busy year, written straight into the tables: what the query audit
(``bench.query_plans``) reads. Invented values throughout; no ``ANALYZE`` (wirewatch runs none)."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from storage.db import transaction

END = datetime(2026, 12, 1, tzinfo=UTC)
SIZES = {"smoke": dict(articles=3_000, alerts=3_000, stories=150, channels=20, feeds=5),
         "full": dict(articles=100_000, alerts=100_000, stories=5_000, channels=200, feeds=50)}
TOPICS = 40
PEOPLE = 100
QUOTES_AN_ARTICLE = 2
ENTRIES_A_FEED = 2_000
FEATURE_DAYS = 30
"""Stories closed longer are compacted: only the last month keeps its matching data."""


def stamp(days_back: float) -> str:
    """A time ``days_back`` before the year's end, as the tables store times."""
    return (END - timedelta(days=days_back)).isoformat(timespec="seconds")


def build(db: Database, *, articles: int, alerts: int, stories: int, channels: int,
          feeds: int, seed: int = 55) -> None:
    """Fill ``db`` (migrated, empty) with a year's rows, spread evenly over the year."""
    rng = random.Random(seed)
    conn = db.conn
    conn.execute("PRAGMA cache_size = -262144")
    with transaction(db):
        _topics_and_subscriptions(conn, channels, rng)
        _sources(conn, feeds)
        _articles_and_stories(conn, articles, stories, feeds, rng)
        _alerts(conn, alerts, articles, stories, channels, rng)


def _topics_and_subscriptions(conn: sqlite3.Connection, channels: int, rng: random.Random) -> None:
    conn.executemany("INSERT INTO topics (id, name, query, created_at) VALUES (?, ?, ?, ?)",
                     [(t, f"Topic {t}", f"word{t}", stamp(365)) for t in range(1, TOPICS + 1)])
    targets = [("channel", f"C{c:08d}") for c in range(channels)] + \
              [("user", f"U{p:08d}") for p in range(PEOPLE)]
    rows = []
    for kind, target in targets:
        for topic in rng.sample(range(1, TOPICS + 1), 2):
            mode = "digest" if rng.random() < 0.3 else "realtime"
            rows.append((topic, kind, target, mode, stamp(365), stamp(1)))
    conn.executemany("INSERT INTO subscriptions (topic_id, target_type, target_id, mode, "
                     "created_at, last_digest_at) VALUES (?, ?, ?, ?, ?, ?)", rows)


def _sources(conn: sqlite3.Connection, feeds: int) -> None:
    conn.executemany("INSERT INTO sources (id, kind, location, every, added_at, last_poll_at) "
                     "VALUES (?, 'feed', ?, 300, ?, ?)",
                     [(f, f"https://feeds{f}.example/rss", stamp(365), stamp(0.01))
                      for f in range(1, feeds + 1)])
    conn.executemany("INSERT INTO feed_entries (source_id, key, link, seen_at, title) "
                     "VALUES (?, ?, ?, ?, ?)",
                     [(f, f"k{f}-{e}", f"https://feeds{f}.example/a/{e}",
                       stamp(365 * (1 - e / ENTRIES_A_FEED)), f"Entry {e}")
                      for f in range(1, feeds + 1) for e in range(ENTRIES_A_FEED)])


def _articles_and_stories(conn: sqlite3.Connection, articles: int, stories: int, feeds: int,
                          rng: random.Random) -> None:
    """Articles in arrival order, each in a story open around its day; quotes, entities and
    the inbox row it came from; the last month's matching data, each article's index keys
    (``x``) posted for its story."""
    day = 365 / articles
    links, quotes, entities, inbox, features = [], [], [], [], []
    for a in range(1, articles + 1):
        back = 365 - a * day
        story = min(stories, 1 + (a - 1) * stories // articles)
        seen = stamp(back)
        links.append((story, a, "new" if (a - 1) * stories % articles < stories else "update",
                      seen))
        quotes += [(a, f"Quoted words {a}-{q}", f"Speaker {rng.randrange(5_000)}", "direct")
                   for q in range(QUOTES_AN_ARTICLE)]
        entities += [(a, 0, 5, label, f"Name {rng.randrange(20_000)}")
                     for label in ("PERSON", "GPE", "DATE")]
        inbox.append((1 + a % feeds, f"origin-{a}", "done", a, story, seen))
        if back < FEATURE_DAYS:
            features.append((a, story, seen))
    conn.executemany("INSERT INTO articles (id, content_hash, url, title, body, source, "
                     "published, ingested_at) VALUES (?, ?, ?, ?, 'text', 'Wire', ?, ?)",
                     [(a, f"h{a}", f"https://news.example/{a}", f"Article {a}", s, s)
                      for _, a, _, s in links])
    _stories(conn, links, articles, stories)
    conn.executemany("INSERT INTO quotes (article_id, text, speaker, kind) VALUES (?, ?, ?, ?)",
                     quotes)
    conn.executemany("INSERT INTO entities (article_id, start, end, label, text) "
                     "VALUES (?, ?, ?, ?, ?)", entities)
    conn.executemany("INSERT INTO inbox (source_id, origin, status, article_id, story_id, "
                     "created_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(*row, row[-1]) for row in inbox])
    keys = [[f"l:w{rng.randrange(3_000)}" for _ in range(20)] for _ in features]
    conn.executemany("INSERT INTO story_features (article_id, story_id, seen_at, data) "
                     "VALUES (?, ?, ?, ?)", [(*row, json.dumps({"x": posted}))
                                             for row, posted in zip(features, keys, strict=True)])
    conn.executemany("INSERT OR IGNORE INTO story_index (key, story_id, last_seen) "
                     "VALUES (?, ?, ?)", [(key, story, seen) for (_, story, seen), posted
                                          in zip(features, keys, strict=True) for key in posted])


def _stories(conn: sqlite3.Connection, links: list[tuple[int, int, str, str]], articles: int,
             stories: int) -> None:
    """Each story over its run of the articles (``links``: story, article, verdict, time),
    tied to one topic; those closed over a month before the year's end compacted."""
    day = 365 / articles
    story_rows = []
    for story in range(1, stories + 1):
        first = (story - 1) * articles // stories + 1
        last = story * articles // stories
        story_rows.append((story, f"Story {story}", "[]", links[first - 1][3],
                           links[last - 1][3], last - first + 1, links[last - 1][3],
                           None if 365 - last * day < FEATURE_DAYS else links[last - 1][3]))
    conn.executemany("INSERT INTO stories (id, title, summary, created_at, updated_at, "
                     "article_count, last_seen, compacted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     story_rows)
    conn.executemany("INSERT INTO story_articles (story_id, article_id, verdict, whats_new, "
                     "created_at) VALUES (?, ?, ?, '[]', ?)", links)
    conn.executemany("INSERT INTO story_topics (story_id, topic_id, article_id, reasons, "
                     "matched_at) VALUES (?, ?, ?, '[]', ?)",
                     [(s[0], 1 + s[0] % TOPICS, None, s[3]) for s in story_rows])


def _alerts(conn: sqlite3.Connection, alerts: int, articles: int, stories: int, channels: int,
            rng: random.Random) -> None:
    """Alerts sent over the year to the channels and people, a few failed, the last few
    waiting, as the outbox of a year holds them."""
    rows = []
    for n in range(alerts):
        article = 1 + n * articles // alerts
        story = min(stories, 1 + (article - 1) * stories // articles)
        target = f"C{rng.randrange(channels):08d}" if rng.random() < 0.8 else \
            f"U{rng.randrange(PEOPLE):08d}"
        when = stamp(365 * (1 - n / alerts))
        status = "failed" if rng.random() < 0.01 else "sent"
        if n >= alerts - 20:
            status = "pending"
        rows.append((story, article, target, "update" if n % 3 else "new", status, when, when,
                     when if status == "sent" else None, f"{1_700_000_000 + n}.000100",
                     target if status == "sent" else None,
                     "channel_not_found" if status == "failed" else None))
    conn.executemany("INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, "
                     "status, created_at, next_attempt_at, sent_at, ts, posted_channel, "
                     "last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
