"""The lock a `wirewatch run` holds on its database, which commands that must not run beside
one (`wirewatch db vacuum`) ask for too. An flock beside the database: it goes with the
process, however it ends."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class HeldByRun(Exception):
    """A `wirewatch run` holds the database; ``pid`` is what it wrote ("?" if nothing yet)."""

    def __init__(self, pid: str) -> None:
        super().__init__(pid)
        self.pid = pid


def take_run_lock(db_path: Path) -> IO[str]:
    """The lock, held until the returned file is closed; raises HeldByRun."""
    lock = open(f"{db_path}-run.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held open
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        pid = lock.read().strip() or "?"
        lock.close()
        raise HeldByRun(pid) from None
    lock.seek(0)
    lock.truncate()
    lock.write(f"{os.getpid()}\n")
    lock.flush()
    return lock
