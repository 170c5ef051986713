"""Where an alert's stray can be: the thread of its earliest try whose answer never came, kept
across a later try at the top level (its channel stopped taking replies), and read by the
watch. A real SQLite file."""

from __future__ import annotations

from bot.models import LookWindow
from storage.alerts import mark_retry, mark_sending, mark_sent, pending_alerts
from storage.db import transaction
from storage.strays import strays_due, watch_for_stray

THREAD = "1796000000.000100"
LATE = "2026-12-07T10:02:00+00:00"


def queued(db) -> int:
    with transaction(db):
        return db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                          "attempts, next_attempt_at, created_at) VALUES (1, 1, 'C0DESK', "
                          "'update', 'pending', 0, ?, ?)", [LATE, LATE]).lastrowid


def tried(db, alert: int, thread_ts: str | None, *, answered: bool) -> None:
    with transaction(db):
        mark_sending(db, alert, channel="C0DESK", thread_ts=thread_ts,
                     window=LookWindow(1796000100.0, 1796000400.0), late_until=LATE)
        mark_retry(db, alert, error="504", next_attempt_at=LATE, in_flight=True,
                   answered=answered)


def test_the_thread_of_an_unanswered_try_is_kept_across_a_try_at_the_top_level(fresh_db):
    alert = queued(fresh_db)
    tried(fresh_db, alert, THREAD, answered=False)
    tried(fresh_db, alert, None, answered=False)
    tried(fresh_db, alert, None, answered=False)
    [row] = pending_alerts(fresh_db)
    assert (row.thread_ts, row.tried_top_level, row.stray_thread_ts) == (None, True, THREAD)


def test_an_answered_try_in_a_thread_leaves_no_stray_there(fresh_db):
    alert = queued(fresh_db)
    tried(fresh_db, alert, THREAD, answered=True)
    tried(fresh_db, alert, None, answered=False)
    [row] = pending_alerts(fresh_db)
    assert row.stray_thread_ts is None


def test_the_watch_reads_the_tries_thread_not_the_posts_place(fresh_db):
    alert = queued(fresh_db)
    tried(fresh_db, alert, THREAD, answered=False)
    with transaction(fresh_db):
        mark_sent(fresh_db, alert, channel="C0DESK", ts="1796000500.000200", thread_ts=None,
                  sent_at=LATE)
        watch_for_stray(fresh_db, alert, stray_from=1796000100.0, since=LATE, look_at=LATE,
                        thread_ts=THREAD)
    [watch] = strays_due(fresh_db, now=LATE, limit=3)
    assert (watch.ts, watch.thread_ts) == ("1796000500.000200", THREAD)
