"""A run whose first write of its row the database refused records its start at its next
heartbeat, as ``ThisRun`` promises: `wirewatch status` then knows its pid, mode and beginning
(a real SQLite file, opened read-only for the refused write)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from itertools import chain, repeat

from sqlite_utils import Database

from bot.run_record import ThisRun
from storage.db import open_db
from storage.runs import latest_runs


def test_a_start_the_database_refused_is_recorded_at_the_next_beat(db_path):
    """Before: the beat only updated a row that was never written: the run stayed unrecorded
    (or, once Slack's answer made its row, "its start not recorded · mode unknown")."""
    with closing(open_db(db_path)):
        pass
    read_only = Database(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True,
                                         check_same_thread=False))
    writable = open_db(db_path)
    stores = chain([read_only], repeat(writable))
    run = ThisRun(lambda: next(stores), "eeee5555", "HTTP events")
    run.begun()
    assert latest_runs(writable) == []
    run.beat()
    [row] = latest_runs(writable)
    assert row.run == "eeee5555" and row.mode == "HTTP events" and row.pid and row.started_at
    run.beat()
    assert len(latest_runs(writable)) == 1
    read_only.close()
    writable.close()
