"""A feed's entries are taken oldest first by the dates their articles are read with, not by
feedparser's own reading of them (audit of 2 December, night). A real feed server on
127.0.0.1, the worker with spaCy, real SQLite. Invented copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import LOOPBACK, Item, Route, at, rss
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.stopping import wait_for


def stored_in_order(server, db_path, db, settings, nlp, items, dates) -> list[tuple[str, str]]:
    """Titles and published times of the articles, in the order the worker stored them."""
    feed = rss(items)
    for entry, written in zip(items, dates, strict=True):
        feed = feed.replace(format_datetime(entry.published).encode(), written.encode(), 1)
    server.routes["/feed"] = Route(feed)
    with transaction(db):
        source = add_source(db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    assert poll_feed(db, source_row(db, source), now=at(60),
                     fetcher=Fetcher(policy=LOOPBACK)).queued == len(items)
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == len(items)
    return db.execute("SELECT title, published FROM articles ORDER BY id").fetchall()


def entry(n: int, story: tuple[str, str], minutes: int) -> Item:
    return Item(guid=f"urn:gazette:{n}", title=story[0], text=story[1], published=at(minutes))


@pytest.mark.parametrize("later, earlier_zoned, earlier_utc", [
    ("Tue, 01 Dec 2026 09:30:00 GMT", "Tue, 01 Dec 2026 10:00:00 CEST", "2026-12-01T08:00:00"),
    ("Tue, 01 Dec 2026 09:30:00 GMT", "Tue, 01 Dec 2026 20:00:00 AEDT", "2026-12-01T09:00:00"),
    ("Tue, 01 Dec 2026 09:30:00 GMT", "Tue, 01 Dec 2026 10:15:00 BST", "2026-12-01T09:15:00"),
])
def test_entries_in_zones_feedparser_drops_are_taken_oldest_first(
        server, db_path, fresh_db, settings, nlp, later, earlier_zoned, earlier_utc):
    """feedparser reads `CEST`, `AEDT`, `BST` as UTC: the feed was sorted by those readings,
    so the later entry was stored first, though each article's date was read right."""
    items = [entry(2, LIBRARY, 20), entry(1, FERRY, 10)]  # newest first, as feeds list them
    stored = stored_in_order(server, db_path, fresh_db, settings, nlp, items,
                             [later, earlier_zoned])
    assert stored == [(FERRY[0], f"{earlier_utc}+00:00"),
                      (LIBRARY[0], "2026-12-01T09:30:00+00:00")]


def test_an_entry_dated_only_by_a_year_is_not_sorted_as_1_january(
        server, db_path, fresh_db, settings, nlp):
    """A pubDate of `2026` is no date to the article (stored undated) but was 1 January to the
    feed's sort, which put the feed's newest entry first. An entry without a date leaves the
    feed in its own order, as one with an unreadable date did."""
    items = [entry(3, BRIDGE, 30), entry(2, LIBRARY, 20), entry(1, FERRY, 10)]
    stored = stored_in_order(server, db_path, fresh_db, settings, nlp, items,
                             ["2026", format_datetime(at(20)), format_datetime(at(10))])
    assert [title for title, _ in stored] == [FERRY[0], LIBRARY[0], BRIDGE[0]]
    assert stored[-1][1] is None


def test_an_entry_dated_by_two_times_of_one_day_is_dated_by_the_first(
        server, db_path, fresh_db, settings, nlp):
    """`Published 10:00 AM EST | Updated 11:00 AM EST Dec 2 2026` as an entry's date was read
    as the update's 11:00: the first publication is what dates a story."""
    written = "Published 10:00 AM EST | Updated 11:00 AM EST Dec 2 2026"
    stored = stored_in_order(server, db_path, fresh_db, settings, nlp, [entry(1, FERRY, 10)],
                             [written])
    assert stored == [(FERRY[0], "2026-12-02T15:00:00+00:00")]


def test_an_entry_dated_relative_to_now_is_read_once_as_the_feed_is_read(
        server, db_path, fresh_db, settings, nlp):
    """A scraped feed's `<pubDate>5 minutes ago</pubDate>` was read twice: for the feed's
    order as it was polled, and for the article when the worker took it, later (behind a
    backlog, minutes later), so the article was dated by the worker's clock. It is read
    once, as the feed is read, and the article keeps that reading."""
    item = entry(1, FERRY, 10)
    server.routes["/feed"] = Route(rss([item]).replace(
        format_datetime(at(10)).encode(), b"5 minutes ago", 1))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    before = datetime.now(UTC).replace(microsecond=0)
    assert poll_feed(fresh_db, source_row(fresh_db, source), now=at(60),
                     fetcher=Fetcher(policy=LOOPBACK)).queued == 1
    after = datetime.now(UTC)
    # the worker takes the entry in a later second than the poll read it (dates are whole seconds)
    wait_for(lambda: datetime.now(UTC).replace(microsecond=0) > after)
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    published = fresh_db.execute("SELECT published FROM articles").fetchone()[0]
    five = timedelta(minutes=5)
    assert before - five <= datetime.fromisoformat(published) <= after - five, published


def test_an_entry_keeps_the_offset_its_date_was_written_in(
        server, db_path, fresh_db, settings, nlp):
    """The feed's `-0500` was read for the moment and dropped: the article's day was UTC's,
    the next one for an evening entry in New York."""
    stored_in_order(server, db_path, fresh_db, settings, nlp, [entry(1, FERRY, 10)],
                    ["Tue, 02 Dec 2025 20:00:00 -0500"])
    assert fresh_db.execute("SELECT published, published_offset FROM articles").fetchall() == \
        [("2025-12-03T01:00:00+00:00", -300)]
