"""When a failed attempt is tried again: the one doubling backoff behind every ``next_attempt_at``.

It lives in storage/ because the outbox, the sources and the inbox all store its answer, and
storage/ may not import the layers above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_DOUBLINGS = 48


@dataclass(frozen=True)
class Backoff:
    """Waits ``first`` seconds after the first failure, doubling with each one, up to ``cap``."""

    first: float
    cap: float

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` consecutive failures (0 or less: no wait)."""
        if failures < 1:
            return 0.0
        return min(self.first * 2.0 ** min(failures - 1, MAX_DOUBLINGS), max(self.first, self.cap))

    def delay_sql(self, failures: str) -> str:
        """``delay`` as SQL over the column ``failures``, beside it so the two cannot drift: a
        query may need the wait a row's tries set (the inbox, after the clock steps back)."""
        return (f"min({self.first} * (1 << min({failures} - 1, {MAX_DOUBLINGS})), "
                f"{max(self.first, self.cap)})")

    def next_attempt(self, failures: int, *, now: datetime) -> datetime:
        return now + timedelta(seconds=self.delay(failures))
