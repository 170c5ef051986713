"""One stop's bound, counted from its first step: every wait of the stop takes its time from
what is left of it, so the waits added up never pass the bound."""

from __future__ import annotations

import time


class Deadline:
    """A moment ``seconds`` from now on the monotonic clock, and how long until it."""

    def __init__(self, seconds: float) -> None:
        self._at = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds until the deadline; 0 once it has passed (a wait of 0 only looks)."""
        return max(0.0, self._at - time.monotonic())
