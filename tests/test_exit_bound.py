"""The stop's last resort (``bot.exit_bound``): a process whose exit waits on a thread that never
ends (the interpreter joins it) leaves once the bound is over, exit status 0, after saying where
that thread waits. A real child process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.stopping import ended

ROOT = Path(__file__).resolve().parents[1]
HELD = """
import logging, threading
from bot import exit_bound
logging.basicConfig(level=logging.INFO)
never = threading.Event()
threading.Thread(target=never.wait, name="held-for-ever").start()
exit_bound.arm(0.5)
print("main thread done", flush=True)
"""
ENDS = """
import threading
from bot import exit_bound
done = threading.Event()
threading.Thread(target=done.wait, args=(0.2,), name="ends-soon").start()
exit_bound.arm(600)
print("main thread done", flush=True)
"""


def child(script: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_an_exit_held_by_a_thread_for_ever_leaves_after_its_bound_saying_where_it_waits():
    proc = child(HELD)
    out, err = ended(proc)
    assert proc.returncode == 0, err
    assert "main thread done" in out
    assert "the stop is still not over 0 s after it began" in err, err
    assert "held-for-ever (threading.py:" in err and " wait)" in err, err


def test_an_exit_that_ends_in_time_is_not_cut_short():
    """Armed with a long bound, a process whose threads end exits as usual, at once."""
    began = time.monotonic()
    proc = child(ENDS)
    out, err = ended(proc)
    assert proc.returncode == 0 and "still not over" not in err, err
    assert time.monotonic() - began < 60, "the daemon thread held the exit"
