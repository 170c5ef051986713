"""The scheduler's pool as a stop uses it (``bot.job_pool``): the scheduler shut down without
waiting, a job under way that then calls into the scheduler ends, and the stop's wait for the
jobs is bounded and names what it left. A real APScheduler scheduler and threads."""

from __future__ import annotations

import threading

from apscheduler.schedulers.background import BackgroundScheduler

from bot.job_pool import JobPool
from bot.scheduler import build_scheduler
from tests.stopping import LAST_RESORT_S, wait_for


def started_job(name: str) -> tuple[JobPool, BackgroundScheduler, threading.Event, list[int]]:
    """A running scheduler with one job under way, held until the event is set; it then lists
    the scheduler's jobs (as the source sync does) and counts them."""
    pool = JobPool(2)
    scheduler = build_scheduler(pool)
    scheduler.start()
    go = threading.Event()
    seen: list[int] = []

    def job() -> None:
        go.wait(LAST_RESORT_S)
        seen.append(len(scheduler.get_jobs()))

    scheduler.add_job(job, id="held", name=name)
    wait_for(lambda: pool.running() == [name])
    return pool, scheduler, go, seen


def test_a_job_that_calls_the_scheduler_after_the_stop_began_ends_and_is_waited_for():
    """Before: ``shutdown(wait=True)`` held the job store's lock while it waited, and the job's
    ``get_jobs`` waited for that lock: neither ever ended."""
    pool, scheduler, go, seen = started_job("source sync")
    scheduler.shutdown(wait=False)
    go.set()
    assert pool.finish(LAST_RESORT_S) == []
    assert seen == [0], "the job ran to its end after the shutdown"


def test_the_wait_for_jobs_is_bounded_and_names_what_it_left():
    pool, scheduler, go, seen = started_job("feed https://example.org/rss")
    scheduler.shutdown(wait=False)
    assert pool.finish(0.2) == ["feed https://example.org/rss"]
    go.set()
    assert pool.finish(LAST_RESORT_S) == [] and seen == [0]
