"""A short feed's entry dates are read from the inbox by an index leading on its source, not
by scanning every queued article of every feed (before sources/m019); the bench that measures
it runs at a small size. A real SQLite file."""

from __future__ import annotations

from bench.inbox_dates import one_round
from storage.db import open_db
from storage.quiet_feeds import entry_dates
from tests.plans import plans


def test_a_feeds_entry_dates_are_read_by_an_index_on_its_source(db_path):
    db = open_db(db_path)
    [plan] = plans(db, lambda: entry_dates(db, 3, since="2026-10-01T00:00:00+00:00"),
                   "FROM inbox")
    db.close()
    steps = plan.splitlines()
    assert any("inbox USING INDEX" in s and "source_id=?" in s for s in steps), steps


def test_the_bench_reads_the_same_dates_either_way(tmp_path):
    before, after = one_round(tmp_path, 2_000)
    assert before > 0 and after > 0
