"""Waiting for a child `wirewatch` process a test stopped: on its exit, the condition the test
needs, bounded only as a last resort, so that a loaded machine's slow stop never fails a test
and a stop that hangs for good still does."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable

LAST_RESORT_S = 300.0
"""How long a test waits for a child to start, settle or exit before calling it hung: at a load
of 27 on 2 cores a `wirewatch run` took 69 s to start and 15 s to exit after SIGTERM (its
analysis process still loading spaCy); a hung stop (seen once: 15 minutes) never ends."""


def exit_code(proc: subprocess.Popen, *, output: Callable[[], str] = str) -> int:
    """``proc``'s exit code once it has exited (its output read elsewhere: ``output`` says
    it); one still running after ``LAST_RESORT_S`` is killed and fails the test with it."""
    try:
        return proc.wait(LAST_RESORT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"pid {proc.pid} still running {LAST_RESORT_S:.0f} s after it was "
                             f"stopped; output:\n{output()}") from None


def ended(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """What ``proc`` printed (stdout, stderr) once it has exited (a signal sent already); one
    still running after ``LAST_RESORT_S`` is killed and fails the test with what it printed."""
    try:
        return proc.communicate(timeout=LAST_RESORT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"pid {proc.pid} still running {LAST_RESORT_S:.0f} s after it was "
                             f"stopped; stdout:\n{out}\nstderr:\n{err}") from None


def stopped(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> tuple[str, str]:
    """Stop ``proc`` as a deploy does (SIGTERM) and wait for its exit (``ended``)."""
    proc.send_signal(sig)
    return ended(proc)


def wait_for(predicate, *, timeout: float = LAST_RESORT_S, what: str = ""):
    """``predicate``'s first true value (asked every 20 ms), for what a test's own threads or
    children do in their time; none after ``timeout`` fails the test (only a hang, unless a
    test gives a shorter one on purpose), saying ``what`` it waited for. ``predicate`` is
    untyped: callers' lambdas read what their test narrowed (``runner.slack`` not None), which
    mypy would check again without it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"still waiting after {timeout:.0f} s" + (f" for {what}" if what else ""))


def joined(thread: threading.Thread) -> None:
    """``thread`` ended, for a test's own helper told to stop (a drip between two sends): one
    still running after ``LAST_RESORT_S`` is a hang, and fails the test instead of outliving it."""
    thread.join(LAST_RESORT_S)
    if thread.is_alive():
        raise AssertionError(f"thread {thread.name} still running {LAST_RESORT_S:.0f} s after it "
                             "was told to stop")
