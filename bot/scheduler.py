"""APScheduler: feed polls and digests persisted in the wirewatch database, the rest in memory.

Persisted jobs name module-level functions with plain arguments (a source id), so they survive
a restart; the functions reach the running process through ``activate``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Protocol

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlite_utils import Database

from storage.db import BUSY_TIMEOUT_MS
from storage.sources import list_sources

log = logging.getLogger(__name__)
PERSISTENT = "persistent"
MEMORY = "default"
POOL_THREADS = 20
MAX_JITTER = 60
DIGEST_EVERY = 60
SYNC_EVERY = 5
DELIVER_EVERY = 0.25  # an outbox check is one indexed SELECT; alerts go out within a quarter second


class JobTarget(Protocol):
    """What scheduled jobs call into: the running ``wirewatch run``."""

    def poll_feed(self, source_id: int) -> object: ...
    def scan_folder(self, source_id: int) -> object: ...
    def deliver(self) -> object: ...
    def send_digests(self) -> object: ...
    def sync(self) -> object: ...


_active: JobTarget | None = None


def activate(target: JobTarget | None) -> None:
    """Point the job functions at the running process (None when it stops)."""
    global _active
    _active = target


def _call(name: str, *args: object) -> None:
    target = _active
    if target is None:
        log.info("job %s skipped: wirewatch is not running", name)
        return
    getattr(target, name)(*args)


def poll_feed_job(source_id: int) -> None:
    _call("poll_feed", source_id)


def scan_folder_job(source_id: int) -> None:
    _call("scan_folder", source_id)


def deliver_job() -> None:
    _call("deliver")


def send_digests_job() -> None:
    _call("send_digests")


def sync_job() -> None:
    _call("sync")


class QuietOverlap(logging.Filter):
    """A job still running at its next tick is expected (a slow feed); skipping it is no news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


def build_scheduler(db_path: str | Path) -> BackgroundScheduler:
    """A background scheduler whose persistent store lives in the same SQLite file."""
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(f, QuietOverlap) for f in scheduler_log.filters):
        scheduler_log.addFilter(QuietOverlap())
    store = SQLAlchemyJobStore(
        url=f"sqlite:///{Path(db_path).resolve()}",
        engine_options={"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}},
    )
    return BackgroundScheduler(
        jobstores={MEMORY: MemoryJobStore(), PERSISTENT: store},
        executors={"default": ThreadPoolExecutor(POOL_THREADS)},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone="UTC",
    )


def catch_up(scheduler: BackgroundScheduler, *, now: datetime) -> list[str]:
    """After downtime, run overdue persisted jobs now instead of waiting for their next tick."""
    late = [job for job in scheduler.get_jobs(jobstore=PERSISTENT)
            if job.next_run_time is not None and job.next_run_time < now]
    for job in late:
        job.modify(next_run_time=now)
    return [job.id for job in late]


def jitter(every: int) -> int:
    """Spread polls so feeds added together do not all fire in the same second."""
    return int(min(every / 10, MAX_JITTER))


def sync_sources(scheduler: BackgroundScheduler, db: Database, *, now: datetime) -> list[str]:
    """Make the jobs match the sources table: add new sources, drop removed ones, re-time edits."""
    changes: list[str] = []
    wanted = {_job_id(s): s for s in list_sources(db)}
    for store in (PERSISTENT, MEMORY):
        for job in scheduler.get_jobs(jobstore=store):
            if job.id.startswith(("feed:", "folder:")) and job.id not in wanted:
                scheduler.remove_job(job.id, jobstore=store)
                changes.append(f"removed {job.id}")
    for job_id, source in wanted.items():
        store = PERSISTENT if source["kind"] == "feed" else MEMORY
        job = scheduler.get_job(job_id, jobstore=store)
        every = int(source["every"])
        if job is None:
            _add_source_job(scheduler, source, job_id=job_id, store=store, now=now)
            changes.append(f"added {job_id}")
        elif int(job.trigger.interval.total_seconds()) != every:
            scheduler.reschedule_job(job_id, jobstore=store, trigger="interval", seconds=every,
                                     jitter=jitter(every))
            changes.append(f"every {every} s for {job_id}")
    return changes


def _job_id(source: dict) -> str:
    return f"{source['kind']}:{source['id']}"


def _add_source_job(scheduler: BackgroundScheduler, source: dict, *, job_id: str, store: str,
                    now: datetime) -> None:
    every = int(source["every"])
    func = poll_feed_job if source["kind"] == "feed" else scan_folder_job
    scheduler.add_job(func, "interval", seconds=every, jitter=jitter(every), args=[source["id"]],
                      id=job_id, name=f"{source['kind']} {source['location']}", jobstore=store,
                      next_run_time=now, misfire_grace_time=max(every, 30),
                      replace_existing=True)


def add_service_jobs(scheduler: BackgroundScheduler, *, slack: bool, now: datetime) -> None:
    """Source sync and, with Slack, the outbox sender (memory) and digests (persisted)."""
    scheduler.add_job(sync_job, "interval", seconds=SYNC_EVERY, id="sync", jobstore=MEMORY,
                      replace_existing=True, misfire_grace_time=SYNC_EVERY)
    if slack:
        scheduler.add_job(deliver_job, "interval", seconds=DELIVER_EVERY, id="deliver",
                          jobstore=MEMORY,
                          replace_existing=True, misfire_grace_time=5)
        if scheduler.get_job("digests", jobstore=PERSISTENT) is None:
            scheduler.add_job(send_digests_job, "interval", seconds=DIGEST_EVERY, id="digests",
                              jobstore=PERSISTENT, next_run_time=now,
                              misfire_grace_time=DIGEST_EVERY * 10)
