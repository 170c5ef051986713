"""While the database refuses writes (a full disk, a read-only file), the sender waits and says
so once, instead of trying every quarter second and logging each try."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from storage.backoff import Backoff

log = logging.getLogger(__name__)
WAIT = Backoff(first=5.0, cap=60.0)


class WritePause:
    """Shared by one sender's passes: how long delivery waits after a refused write, and why."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures = 0
        self._until: datetime | None = None

    def paused(self, now: datetime) -> bool:
        with self._lock:
            return self._until is not None and now < self._until

    def failed(self, reason: str, now: datetime) -> None:
        """A write was refused: wait 5 s, doubling to a minute; the first refusal is logged."""
        with self._lock:
            self._failures += 1
            self._until = WAIT.next_attempt(self._failures, now=now)
            first = self._failures == 1
        if first:
            log.error("cannot write to the database (%s): alert delivery waits and tries again "
                      "every minute at most; nothing queued is lost. Free disk space, or make "
                      "the database file and its folder writable", reason)

    def worked(self) -> None:
        """A pass stored what it did: delivery runs as usual again."""
        with self._lock:
            was_failing, self._failures, self._until = self._failures > 0, 0, None
        if was_failing:
            log.warning("the database takes writes again; alert delivery resumes")
