"""Bolt's listener threads, whose calls under way a stop waits for within its bound.

Bolt runs each listener (and lazy listener) on its executor after the request is answered; a
listener still in a Slack call at the stop was joined by the interpreter's exit for up to the
client's timeout. Given this executor, the stop waits for them as for the scheduler's jobs, and
leaves those still running with the process (their threads are not joined)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from bot.in_flight import InFlight

LISTENER_THREADS = 5
"""Bolt's own default."""
LISTENER = "a Slack listener's call"
P = ParamSpec("P")
T = TypeVar("T")


class ListenerPool(ThreadPoolExecutor):
    """A thread pool that knows how many of its listeners are under way."""

    def __init__(self, threads: int = LISTENER_THREADS) -> None:
        super().__init__(threads, thread_name_prefix="slack-listener")
        self._flight = InFlight()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future = super().submit(fn, *args, **kwargs)
        self._flight.add(future, LISTENER)
        return future

    def finish(self, timeout: float) -> list[str]:
        """Take no more listeners, and wait up to ``timeout`` seconds for those under way;
        one name for each still running then."""
        self.shutdown(wait=False)
        return self._flight.finish(timeout)
