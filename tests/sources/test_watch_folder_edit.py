"""A file in the watched folder edited to add a paragraph telling a later day's event is read
again as an update that says so (newuser31's afternoon: it was "a rewrite that adds no new
facts"). The folder watcher, the worker with spaCy, real SQLite. Invented copy."""

from __future__ import annotations

from bot.ingest.folder import FolderWatcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb
from tests.sources.test_watch_folder import scan

STRIKE = ("Ferry crews strike on the Marrow Sound crossing\n\nFerry crews on the Marrow Sound "
          "crossing walked off the job on Monday in a dispute over night shifts, the Coastal "
          "Transport Union said.\n\nNo boats sailed between Ardley and Kessock Point, and about "
          "3,000 passengers a day use the route.\n\nThe operator, Sound Lines, said talks with "
          "the union would go on this week.\n")
BUSES = "Buses replaced the ferries on Tuesday, taking passengers the long way round by road."


def test_a_paragraph_added_to_a_watched_file_is_an_update_with_its_new_fact(
        fresh_db, source, drop, db_path, settings, nlp):
    watcher = FolderWatcher(max_bytes=1_000_000)
    worker = IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp)
    path = drop / "ferries.txt"
    path.write_text(STRIKE, encoding="utf-8")
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).files == 1
    assert worker.drain() == 1
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{BUSES}\n")
    scan(watcher, fresh_db, source, 2)
    assert scan(watcher, fresh_db, source, 3).files == 1
    assert worker.drain() == 1
    rows = fresh_db.execute("SELECT story_id, verdict, whats_new FROM story_articles "
                            "ORDER BY id").fetchall()
    assert [row[1] for row in rows] == ["new", "update"]  # was new, duplicate
    assert rows[0][0] == rows[1][0]
    assert BUSES in rows[1][2]
