"""A stop's last resort: `wirewatch run` still running a few seconds past its stop's bound (a
wait nothing bounded, the interpreter joining a thread at exit) says where each thread waits
and leaves, as the process manager's SIGKILL would a little later, but said. Nothing is lost
by it: what was under way is done again at the next start, as after a kill."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from types import FrameType

log = logging.getLogger(__name__)
EXIT_MARGIN_S = 5.0
"""How long past the stop's own bound the process may take to exit before it is made to."""
OURS = (f"{os.sep}bot{os.sep}", f"{os.sep}storage{os.sep}", f"{os.sep}handlers{os.sep}")


def arm(seconds: float) -> threading.Thread:
    """Leave ``seconds`` from now if the process is still running then (a daemon thread, which
    the exit does not wait for)."""
    thread = threading.Thread(target=_leave_after, args=(seconds,), name="stop-bound",
                              daemon=True)
    thread.start()
    return thread


def _leave_after(seconds: float) -> None:
    threading.Event().wait(seconds)
    log.error("the stop is still not over %.0f s after it began: leaving without waiting "
              "more (what was under way is done at the next start); still waiting: %s",
              seconds, waited_on())
    leave()


def waited_on() -> str:
    """Each thread but this one still running, with where it waits: its innermost call, and the
    innermost of wirewatch's own (a socket read says little without what made it)."""
    frames = sys._current_frames()
    here = threading.get_ident()
    said = [f"{thread.name} ({_where(frames[thread.ident])})"
            for thread in threading.enumerate()
            if thread.ident is not None and thread.ident != here and thread.ident in frames]
    return "; ".join(said) or "no other thread"


def _where(frame: FrameType) -> str:
    stack = traceback.extract_stack(frame)
    inner = stack[-1]
    own = next((f for f in reversed(stack) if any(part in f.filename for part in OURS)), None)
    places = [f"{os.path.basename(inner.filename)}:{inner.lineno} {inner.name}"]
    if own is not None and own is not inner:
        places.insert(0, f"{os.path.basename(own.filename)}:{own.lineno} {own.name}")
    return " in ".join(places)


def leave(code: int = 0) -> None:
    """Exit now, skipping the interpreter's joins of threads still waiting (their work is left
    as a kill leaves it), after writing out what was printed and logged."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed terminal or pipe
            stream.flush()
    os._exit(code)
