"""A silent feed's poll judging whether it has gone quiet (`quiet_feeds.judge`): with its gap
history learned from its 60 days of arrivals at every poll (as before feeds39) against learned
once and kept until a new entry (now), the two ways alternately in one run.

Usage: .venv/bin/python -m bench.quiet_history [ROUNDS] [POLLS]
Each round uses a fresh SQLite file (WAL, as the bot opens it) holding a feed that brought an
entry every 10 minutes from 06:00 to 22:00 for 60 days (5,760 arrivals), then polls it POLLS
times in the ninth to fifteenth hour of its night's silence; medians of the rounds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bench.given import whole_numbers
from bot.ingest.quiet_feeds import judge
from storage.db import open_db, transaction
from storage.quiet_feeds import gaps_key
from storage.sources import add_source, mark_entry_seen, record_success, source_row

START = datetime(2026, 10, 1, tzinfo=UTC)
DAYS = 60


def arrivals() -> list[datetime]:
    """Every 10 minutes from 06:00 to 22:00 (nights of 8 h), for DAYS days."""
    return [START + timedelta(days=d, hours=6, minutes=10 * n)
            for d in range(DAYS) for n in range(16 * 6)]


def seeded(path: Path) -> tuple[Database, int, datetime]:
    db = open_db(path)
    times = arrivals()
    with transaction(db):
        source = add_source(db, kind="feed", location="http://news.invalid/feed", every=600)
        for n, moment in enumerate(times):
            mark_entry_seen(db, source, key=f"e{n}", link=None, now=moment, read_as=None,
                            title=f"Entry {n}", page=None, words=None)
        record_success(db, source, now=times[-1], items=1)
    return db, source, times[-1]


def polls_seconds(folder: Path, *, kept: bool, polls: int) -> float:
    """The time of ``polls`` silent polls' judging, its history kept or read each time."""
    db, source, last = seeded(folder / f"quiet-{kept}.db")
    step = timedelta(hours=6) / polls
    began = time.perf_counter()
    for n in range(polls):
        with transaction(db):
            if not kept:
                db.execute("DELETE FROM state WHERE key = ?", [gaps_key(source)])
            judge(db, source_row(db, source), now=last + timedelta(hours=9) + n * step, items=0)
    seconds = time.perf_counter() - began
    assert source_row(db, source).quiet_at is None
    db.close()
    return seconds


def main(rounds: int, polls: int) -> None:
    every, once = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            every.append(polls_seconds(Path(folder), kept=False, polls=polls))
            once.append(polls_seconds(Path(folder), kept=True, polls=polls))
    read, kept = (statistics.median(x) * 1000 / polls for x in (every, once))
    print(f"a silent feed's poll judging it (60 days, {len(arrivals()):,} arrivals): history "
          f"read at every poll {read:.2f} ms, learned once and kept {kept:.2f} ms a poll "
          f"(ratio {read / kept:.1f}x; medians of {rounds} rounds of {polls} polls)")


if __name__ == "__main__":
    main(*whole_numbers(9, 36))
