"""A fault while storing never loses an article: it waits out a full disk with backoff (seconds,
doubling to an hour), never gives up silently, and `wirewatch inbox retry` queues it again.

The full disk is SQLite's own: ``PRAGMA max_page_count`` stops the database growing, so the
article's transaction fails with "database or disk is full", as on a real full disk.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import Settings
from bot.models import RawArticle
from bot.slack.status import status_lines
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import MAX_ATTEMPTS, enqueue, results, waiting_to_retry
from storage.sources import add_source
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_ingest_worker import FlakyStories

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def dbs(db_path):
    return ThreadLocalDb(db_path)


def queue(db, story, *, source_id=None) -> int:
    with transaction(db):
        return enqueue(db, RawArticle(text=story[1], title=story[0], origin=story[0]),
                       source_id=source_id)


def attempt(worker: IngestWorker, clock: Clock, db, inbox_id: int) -> float:
    """One try, which must fail and wait; returns the wait, having moved the clock to its end."""
    assert worker.drain() >= 1
    row = db["inbox"].get(inbox_id)
    assert row["status"] == "pending", row["reason"]
    assert worker.drain() == 0, "a failed article was tried again before its wait was over"
    due = datetime.fromisoformat(row["next_attempt_at"])
    wait = (due - clock.now).total_seconds()
    clock.now = due
    return wait


def test_a_full_disk_is_waited_out_and_the_article_stored(dbs, settings, nlp):
    db = dbs.get()
    inbox_id = queue(db, FERRY)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    clock = Clock(T0)
    worker = IngestWorker(dbs, settings, nlp=nlp, clock=clock)
    waits = [attempt(worker, clock, db, inbox_id) for _ in range(4)]
    assert waits == [5, 10, 20, 40]
    assert "full" in db["inbox"].get(inbox_id)["reason"]
    assert waiting_to_retry(db) == 1
    db.execute("PRAGMA max_page_count = 1073741823")
    assert worker.drain() == 1
    assert results(db, [inbox_id])[inbox_id].status == "stored"
    assert waiting_to_retry(db) == 0
    assert db["articles"].count == 1


def test_an_article_that_keeps_failing_is_kept_shown_and_requeued(dbs, settings, nlp, db_path):
    db = dbs.get()
    with transaction(db):
        feed = add_source(db, kind="feed", location="https://wire.example/rss")
    broken = queue(db, LIBRARY, source_id=feed)
    fine = queue(db, FERRY, source_id=feed)
    clock = Clock(T0)
    stories = FlakyStories({LIBRARY[0]: 10_000})
    worker = IngestWorker(dbs, settings, nlp=nlp, clock=clock, stories=stories)
    waits = [attempt(worker, clock, db, broken) for _ in range(MAX_ATTEMPTS - 1)]
    assert results(db, [fine])[fine].status == "stored", "others are not held up"
    assert max(waits) == 3600 and sum(waits) > 10 * 3600
    assert worker.drain() == 1
    row = db["inbox"].get(broken)
    assert row["status"] == "failed" and row["attempts"] == MAX_ATTEMPTS and row["text"]
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"]).output
    assert "1 article failed for good (last: internal error" in listed
    assert "wirewatch inbox retry" in listed
    status = "\n".join(status_lines(db, Settings(db_path=db_path), errors=False))
    assert "Articles that failed for good: 1" in status and "database is locked" not in status
    admin = "\n".join(status_lines(db, Settings(db_path=db_path), errors=True))
    assert "database is locked" in admin
    shown = CliRunner().invoke(cli, ["--db", str(db_path), "inbox", "list"]).output
    assert f"#{broken} " in shown and "1 failed for good" in shown
    again = CliRunner().invoke(cli, ["--db", str(db_path), "inbox", "retry"])
    assert again.exit_code == 0 and "queued 1 article again" in again.output
    stories.failures.clear()
    assert worker.drain() == 1
    assert results(db, [broken])[broken].status == "stored"
    assert "failed for good" not in CliRunner().invoke(
        cli, ["--db", str(db_path), "sources", "list"]).output


def test_retry_of_unknown_ids_says_so(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "inbox", "retry", "99"])
    assert result.exit_code == 0 and "queued 0 articles again" in result.output
    assert "not failed articles" in result.output


def test_the_clock_is_the_only_thing_that_makes_a_retry_due(dbs, settings, nlp):
    db = dbs.get()
    inbox_id = queue(db, FERRY)
    clock = Clock(T0)
    worker = IngestWorker(dbs, settings, nlp=nlp, clock=clock,
                          stories=FlakyStories({FERRY[0]: 1}))
    assert worker.drain() == 1 and worker.drain() == 0
    clock.now += timedelta(seconds=4)
    assert worker.drain() == 0
    clock.now += timedelta(seconds=1)
    assert worker.drain() == 1
    assert results(db, [inbox_id])[inbox_id].status == "stored"


def test_a_database_that_refuses_every_write_holds_the_worker_quietly(dbs, settings, nlp,
                                                                      caplog):
    """A filesystem gone read-only (or a full disk): not even the article's retry can be
    written, so the worker waits instead of analysing the batch again every two seconds."""
    db = dbs.get()
    inbox_id = queue(db, FERRY)
    db.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    caplog.set_level(logging.INFO)
    clock = Clock(T0)
    worker = IngestWorker(dbs, settings, nlp=nlp, clock=clock)
    for second in range(120):  # two minutes of the worker's loop, which looks every second
        clock.now = T0 + timedelta(seconds=second)
        assert worker.process_batch() == 0
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 1 and "cannot write to the database" in said[0], said
    tries = [r for r in caplog.records if r.getMessage().startswith("could not store")]
    assert len(tries) == 5, "after 0, 5, 15, 35 and 75 s"

    db.execute("PRAGMA query_only = OFF")
    clock.now = T0 + timedelta(minutes=5)
    assert worker.drain() == 1
    assert results(db, [inbox_id])[inbox_id].status == "stored"


def test_an_article_waiting_to_retry_is_tried_when_the_clock_steps_back(dbs, settings, nlp):
    """Its retry time, set on the old clock, must not become an hour more of waiting when the
    clock is set back an hour; a wait its backoff did set still holds."""
    db = dbs.get()
    inbox_id = queue(db, FERRY)
    clock = Clock(T0)
    worker = IngestWorker(dbs, settings, nlp=nlp, clock=clock,
                          stories=FlakyStories({FERRY[0]: 3}))
    assert attempt(worker, clock, db, inbox_id) == 5
    assert attempt(worker, clock, db, inbox_id) == 10
    assert worker.drain() == 1  # the third try fails too, and waits 20 s
    clock.now -= timedelta(hours=1)
    assert worker.drain() == 1
    assert results(db, [inbox_id])[inbox_id].status == "stored"
