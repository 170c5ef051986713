from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.stage import StoryStage
from bot.stories.tracking import add_topic
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import MAX_ATTEMPTS, enqueue, pending, results
from tests.sources.stories import ALL, BRIDGE, FERRY, LIBRARY
from tests.stopping import LAST_RESORT_S


@pytest.fixture
def dbs(db_path):
    return ThreadLocalDb(db_path)


def queue(dbs, *articles):
    db = dbs.get()
    with transaction(db):
        return [enqueue(db, a) for a in articles]


def raw(story, origin):
    return RawArticle(text=story[1], title=story[0], origin=origin)


def test_queued_articles_are_stored_in_arrival_order(dbs, settings, nlp):
    ids = queue(dbs, raw(FERRY, "a"), RawArticle(text="   ", origin="empty"), raw(LIBRARY, "b"),
                raw(FERRY, "again"))
    worker = IngestWorker(dbs, settings, nlp=nlp)
    assert worker.drain() == 4
    done = results(dbs.get(), ids)
    assert [done[i].status for i in ids] == ["stored", "failed", "stored", "duplicate"]
    first, third = done[ids[0]].article_id, done[ids[2]].article_id
    assert first is not None and third is not None and first < third
    assert done[ids[0]].verdict == "new" and done[ids[0]].story_id
    assert pending(dbs.get(), limit=10) == []
    assert dbs.get()["inbox"].get(ids[0])["text"] == ""


def test_worker_thread_answers_waiters(dbs, settings, nlp):
    worker = IngestWorker(dbs, settings, nlp=nlp, idle_wait=0.2)
    worker.start()
    try:
        ids = queue(dbs, raw(BRIDGE, "bridge"))
        worker.notify()
        done = worker.wait_for(ids, timeout=LAST_RESORT_S)
        assert done[ids[0]].status == "stored"
    finally:
        worker.stop()
    assert not worker.alive


def test_stop_finishes_the_transaction_in_progress_and_leaves_the_rest_queued(dbs, settings,
                                                                              nlp):
    """A stop takes effect once the write transaction in progress has committed (a batch at
    most): what it stored is marked done, in arrival order, and the rest stays queued."""
    later = [RawArticle(text=f"{text}\n\nMore details are expected on Monday.",
                        title=f"{title}: update", origin=f"later {n}")
             for n, (title, text) in enumerate(ALL)]
    ids = queue(dbs, *(raw(story, f"first {n}") for n, story in enumerate(ALL)), *later)
    seen = []

    def stop_after_first(outcome):
        seen.append(outcome.origin)
        worker.stop()

    worker = IngestWorker(dbs, settings, nlp=nlp, on_outcome=stop_after_first)
    worker.drain()
    assert seen == ["first 0"]
    statuses = [results(dbs.get(), ids)[i].status for i in ids]
    settled = len(statuses) - statuses.count("pending")
    assert 1 <= settled <= settings.nlp_batch_size
    assert statuses[settled:] == ["pending"] * (len(ids) - settled)
    assert IngestWorker(dbs, settings, nlp=nlp).drain() == len(ids) - settled
    assert dbs.get()["articles"].count == len(ids)


def test_crash_after_storing_but_before_marking_done_repeats_nothing(dbs, settings, nlp):
    db = dbs.get()
    with transaction(db):
        add_topic(db, name="Ferries", query="ferry")
        db["subscriptions"].insert({"topic_id": 1, "target_type": "channel",
                                    "target_id": "C1", "mode": "realtime"})
    [inbox_id] = queue(dbs, raw(FERRY, "ferry"))
    first = list(Pipeline(db, settings, nlp=nlp).ingest([pending(db, limit=1)[0].article]))
    assert first[0].status == "stored"
    worker = IngestWorker(dbs, settings, nlp=nlp)
    assert worker.drain() == 1
    assert results(db, [inbox_id])[inbox_id].status == "duplicate"
    assert db["articles"].count == 1 and db["story_articles"].count == 1
    assert db["alerts"].count == 1


class FlakyStories(StoryStage):
    """A story stage that fails a given number of times per headline before working."""

    def __init__(self, failures: dict[str, int]) -> None:
        super().__init__()
        self.failures = failures

    def store(self, db, prepared, *args, **kwargs):
        left = self.failures.get(prepared.parsed.article.title, 0)
        if left:
            self.failures[prepared.parsed.article.title] = left - 1
            raise RuntimeError("database is locked")
        return super().store(db, prepared, *args, **kwargs)


def test_internal_errors_are_retried_with_backoff_then_reported(dbs, settings, nlp):
    ids = queue(dbs, raw(FERRY, "flaky"), raw(LIBRARY, "broken"), raw(BRIDGE, "fine"))
    stories = FlakyStories({FERRY[0]: 2, LIBRARY[0]: 99})
    clock = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    worker = IngestWorker(dbs, settings, nlp=nlp, stories=stories, clock=lambda: clock[0])
    for _ in range(MAX_ATTEMPTS):
        worker.drain()
        clock[0] += timedelta(hours=1)
    done = results(dbs.get(), ids)
    assert [done[i].status for i in ids] == ["stored", "failed", "stored"]
    assert "database is locked" in (done[ids[1]].reason or "")
    assert dbs.get()["inbox"].get(ids[1])["attempts"] == MAX_ATTEMPTS
    assert dbs.get()["articles"].count == 2


def test_worker_thread_with_two_analysis_processes_stores_in_arrival_order(dbs, settings):
    """The worker processes start with the thread; several batches are in flight at once."""
    ids = queue(dbs, raw(FERRY, "a"), raw(LIBRARY, "b"), raw(BRIDGE, "c"), raw(FERRY, "again"),
                RawArticle(text="   ", origin="empty"))
    worker = IngestWorker(dbs, settings.with_overrides(nlp_processes=2, nlp_batch_size=1),
                          idle_wait=0.2)
    worker.start()
    try:
        done = worker.wait_for(ids, timeout=LAST_RESORT_S)
        pipeline = worker._pipeline
        assert pipeline is not None and not pipeline.analyser.loaded, \
            "with worker processes the main process loads no spaCy model of its own"
    finally:
        worker.stop()
    assert [done[i].status for i in ids] == ["stored", "stored", "stored", "duplicate", "failed"]
    first, second, third = (done[i].article_id or 0 for i in ids[:3])
    assert 0 < first < second < third
    assert not worker.alive
