"""A deploy or a service manager stopping `wirewatch run` in its first second, while Python
still loads it: SIGTERM is a clean stop there too (exit 0, nothing started, no traceback),
not the default handler's death (143), which a service manager reads as a failure."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
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


@pytest.mark.skipif(not STATUS.exists(), reason="reads the signal mask from /proc")
def test_a_run_told_to_stop_while_it_loads_exits_0_having_started_nothing(tmp_path):
    """SIGTERM sent the moment the process first handles it itself: before, that was once the
    whole run was loaded (the bot then started, only to stop again), and any earlier one was
    the default death; now it is the command's first step, and nothing starts."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", "--db", str(tmp_path / "w.db"), "run",
                             "--console"], env=clean_env(WIREWATCH_NLP_PROCESSES="0"),
                            cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first_catching(proc, signal.SIGTERM)
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
