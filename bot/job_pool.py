"""The scheduler's thread pool, whose jobs in flight a stop waits for with a bound, by name.

APScheduler's ``shutdown(wait=True)`` waits for running jobs while holding the scheduler's
locks: a job that then touches the scheduler (a feed's next round brought forward, the digest
pass brought forward when Slack answers again, the source sync) waits for those locks for ever,
and the stop for it. A stop shuts the scheduler down without waiting and waits here instead."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor as Threads
from typing import Any

from apscheduler.executors.base import run_job
from apscheduler.executors.pool import BasePoolExecutor

from bot.in_flight import InFlight


class JobPool(BasePoolExecutor):
    """APScheduler's thread pool executor, which also knows which jobs are running."""

    def __init__(self, threads: int) -> None:
        super().__init__(Threads(threads))
        self._flight = InFlight()

    def _do_submit_job(self, job: Any, run_times: list[Any]) -> None:
        future = self._pool.submit(run_job, job, job._jobstore_alias, run_times,
                                   self._logger.name)
        self._flight.add(future, job.name)
        future.add_done_callback(lambda done: self._ended(done, job.id))

    def _ended(self, future: Future[Any], job_id: str) -> None:
        error = future.exception()
        if error is not None:
            self._run_job_error(job_id, error, error.__traceback__)
        else:
            self._run_job_success(job_id, future.result())

    def running(self) -> list[str]:
        """The names of the jobs under way (a job's name says its source, for a poll)."""
        return self._flight.running()

    def finish(self, timeout: float) -> list[str]:
        """Wait up to ``timeout`` seconds for the jobs under way; the names of those still
        running then (their threads are left to the process's exit)."""
        return self._flight.finish(timeout)
