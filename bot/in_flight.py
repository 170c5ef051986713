"""Futures under way, by name: what a stop waits for with a bound, and names when it stops
waiting (the scheduler's jobs, Bolt's listeners)."""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from bot.deadline import Deadline


class InFlight:
    """The futures handed to ``add`` that have not ended yet."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Future[Any], str] = {}

    def add(self, future: Future[Any], name: str) -> None:
        with self._lock:
            self._running[future] = name
        future.add_done_callback(self._ended)

    def _ended(self, future: Future[Any]) -> None:
        with self._lock:
            self._running.pop(future, None)

    def running(self) -> list[str]:
        """The names of those under way, sorted."""
        with self._lock:
            return sorted(name for future, name in self._running.items() if not future.done())

    def finish(self, timeout: float) -> list[str]:
        """Wait up to ``timeout`` seconds for those under way; the names of those still running
        then (their threads are left to the process's exit)."""
        deadline = Deadline(timeout)
        while True:
            with self._lock:
                futures = [future for future in self._running if not future.done()]
            left = deadline.left()
            if not futures or left <= 0:
                return self.running()
            wait(futures, timeout=left, return_when=FIRST_COMPLETED)
