"""While the database refuses writes (a full disk, a read-only file), work that must write
waits and says so once, instead of trying again at every pass and logging each try."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from bot.clock_step import waiting
from storage.backoff import Backoff

log = logging.getLogger(__name__)
WAIT = Backoff(first=5.0, cap=60.0)


class WritePause:
    """Per job (all alert delivery, the digests, a source, the ingest worker): how long it
    waits after a refused write, as every job would be refused alike. One ERROR when the first
    job is refused, one WARNING once none is refused any more."""

    def __init__(self, work: str) -> None:
        self.work = work
        self._lock = threading.Lock()
        self._failures: dict[object, tuple[int, datetime]] = {}

    def paused(self, job: object, now: datetime) -> bool:
        with self._lock:
            failed = self._failures.get(job)
        return failed is not None and waiting(failed[1], now, WAIT.cap)

    def failed(self, job: object, reason: str, now: datetime) -> None:
        """A write was refused: this job waits 5 s, doubling to a minute."""
        with self._lock:
            first = not self._failures
            count = self._failures.get(job, (0, now))[0] + 1
            self._failures[job] = (count, WAIT.next_attempt(count, now=now))
        if first:
            log.error("cannot write to the database (%s): %s paused, tried again every minute "
                      "at most; nothing is lost. Free disk space, or make the database file and "
                      "its folder writable", reason, self.work)

    def worked(self, job: object) -> None:
        """The job ran to its end: it no longer waits."""
        with self._lock:
            was = self._failures.pop(job, None) is not None
            last = was and not self._failures
        if last:
            log.warning("the database takes writes again; %s resumed", self.work)
