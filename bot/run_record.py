"""This run's row in the database (``storage.runs``): begun, a heartbeat every half minute,
stopped; what `wirewatch status` reads on the server to tell a running run from one that died."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from storage.db import lock_wait, transaction
from storage.runs import forget_runs, heartbeat, run_started, run_stopped

log = logging.getLogger(__name__)
BEAT_EVERY = 30
"""Seconds between heartbeats: one small write; `wirewatch status` takes a run silent for three
of them as gone."""
KEPT_FOR = timedelta(days=7)


class ThisRun:
    """Writes this run's row; a write the database refuses is logged and tried at the next beat
    (delivery and ingest never wait on it)."""

    def __init__(self, store: Callable[[], Database], run: str, mode: str) -> None:
        self.store, self.run, self.mode = store, run, mode
        self.began: datetime | None = None
        self.recorded = False

    def begun(self) -> None:
        now = self.began = self.began or datetime.now(UTC)

        def begin(db: Database) -> None:
            forget_runs(db, before=_iso(now - KEPT_FOR))
            run_started(db, self.run, pid=os.getpid(), host=socket.gethostname(),
                        mode=self.mode, at=_iso(now))

        self.recorded = self._write("record this run", begin)

    def beat(self) -> None:
        """A heartbeat; the start itself while the database has refused it (the heartbeat of
        a row never written would be lost, and status would not know the run's beginning)."""
        if not self.recorded:
            self.begun()
        if self.recorded:
            self._write("keep this run's heartbeat",
                        lambda db: heartbeat(db, self.run, at=_iso(datetime.now(UTC))))

    def ended(self, within: float) -> None:
        """The stop, its last write (after the waits that spend its bound): SQLite's lock waited
        for ``within`` seconds at most (what is left of the bound), not its busy timeout. Unwritten
        (another process writing meanwhile), the row keeps its last beat: `wirewatch status`
        then says the run went quiet, as after a kill; nothing else reads it."""
        self._write("record this run's stop (`wirewatch status` will say it went quiet)",
                    lambda db: run_stopped(db, self.run, at=_iso(datetime.now(UTC))),
                    within=within)

    def _write(self, what: str, write: Callable[[Database], object], *,
               within: float | None = None) -> bool:
        try:
            db = self.store()
            with lock_wait(db, within) if within is not None else nullcontext(db), \
                    transaction(db):
                write(db)
        except sqlite3.Error as exc:
            log.warning("could not %s in the database: %s", what, exc)
            return False
        return True


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
