"""An entry dated far ahead of its arrival (a month: a CMS's wrong year or month, a date
field holding an embargo) keeps no such date: it is told by when it arrived, as an undated
one is, while a date a few hours ahead (a clock or zone set wrong) is kept; the queued row
keeps the date as the feed wrote it. A real feed server on 127.0.0.1, the worker with spaCy,
real SQLite. Invented copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, source_row
from storage.timeline import story_timeline
from tests.sources.feedserver import LOOPBACK, Item, Route, rss
from tests.sources.stories import FERRY, LIBRARY


def test_an_entry_dated_a_month_ahead_is_told_by_its_arrival(
        server, db_path, fresh_db, settings, nlp):
    """Before: the article kept the month-ahead date, and its timeline showed it."""
    now = datetime.now(UTC).replace(microsecond=0)
    ahead, soon = now + timedelta(days=31), now + timedelta(hours=3)
    server.routes["/feed"] = Route(rss([
        Item(guid="urn:gazette:2", title=LIBRARY[0], text=LIBRARY[1], published=soon),
        Item(guid="urn:gazette:1", title=FERRY[0], text=FERRY[1], published=ahead)]))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    assert poll_feed(fresh_db, source_row(fresh_db, source), now=now,
                     fetcher=Fetcher(policy=LOOPBACK)).queued == 2
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 2
    stored = dict(fresh_db.execute("SELECT title, published FROM articles").fetchall())
    assert stored[FERRY[0]] is None, stored
    assert stored[LIBRARY[0]] == soon.isoformat(), stored
    queued = dict(fresh_db.execute("SELECT title, published FROM inbox").fetchall())
    assert datetime.fromisoformat(queued[FERRY[0]]) == ahead, queued
    kept = dict(fresh_db.execute("SELECT title, dated_ahead FROM articles").fetchall())
    assert kept == {FERRY[0]: queued[FERRY[0]], LIBRARY[0]: None}, kept
    story = fresh_db.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a ON "
                             "a.id = sa.article_id WHERE a.title = ?", [FERRY[0]]).fetchone()[0]
    timeline = story_timeline(fresh_db, story)
    assert timeline is not None
    [entry] = [e for e in timeline.entries if e.title == FERRY[0]]
    assert not entry.dated and entry.when is not None
    assert now - timedelta(minutes=1) <= datetime.fromisoformat(entry.when) \
        <= datetime.now(UTC) + timedelta(minutes=1), entry.when
