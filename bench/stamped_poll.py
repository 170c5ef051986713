"""A poll of a feed whose 200 entries are all seen entries stamped anew (a new guid, a `?ts=`
link, an "updated N minutes ago" line at every poll): the time of the poll's entry loop
(`entry_queue.queue_entries`: each entry looked up and found stamped), and, in the same run, the
time of marking the 200 seen entries stamped in a transaction each against one transaction.

Usage: .venv/bin/python -m bench.stamped_poll [ROUNDS]
Each round uses a fresh SQLite file (WAL, as the bot opens it); medians of the rounds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.given import whole_numbers
from bot.ingest.entry_edits import words_of
from bot.ingest.entry_queue import Round, queue_entries
from bot.ingest.feed_models import FeedEntry, ParsedFeed
from bot.ingest.fetch import Fetcher
from storage.db import open_db, transaction
from storage.sources import add_source, mark_entry_seen, mark_entry_stamped, source_row

ENTRIES = 200
NOW = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
TEXT = ("Crews on the night ferries stopped work at six after talks on the new rota broke "
        "down, and the operator ran a reduced timetable for the evening. Entry {n}. "
        "Updated {m} minutes ago.")


def entry(n: int, poll: int) -> FeedEntry:
    return FeedEntry(key=f"e{n}-{poll}", link=f"http://news.invalid/e{n}?ts={poll}",
                     title=f"Ferry report {n}", text=TEXT.format(n=n, m=poll),
                     published=None, teaser=False)


def seeded(path: Path):
    db = open_db(path)
    with transaction(db):
        source = source_row(db, add_source(db, kind="feed", location="http://news.invalid/feed",
                                           every=60))
        for n in range(ENTRIES):
            first = entry(n, 1)
            mark_entry_seen(db, source.id, key=first.key, link=first.link, now=NOW,
                            read_as=first.as_read, title=first.title, page=first.page,
                            words=words_of(first.text))
    return db, source


def poll_seconds(folder: Path) -> float:
    db, source = seeded(folder / "poll.db")
    feed = ParsedFeed(title="Bench", entries=[entry(n, 2) for n in range(ENTRIES)])
    began = time.perf_counter()
    result = queue_entries(Round(db=db, source=source, feed=feed, fetcher=Fetcher(),
                                 now=NOW + timedelta(minutes=5), background=False, room=ENTRIES,
                                 pages=ENTRIES))
    seconds = time.perf_counter() - began
    assert result.skipped == ENTRIES and result.queued == 0, result
    return seconds


def marking_seconds(folder: Path, *, each: bool) -> float:
    db, source = seeded(folder / f"mark-{each}.db")
    keys = [entry(n, 1).key for n in range(ENTRIES)]
    began = time.perf_counter()
    if each:
        for key in keys:
            with transaction(db):
                mark_entry_stamped(db, source.id, key=key, now=NOW)
    else:
        with transaction(db):
            for key in keys:
                mark_entry_stamped(db, source.id, key=key, now=NOW)
    return time.perf_counter() - began


def main(rounds: int) -> None:
    polls, each, once = [], [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            polls.append(poll_seconds(Path(folder)))
            each.append(marking_seconds(Path(folder), each=True))
            once.append(marking_seconds(Path(folder), each=False))
    poll, one_each, one = (statistics.median(x) * 1000 for x in (polls, each, once))
    print(f"poll of {ENTRIES} stamped entries: {poll:.1f} ms (median of {rounds})")
    print(f"marking them stamped: a transaction each {one_each:.1f} ms, one transaction "
          f"{one:.1f} ms (ratio {one_each / one:.1f}x; {(one_each - one) / poll:.0%} of the poll)")


if __name__ == "__main__":
    main(*whole_numbers(15))
