"""`wirewatch run` started on a full disk says so in one line and stops, never a traceback.

The disk is a real one: a 4 MB tmpfs mounted in a user and mount namespace of its own
(`unshare`), filled with a file before wirewatch starts; the test is skipped where the machine
does not allow such namespaces.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_first_hour import ROOT, one_error_line
from tests.sources.process import clean_env
from tests.stopping import LAST_RESORT_S

FILL_AND_RUN = """
set -e
mount -t tmpfs -o size=4m tmpfs "$1"
"$2" -m bot --db "$1/w.db" topics add Ferries > /dev/null
case "$3" in crashed*) "$2" -c "$CRASH" "$1/w.db";; esac
case "$3" in *locked) echo 4242 > "$1/w.db-run.lock";; esac
cat /dev/zero > "$1/fill" 2>/dev/null || true
exec "$2" -m bot --db "$1/w.db" run --console --port 0
"""
CRASH = """
import os, sqlite3, sys
if not os.fork():
    sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM topics").fetchall()
    os.kill(os.getpid(), 9)
os.wait()
"""
"""A process killed while it had the database open: its -wal and -shm files stay behind."""


PROBE_S = 30
"""How long the probe may take: it runs two tiny programs and waits on nothing but the kernel
(0.03 to 0.14 s in 80 runs at loads of 8 to 10, niced or not), so past this it hangs, and
says so."""


def namespace_refusal() -> str | None:
    """Why this machine gives the tests no user and mount namespace, in its own words (None:
    it gives one): refused, no `unshare`, or a probe that hung."""
    probe = ["unshare", "--user", "--map-root-user", "--mount", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=PROBE_S)
    except OSError as missing:
        return f"cannot run unshare: {missing}"
    except subprocess.TimeoutExpired:
        return f"{' '.join(probe)} did not finish in {PROBE_S} s (hung)"
    if done.returncode:
        return f"unshare refused a user and mount namespace: {done.stderr.strip()}"
    return None


@pytest.fixture(scope="module", autouse=True)
def namespaces() -> None:
    """Probed when these tests run, not when any test is collected; skipped with the reason."""
    refusal = namespace_refusal()
    if refusal:
        pytest.skip(refusal)


def run_on_a_full_disk(disk: Path, before: str) -> subprocess.CompletedProcess[str]:
    """`wirewatch run` on a database whose disk was filled after it was made; ``before``:
    clean, crashed (a process killed with it open), or crashed and locked (an earlier run's
    lock file left too)."""
    disk.mkdir()
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", FILL_AND_RUN,
               "sh", str(disk), sys.executable, before]
    return subprocess.run(command, capture_output=True, text=True, timeout=LAST_RESORT_S,
                          cwd=ROOT, env=clean_env(CRASH=CRASH, WIREWATCH_NLP_PROCESSES="0"))


def test_a_full_disk_at_start_is_named_in_one_line(tmp_path):
    """SQLite's own words are "disk I/O error": the line says the disk is full, and where."""
    line = one_error_line(run_on_a_full_disk(tmp_path / "disk", "clean"))
    assert f"cannot open database {tmp_path / 'disk' / 'w.db'}" in line
    assert f"the disk holding {tmp_path / 'disk'} is full" in line and "free" in line


def test_a_run_lock_that_cannot_be_written_is_named_not_a_traceback(tmp_path):
    """The database still opens (a crashed process left its -shm file); the run's lock beside
    it is a new file the full disk refuses."""
    line = one_error_line(run_on_a_full_disk(tmp_path / "disk", "crashed"))
    lock = tmp_path / "disk" / "w.db-run.lock"
    assert f"cannot write {lock}" in line and "No space left on device" in line
    assert "free" in line


def test_a_full_disk_at_start_is_named_when_an_earlier_runs_lock_is_there(tmp_path):
    """An earlier run left its lock file and a crashed process its -shm file: everything
    opens, so the run checks the disk itself rather than start and wait for space."""
    line = one_error_line(run_on_a_full_disk(tmp_path / "disk", "crashed and locked"))
    assert f"cannot run on database {tmp_path / 'disk' / 'w.db'}" in line
    assert f"the disk holding {tmp_path / 'disk'} is full" in line and "free" in line
