"""The lock a `wirewatch run` holds on its database, which commands that must not run beside
one (`wirewatch db vacuum`) ask for too. Two flocks, which go with the process however it
ends: one on a file beside the database's real file (which holds the run's pid), and one on
the database file itself, which every name of it reaches (a hard link too)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO, Self

from bot.models import BadInput

LOCKS = Path("/proc/locks")
"""Linux lists each lock held there with its holder's pid and its file's device and inode."""


class HeldByRun(Exception):
    """A `wirewatch run` holds the database; ``pid`` is what it wrote ("?" if nothing yet)."""

    def __init__(self, pid: str) -> None:
        super().__init__(pid)
        self.pid = pid


class RunLock:
    """Held until closed. The database file's descriptor is closed last and only then: closing
    any descriptor of that file lets go of SQLite's own locks on it in this process."""

    def __init__(self, beside: IO[str], held: int) -> None:
        self._beside, self._held = beside, held

    def close(self) -> None:
        self._beside.close()
        if self._held >= 0:
            os.close(self._held)
            self._held = -1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def take_run_lock(db_path: Path) -> RunLock:
    """The lock; raises HeldByRun, or BadInput naming the file and the fault when it cannot be
    written (a full disk, a read-only folder). The file beside sits by the database's real
    file, so a run that reaches it through a symbolic link (`current.db`, a folder linked
    elsewhere) asks for the same one; the lock on the database file stops a run that reaches
    it by a hard link (another name in another folder), whose file beside is another."""
    real = db_path.resolve()
    beside = _lock_beside(Path(f"{real}-run.lock"))
    try:
        held = _lock_database_file(real)
    except BaseException:
        beside.close()
        raise
    return RunLock(beside, held)


def _lock_beside(path: Path) -> IO[str]:
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


def _lock_database_file(path: Path) -> int:
    """An flock on the database file: SQLite locks byte ranges with fcntl, which on Linux never
    meet an flock, so SQLite's readers and writers in other processes go on as before."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _holder(os.fstat(fd))
        os.close(fd)
        raise HeldByRun(pid) from None
    return fd


def _holder(stat: os.stat_result) -> str:
    """The pid of the process holding an flock on the file, as /proc/locks lists it ("?" when
    it cannot be read, or lists none)."""
    file = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    try:
        lines = LOCKS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return "?"
    for line in lines:
        fields = line.split()
        if fields[1:2] == ["FLOCK"] and file in fields and fields[4].isdigit():
            return fields[4]
    return "?"


def _write_pid(lock: IO[str]) -> None:
    """Unbuffered, so a refused write leaves nothing for the file's close to fail on again."""
    os.ftruncate(lock.fileno(), 0)
    os.pwrite(lock.fileno(), f"{os.getpid()}\n".encode(), 0)


def _unwritable(path: Path, exc: OSError) -> BadInput:
    """One line instead of a traceback: the file, the system's reason, what to do."""
    return BadInput(f"cannot write {path}, the lock that keeps a second wirewatch run off this "
                    f"database: {exc.strerror or exc}; free disk space, or make the folder "
                    "writable by the user running wirewatch")
