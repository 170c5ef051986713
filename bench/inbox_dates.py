"""A short feed's entry dates read from a large inbox (`storage.quiet_feeds.entry_dates`, what
the plainer quiet rule learns a new feed's habit from): without an index leading on
`inbox.source_id` (before sources/m019) against with it, the two ways alternately in one run.

Usage: .venv/bin/python -m bench.inbox_dates [ROUNDS] [ROWS]
Each round uses a fresh SQLite file (WAL, as the bot opens it) whose inbox holds ROWS articles
of 40 busy feeds over 60 days, then a new feed's 12 entries; the new feed's dates are read 50
times; medians of the rounds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bench.given import whole_numbers
from storage.db import open_db, transaction
from storage.quiet_feeds import entry_dates

START = datetime(2026, 10, 1, tzinfo=UTC)
DAYS = 60
BUSY = 40
READS = 50
INDEX = "idx_inbox_source_id_created_at"


def seeded(path: Path, rows: int) -> tuple[Database, int, str]:
    """An inbox of ``rows`` busy feeds' articles, then the new feed's; the feed and the time
    its history is read from."""
    db = open_db(path)
    step = timedelta(days=DAYS) / rows
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO inbox (source_id, origin, title, text, published, status, created_at) "
            "VALUES (?, 'bench', 'A title', 'Some text.', ?, 'stored', ?)",
            ((n % BUSY + 1, (START + n * step).isoformat(), (START + n * step).isoformat())
             for n in range(rows)))
        latest = START + timedelta(days=DAYS)
        db.conn.executemany(
            "INSERT INTO inbox (source_id, origin, title, text, published, status, created_at) "
            "VALUES (?, 'bench', 'A title', 'Some text.', ?, 'stored', ?)",
            ((BUSY + 1, (latest - timedelta(hours=n)).isoformat(), latest.isoformat())
             for n in range(12)))
    return db, BUSY + 1, (latest - timedelta(days=DAYS)).isoformat()


def reads_seconds(db: Database, source: int, since: str) -> float:
    began = time.perf_counter()
    for _ in range(READS):
        assert len(entry_dates(db, source, since=since)) == 12
    return (time.perf_counter() - began) / READS


def one_round(folder: Path, rows: int) -> tuple[float, float]:
    """The read's time without the index, then with it, on one file."""
    db, source, since = seeded(folder / "inbox.db", rows)
    with transaction(db):
        db.execute(f"DROP INDEX {INDEX}")
    before = reads_seconds(db, source, since)
    with transaction(db):
        db.table("inbox").create_index(["source_id", "created_at"])
    after = reads_seconds(db, source, since)
    db.close()
    return before, after


def main(rounds: int, rows: int) -> None:
    before, after = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            without, with_index = one_round(Path(folder), rows)
        before.append(without)
        after.append(with_index)
    slow, fast = (statistics.median(x) * 1000 for x in (before, after))
    print(f"a new feed's entry dates from an inbox of {rows:,} rows: without an index on "
          f"source_id {slow:.2f} ms a read, with (source_id, created_at) {fast:.3f} ms "
          f"(ratio {slow / fast:.0f}x; medians of {rounds} rounds of {READS} reads)")


if __name__ == "__main__":
    main(*whole_numbers(5, 200_000))
