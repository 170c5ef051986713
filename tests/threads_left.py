"""Threads a test started and left running: each one outlives its test, and can print into a
later test's capture, hold a port or a file, and fail only in the full suite."""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections.abc import Collection

JOIN_S = 10.0
"""How long the threads a test left get to end, together, once it is over: a thread already
told to stop (a cancelled timer, a server's worker seeing the shutdown) ends after one poll of
at most half a second; ten seconds covers that on a machine loaded twentyfold. A thread never
told to stop costs a test these ten seconds before it fails, not ``LAST_RESORT_S``."""

MEANT_TO_OUTLIVE = {
    "analysis_": "the analysis thread: one per loaded spaCy pipeline, shared by every "
                 "Analyser using it (bot.analysis), started by the first test that analyses",
    "wirewatch-usergroups-": "bot.slack.usergroups' pool, one a process: idle, ends in 30 s",
    "wirewatch-channel-check-": "bot.slack.membership's pool, one a process: idle, ends in 30 s",
}
"""Threads of product code that outlive a test by design, by the start of their name."""


def running() -> set[threading.Thread]:
    return set(threading.enumerate())


def left_running(before: Collection[threading.Thread], *, seconds: float = JOIN_S
                 ) -> list[threading.Thread]:
    """Threads alive now that were not in ``before`` and are not ``MEANT_TO_OUTLIVE``, each
    joined until ``seconds`` from now have passed; those still alive then."""
    started = [thread for thread in threading.enumerate()
               if thread not in before and not thread.name.startswith(tuple(MEANT_TO_OUTLIVE))]
    deadline = time.monotonic() + seconds
    for thread in started:
        thread.join(max(0.0, deadline - time.monotonic()))
    return [thread for thread in started if thread.is_alive()]


def described(thread: threading.Thread) -> str:
    """``thread``'s name, what it runs and where it is now (its innermost frames)."""
    target = getattr(thread, "_target", None)
    runs = getattr(target, "__qualname__", type(thread).__name__)
    frame = sys._current_frames().get(thread.ident or 0)
    where = "" if frame is None else " <- ".join(
        f"{os.path.basename(step.filename)}:{step.lineno} {step.name}"
        for step in reversed(traceback.extract_stack(frame)[-4:]))
    daemon = " (daemon)" if thread.daemon else ""
    return f"{thread.name}{daemon} running {runs}, at {where}"
