"""SIGTERM while wirewatch still loads, before a command has a handler of its own: a clean stop
(exit 0, nothing started), not the default death (143), which a service manager reads as a
failure. Imports nothing of wirewatch, so the entry point installs it before loading the rest."""

from __future__ import annotations

import signal
from types import FrameType


def _stop_before_starting(signum: int, frame: FrameType | None) -> None:
    """Nothing has started yet: leave as a stop asked for (``finally`` blocks still run)."""
    raise SystemExit(0)


def install() -> None:
    """The entry point's first step: every SIGTERM from here on is the process's to handle."""
    signal.signal(signal.SIGTERM, _stop_before_starting)


def hand_back() -> None:
    """A command with no handler of its own (all but `run`) gets SIGTERM's default back once
    chosen: its work started, so exit 0 would say it finished. Elsewhere (a test calling the
    command in-process) nothing is changed."""
    if signal.getsignal(signal.SIGTERM) is _stop_before_starting:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
