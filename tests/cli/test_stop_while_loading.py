"""A deploy or a service manager stopping `wirewatch run` in its first second, while Python
still loads it: SIGTERM is a clean stop there too (exit 0, nothing started, no traceback),
not the default handler's death (143), which a service manager reads as a failure."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.sources.process import ROOT, clean_env
from tests.stopping import LAST_RESORT_S, stopped

STATUS = Path("/proc/self/status")


def catches(pid: int, sig: int) -> bool:
    """Whether process ``pid`` has a handler of its own for ``sig`` (Linux's SigCgt mask)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    return False


def first_catching(proc: subprocess.Popen[str], sig: int) -> None:
    """Wait until ``proc`` first handles ``sig`` itself (a hang past the last resort fails)."""
    deadline = time.monotonic() + LAST_RESORT_S
    while not catches(proc.pid, sig):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"pid {proc.pid} never handled signal {sig}"
        time.sleep(0.001)


@contextmanager
def schema_change_held(db: Path) -> Iterator[None]:
    """Another command's schema change under way on a new database: the lock beside it held,
    so a command opening it waits there, its loading not yet done."""
    lock = os.open(f"{db.resolve()}-migrate.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)


def waiting_for_a_lock(proc: subprocess.Popen[str]) -> bool:
    """Whether ``proc`` is blocked waiting for an flock (``->`` in /proc/locks)."""
    rows = [line.split() for line in Path("/proc/locks").read_text().splitlines()]
    return any(row[1] == "->" and row[5] == str(proc.pid) for row in rows if len(row) > 5)


def as_it_first_handles_sigterm(proc: subprocess.Popen[str]) -> None:
    """The moment the process first handles SIGTERM itself (while Python imports wirewatch)."""
    first_catching(proc, signal.SIGTERM)


def blocked_opening_the_database(proc: subprocess.Popen[str]) -> None:
    """Once it waits for the schema change's lock, past its imports: its last step before
    `run` takes SIGTERM over."""
    deadline = time.monotonic() + LAST_RESORT_S
    while not waiting_for_a_lock(proc):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"pid {proc.pid} never waited for the lock"
        time.sleep(0.001)


@pytest.mark.skipif(not STATUS.exists(), reason="reads the signal mask and locks from /proc")
@pytest.mark.parametrize("when", [as_it_first_handles_sigterm, blocked_opening_the_database])
def test_a_run_told_to_stop_while_it_loads_exits_0_having_started_nothing(tmp_path, when):
    """The database is held by another command's schema change, so the run cannot get past
    loading however slow the test is to send the signal. Before, the first SIGTERM the run
    handled came only after that (never here), and one while it waited was the default death
    (143)."""
    db = tmp_path / "w.db"
    with schema_change_held(db):
        proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(db), "run",
                                 "--console"], env=clean_env(WIREWATCH_NLP_PROCESSES="0"),
                                cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            when(proc)
        except BaseException:
            proc.kill()  # never left to start once the lock is let go
            raise
        out, err = stopped(proc)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    assert "wirewatch running" not in out, out


@pytest.mark.skipif(not STATUS.exists(), reason="reads the signal mask from /proc")
def test_another_command_once_chosen_is_stopped_by_sigterm_as_before(tmp_path):
    """An ingest under way has no clean stop of its own: SIGTERM's default is given back once
    the command is known, so a stopped ingest never exits 0 as if it had finished."""
    (tmp_path / "ferry.txt").write_text("Ferry crews walk out\n\nThe crews stopped work today.",
                                        encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"),
                             "ingest", str(tmp_path / "ferry.txt")],
                            env=clean_env(WIREWATCH_NLP_PROCESSES="0"), cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first_catching(proc, signal.SIGTERM)
    deadline = time.monotonic() + LAST_RESORT_S
    while catches(proc.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.001)
    out, err = stopped(proc)
    assert proc.returncode == -signal.SIGTERM, (out, err)
