"""A feed with a backlog of thousands takes its turn: its new entries are queued a round at a
time, so another feed's new entry waits behind one round of them, not all of them (audit of 3
December, morning). A real feed server on 127.0.0.1, the worker with spaCy, real SQLite.
Invented copy."""

from __future__ import annotations

from bot.ingest import feeds
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import pending, retry_later
from storage.sources import add_source, first_poll_note, source_row
from tests.sources.feedserver import LOOPBACK, Item, Route, at, rss
from tests.sources.stories import FERRY


def feed(db, server, path: str, items: list[Item], title: str) -> int:
    server.routes[path] = Route(rss(items, title=title))
    with transaction(db):
        return add_source(db, kind="feed", location=server.url(path), every=300)


def poll(db, source_id: int, minute: int):
    return poll_feed(db, source_row(db, source_id), fetcher=Fetcher(policy=LOOPBACK),
                     now=at(minute))


def test_a_feed_of_many_new_entries_is_taken_a_round_at_a_time_behind_no_other(
        server, db_path, fresh_db, settings, nlp, monkeypatch, run_logging):
    """A feed's new entries were all queued by its poll, and the worker takes the queue in
    order: a small feed's new entry polled after a feed of 10,000 waited for all 10,000.
    Now a feed has at most ``ENTRIES_PER_ROUND`` entries waiting for the worker (3 here);
    the rest are taken at its next rounds, in the feed's order, each once."""
    monkeypatch.setattr(feeds, "ENTRIES_PER_ROUND", 3, raising=False)
    notices = [Item(f"urn:notice:{n}", f"Harbour notice {n}",
                    f"Berth {n} is free on Monday, the harbour master said.", published=at(n))
               for n in range(8)]
    big = feed(fresh_db, server, "/big", list(reversed(notices)), "Harbour Notices")
    small = feed(fresh_db, server, "/small", [Item("urn:ferry:1", *FERRY, published=at(20))],
                 "Ferry Times")
    first = poll(fresh_db, big, 30)
    assert (first.queued, first.left, first.round_full) == (3, 5, True)
    assert "first poll, 3 of 8 entries stored so far; the rest in the next rounds" in run_logging.text
    assert first_poll_note(source_row(fresh_db, big), shown_time=str) == (
        "first poll under way: 3 existing entries stored as background so far, no alerts; the "
        "rest in the next rounds")
    assert poll(fresh_db, small, 30).queued == 1
    assert [row.article.title for row in pending(fresh_db, limit=20)] == [
        "Harbour notice 0", FERRY[0], "Harbour notice 1", "Harbour notice 2"], "in turns"
    assert poll(fresh_db, big, 31).queued == 0, "three still wait for the worker"
    worker = IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp)
    assert worker.drain() == 4
    assert (poll(fresh_db, big, 32).queued, worker.drain()) == (3, 3)
    last = poll(fresh_db, big, 33)
    assert (last.queued, last.left, last.round_full) == (2, 0, False)
    assert worker.drain() == 2
    stored = [title for (title,) in fresh_db.execute("SELECT title FROM articles ORDER BY id")]
    assert stored == ["Harbour notice 0", FERRY[0]] + [
        f"Harbour notice {n}" for n in range(1, 8)]
    assert poll(fresh_db, big, 34).unchanged, "read whole once every entry was taken"


def test_entries_waiting_out_a_failure_leave_room_for_the_next_round(server, fresh_db,
                                                                    monkeypatch):
    """A feed's entries the worker could not store (the disk full) wait out a backoff of up
    to an hour; they do not count as the round waiting, or the feed would take nothing new."""
    monkeypatch.setattr(feeds, "ENTRIES_PER_ROUND", 2)
    notices = [Item(f"urn:notice:{n}", f"Harbour notice {n}", f"Berth {n} is free.",
                    published=at(n)) for n in range(4)]
    big = feed(fresh_db, server, "/big", list(reversed(notices)), "Harbour Notices")
    assert poll(fresh_db, big, 30).queued == 2
    with transaction(fresh_db):
        for row in pending(fresh_db, limit=10):
            retry_later(fresh_db, row.id, reason="database or disk is full", now=at(30))
    assert poll(fresh_db, big, 31).queued == 2
