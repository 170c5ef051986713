"""Several articles per write transaction: each inbox row is marked in the transaction that
stores its article, a failing article fails alone, and a transaction that fails as a whole is
redone article by article, so nothing is lost or stored twice."""

from __future__ import annotations

import sqlite3

from bot.models import RawArticle
from bot.pipeline import Outcome, Pipeline, Status
from storage.db import transaction
from storage.inbox import enqueue, finish, results
from tests.sources.stories import ALL


def queued(db) -> list[int]:
    with transaction(db):
        return [enqueue(db, RawArticle(text=text, title=title, origin=title))
                for title, text in ALL]


class Inbox:
    """Marks inbox rows as the worker does, and can fail the first ``failures`` marks of one
    position, as a fault in the caller's bookkeeping would."""

    def __init__(self, db, ids: list[int], *, fail_at: int = -1, failures: int = 0) -> None:
        self.db, self.ids = db, ids
        self.fail_at, self.failures = fail_at, failures
        self.in_transaction: list[bool] = []

    def record(self, position: int, outcome: Outcome) -> None:
        self.in_transaction.append(self.db.conn.in_transaction)
        if position == self.fail_at and self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("bookkeeping failed")
        finish(self.db, self.ids[position], status=outcome.status,
               article_id=outcome.article_id, reason=outcome.reason)


def commits(db) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(lambda sql: seen.append(sql) if sql == "COMMIT" else None)
    return seen


def test_a_batch_is_stored_and_marked_in_one_transaction(fresh_db, settings, nlp):
    ids = queued(fresh_db)
    pipeline = Pipeline(fresh_db, settings.with_overrides(nlp_batch_size=len(ALL)), nlp=nlp)
    pipeline.hold_seconds = 600
    inbox = Inbox(fresh_db, ids)
    committed = commits(fresh_db)
    items = [RawArticle(text=text, title=title, origin=title) for title, text in ALL]
    outcomes = list(pipeline.ingest(items, record=inbox.record))
    assert [o.status for o in outcomes] == [Status.STORED] * len(ALL)
    assert committed == ["COMMIT"]
    assert inbox.in_transaction == [True] * len(ALL)
    rows = results(fresh_db, ids)
    assert [rows[i].article_id for i in ids] == [o.article_id for o in outcomes]


def test_bookkeeping_that_fails_takes_its_article_back_with_it(fresh_db, settings, nlp):
    ids = queued(fresh_db)
    pipeline = Pipeline(fresh_db, settings.with_overrides(nlp_batch_size=len(ALL)), nlp=nlp)
    pipeline.hold_seconds = 600
    inbox = Inbox(fresh_db, ids, fail_at=1, failures=1)
    items = [RawArticle(text=text, title=title, origin=title) for title, text in ALL]
    outcomes = list(pipeline.ingest(items, record=inbox.record))
    assert [o.status for o in outcomes] == ["stored", "failed", "stored", "stored"]
    assert "bookkeeping failed" in (outcomes[1].reason or "")
    assert fresh_db["articles"].count == len(ALL) - 1
    assert results(fresh_db, [ids[1]])[ids[1]].status == "failed"
    stored = {r["article_id"] for r in fresh_db["story_articles"].rows}
    assert stored == {o.article_id for o in outcomes if o.status is Status.STORED}


def test_a_failed_transaction_is_redone_article_by_article(fresh_db, settings, nlp):
    """The second article's bookkeeping fails twice, so its failure cannot be recorded either
    and the whole transaction rolls back; alone, each article is stored once, with its row."""
    ids = queued(fresh_db)
    pipeline = Pipeline(fresh_db, settings.with_overrides(nlp_batch_size=len(ALL)), nlp=nlp)
    pipeline.hold_seconds = 600
    inbox = Inbox(fresh_db, ids, fail_at=1, failures=2)
    committed = commits(fresh_db)
    items = [RawArticle(text=text, title=title, origin=title) for title, text in ALL]
    outcomes = list(pipeline.ingest(items, record=inbox.record))
    assert [o.status for o in outcomes] == [Status.STORED] * len(ALL)
    assert len(committed) >= 2, "the first articles are redone in their own transactions"
    assert fresh_db["articles"].count == fresh_db["story_articles"].count == len(ALL)
    rows = results(fresh_db, ids)
    assert [rows[i].article_id for i in ids] == [o.article_id for o in outcomes]
    assert len({o.article_id for o in outcomes}) == len(ALL)
