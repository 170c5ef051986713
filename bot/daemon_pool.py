"""A few daemon threads for calls to Slack that a request waits for only briefly.

Unlike ThreadPoolExecutor's threads, which the interpreter joins at exit, a call still waiting
for Slack (up to the client's 10 s timeout) never holds up a stop."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

IDLE_SECONDS = 30.0
T = TypeVar("T")


class DaemonPool:
    """At most ``size`` daemon threads running jobs, each ending after ``idle`` seconds without
    one; results and errors are handed back through Futures, as an executor does."""

    def __init__(self, size: int, name: str, *, idle: float = IDLE_SECONDS) -> None:
        self.size, self.name, self.idle = size, name, idle
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = \
            queue.SimpleQueue()  # None: a wake-up from ``close``
        self._lock = threading.Lock()
        self._threads = 0
        self._waiting = 0  # threads free to take a job
        self._queued = 0  # jobs no thread has counted as taken yet
        self._closed = False

    def submit(self, job: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            self._queued += 1
            self._jobs.put((future, job))
            if self._queued > self._waiting and self._threads < self.size:
                self._threads += 1
                self._waiting += 1
                threading.Thread(target=self._work, daemon=True,
                                 name=f"{self.name}-{self._threads}").start()
        return future

    def close(self) -> None:
        """The owner stops: a thread waiting for a job ends now, not ``idle`` seconds later;
        one running a job (or given one later) ends once no job is left."""
        with self._lock:
            self._closed = True
            for _ in range(self._waiting):
                self._jobs.put(None)

    def _work(self) -> None:
        while True:
            try:
                taken = self._jobs.get(timeout=0 if self._closed else self.idle)
            except queue.Empty:
                taken = None
            if taken is None:
                with self._lock:
                    if not self._queued:
                        self._threads -= 1
                        self._waiting -= 1
                        return
                continue
            future, job = taken
            with self._lock:
                self._queued -= 1
                self._waiting -= 1
            _run(future, job)
            with self._lock:
                self._waiting += 1


def _run(future: Future[Any], job: Callable[[], Any]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(job())
    except BaseException as exc:  # handed to whoever waits for the future, as an executor does
        future.set_exception(exc)
