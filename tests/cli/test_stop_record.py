"""The run's last write, its stop in its row (``ThisRun.ended``), comes after the stop's bound
has been spent: it must not hold the exit past it. Another process holding SQLite's write lock
as the stop comes (a `wirewatch` command's long write, a backup) is the case: a real `wirewatch
run` in console mode, SIGTERM, a real SQLite file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from bot.exit_bound import EXIT_MARGIN_S
from storage.db import open_db
from storage.runs import latest_runs
from tests.cli.test_stop_bound import LAST_RESORT_LINE, stopped_in
from tests.sources.process import Running, clean_env

BOUND = "3"
"""WIREWATCH_STOP_SECONDS: the last resort would end the run 5 s after it, saying so."""


def test_a_stop_the_database_cannot_record_ends_within_its_bound_and_says_so(db_path,
                                                                              processes):
    """Before: the write waited SQLite's whole busy timeout (30 s) for the lock, so the last
    resort cut it 5 s past the bound with its ERROR (exit at 8 s). Now it waits only what is
    left of the bound and says the stop went unrecorded; once the lock is let go, the row
    stands as a run that went quiet, its start and beats kept."""
    running = Running(db_path, env=clean_env(WIREWATCH_STOP_SECONDS=BOUND,
                                             WIREWATCH_NLP_PROCESSES="0", PYTHONUNBUFFERED="1"))
    processes.append(running)
    running.wait_for("wirewatch running")
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        code, took = stopped_in(running)
        other.execute("ROLLBACK")
    log = "\n".join(running.errors)
    assert code == 0, running.said()
    assert LAST_RESORT_LINE not in log, log
    assert took < float(BOUND) + EXIT_MARGIN_S, f"{took:.1f} s"
    assert "could not record this run's stop" in log, log
    with closing(open_db(db_path)) as db:
        [row] = latest_runs(db)
    assert row.started_at and row.stopped_at is None
