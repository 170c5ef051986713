"""The lock a `wirewatch run` holds on its database, which commands that must not run beside
one (`wirewatch db vacuum`) ask for too. An flock beside the database: it goes with the
process, however it ends."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from bot.models import BadInput


class HeldByRun(Exception):
    """A `wirewatch run` holds the database; ``pid`` is what it wrote ("?" if nothing yet)."""

    def __init__(self, pid: str) -> None:
        super().__init__(pid)
        self.pid = pid


def take_run_lock(db_path: Path) -> IO[str]:
    """The lock, held until the returned file is closed; raises HeldByRun, or BadInput naming
    the file and the fault when it cannot be written (a full disk, a read-only folder). It
    sits beside the database's real file, so a run that reaches it through a symbolic link
    (`current.db`, a folder linked elsewhere) asks for the same lock."""
    path = Path(f"{db_path.resolve()}-run.lock")
    try:
        lock = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        pid = lock.read().strip() or "?"
        lock.close()
        raise HeldByRun(pid) from None
    try:
        _write_pid(lock)
    except OSError as exc:
        lock.close()
        raise _unwritable(path, exc) from None
    return lock


def _write_pid(lock: IO[str]) -> None:
    """Unbuffered, so a refused write leaves nothing for the file's close to fail on again."""
    os.ftruncate(lock.fileno(), 0)
    os.pwrite(lock.fileno(), f"{os.getpid()}\n".encode(), 0)


def _unwritable(path: Path, exc: OSError) -> BadInput:
    """One line instead of a traceback: the file, the system's reason, what to do."""
    return BadInput(f"cannot write {path}, the lock that keeps a second wirewatch run off this "
                    f"database: {exc.strerror or exc}; free disk space, or make the folder "
                    "writable by the user running wirewatch")
