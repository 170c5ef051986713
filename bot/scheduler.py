"""APScheduler jobs, in memory, built from the sources table: that table is the one schedule.

Nothing about jobs is stored apart from the sources. After a restart each feed's next poll is
worked out again from when it was last polled (and any backoff it is waiting out), so a poll
that fell due while wirewatch was down runs at once. Digests keep what they sent in the
database, so their job simply starts again with the process.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from typing import Protocol

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlite_utils import Database

from bot.clock_step import ClockWatch
from bot.job_pool import JobPool
from bot.models import Source
from bot.models.times import utc_time
from bot.run_record import BEAT_EVERY
from storage.db import transaction
from storage.sources import list_sources
from storage.state import get_state, set_state

log = logging.getLogger(__name__)
POOL_THREADS = 20
MAX_JITTER = 60
SYNC_EVERY = 5
COMPACT_EVERY = 3600
COMPACT_FIRST = timedelta(minutes=5)  # after start-up's own work
INSTANCES_EVERY = 600
"""Seconds between looks for another wirewatch posting with this app: one conversations.history
call of a few messages (Slack allows apps outside its Marketplace one a minute)."""
INSTANCES_FIRST = timedelta(minutes=1)  # after the first posts of a run
ACCOUNTS_EVERY = 600
"""Seconds between looks at the accounts of people with direct-message subscriptions (up to
50 users.info calls a round), for a deactivation whose ``user_change`` never came."""
ACCOUNTS_FIRST = timedelta(minutes=2)  # a restart's first open says it of the people it posts to
ACCOUNTS_DUE = "account_check_due_at"
"""When the next round of the account look is due, kept in the database: each start set its
first round two minutes on, so a run restarted more often (a crash loop, a deploy a minute)
never made one."""
DELIVER_EVERY = 0.25  # an outbox check is one indexed SELECT; alerts go out within a quarter second
SOURCE_JOBS = ("feed:", "folder:")


class JobTarget(Protocol):
    """What scheduled jobs call into: the running ``wirewatch run``."""

    def poll_feed(self, source_id: int) -> object: ...
    def scan_folder(self, source_id: int) -> object: ...
    def deliver(self) -> object: ...
    def send_digests(self) -> object: ...
    def check_instances(self) -> object: ...
    def check_accounts(self) -> object: ...
    def sync(self) -> object: ...
    def compact(self) -> object: ...
    def heartbeat(self) -> object: ...


class QuietOverlap(logging.Filter):
    """A job still running at its next tick is expected (a slow feed); skipping it is no news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


def build_scheduler(pool: JobPool | None = None) -> BackgroundScheduler:
    """A background scheduler that keeps its jobs in memory only, run on ``pool`` (whose jobs
    under way a stop waits for: ``JobPool.finish``)."""
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(f, QuietOverlap) for f in scheduler_log.filters):
        scheduler_log.addFilter(QuietOverlap())
    return BackgroundScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": pool or JobPool(POOL_THREADS)},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone="UTC",
    )


def jitter(every: int) -> int:
    """Spread polls so feeds added together do not all fire in the same second."""
    return int(min(every / 10, MAX_JITTER))


def first_run(source: Source, *, now: datetime) -> datetime:
    """One interval after the last poll, or when a failing source's backoff ends; never past."""
    due = now
    if source.last_poll_at:
        due = utc_time(source.last_poll_at) + timedelta(seconds=int(source.every))
    if source.next_attempt_at:
        due = max(due, utc_time(source.next_attempt_at))
    return max(due, now)


def sync_sources(scheduler: BackgroundScheduler, target: JobTarget, db: Database, *,
                 now: datetime) -> list[str]:
    """Make the jobs match the sources table: add new sources, drop removed ones, re-time edits."""
    changes: list[str] = []
    wanted = {_job_id(s): s for s in list_sources(db)}
    for job in scheduler.get_jobs():
        if job.id.startswith(SOURCE_JOBS) and job.id not in wanted:
            scheduler.remove_job(job.id)
            changes.append(f"removed {job.id}")
    for job_id, source in wanted.items():
        job = scheduler.get_job(job_id)
        every = int(source.every)
        if job is None:
            _add_source_job(scheduler, target, source, job_id=job_id, now=now)
            changes.append(f"added {job_id}")
        elif int(job.trigger.interval.total_seconds()) != every:
            _add_source_job(scheduler, target, source, job_id=job_id, now=now)
            changes.append(f"every {every} s for {job_id}")
    return changes


def _job_id(source: Source) -> str:
    return f"{source.kind}:{source.id}"


def poll_again_at(scheduler: BackgroundScheduler, source_id: int, *, at: datetime) -> None:
    """Bring a feed's next poll forward to ``at`` (a round of its backlog); the polls after it
    keep the feed's interval. A feed removed meanwhile has no job: nothing to do."""
    try:
        scheduler.modify_job(f"feed:{source_id}", next_run_time=at)
    except JobLookupError:
        return


def digests_at(scheduler: BackgroundScheduler, *, at: datetime) -> None:
    """Bring the digest pass forward to ``at`` (Slack answers again: a digest due during the
    outage goes then, not a pass interval later); before the job is added, nothing to do."""
    try:
        scheduler.modify_job("digests", next_run_time=at)
    except JobLookupError:
        return


def _add_source_job(scheduler: BackgroundScheduler, target: JobTarget, source: Source,
                    *, job_id: str, now: datetime) -> None:
    every = int(source.every)
    start = first_run(source, now=now)
    func = target.poll_feed if source.kind == "feed" else target.scan_folder
    trigger = IntervalTrigger(seconds=every, start_date=start, jitter=jitter(every),
                              timezone="UTC")
    scheduler.add_job(func, trigger, args=[source.id], id=job_id,
                      name=f"{source.kind} {source.location}", next_run_time=start,
                      misfire_grace_time=max(every, 30), replace_existing=True)


def accounts_first(db: Database, *, now: datetime) -> datetime:
    """When this run's first account round is due: as kept by the runs before it (never
    before ``now``), else ``ACCOUNTS_FIRST`` on, kept so a run restarted sooner keeps it."""
    kept = get_state(db, ACCOUNTS_DUE)
    if kept:
        return max(utc_time(kept), now)
    due = now + ACCOUNTS_FIRST
    try:
        with transaction(db):
            set_state(db, ACCOUNTS_DUE, due.isoformat())
    except sqlite3.OperationalError as exc:  # a full disk: this run's round is kept in memory
        log.warning("when the first account check is due was not kept: %s", exc)
    return due


def account_round_done(db: Database, *, now: datetime) -> None:
    """The next round is due ``ACCOUNTS_EVERY`` after this one, whichever run makes it."""
    with transaction(db):
        set_state(db, ACCOUNTS_DUE, (now + timedelta(seconds=ACCOUNTS_EVERY)).isoformat())


def add_service_jobs(scheduler: BackgroundScheduler, target: JobTarget, *, slack: bool,
                     now: datetime, digest_every: int,
                     accounts_at: datetime | None = None) -> None:
    """Source sync, this run's heartbeat (``bot.run_record``), the hourly compaction of closed
    stories' matching data and, with Slack, the outbox sender, digests, the look for another
    wirewatch posting with the app and the look at followers' accounts (first at
    ``accounts_at``: ``accounts_first``); a digest pass each ``digest_every`` seconds."""
    scheduler.add_job(target.sync, "interval", seconds=SYNC_EVERY, id="sync",
                      replace_existing=True, misfire_grace_time=SYNC_EVERY)
    scheduler.add_job(target.heartbeat, "interval", seconds=BEAT_EVERY, id="heartbeat",
                      replace_existing=True, misfire_grace_time=BEAT_EVERY)
    scheduler.add_job(target.compact, "interval", seconds=COMPACT_EVERY, id="compact",
                      next_run_time=now + COMPACT_FIRST, replace_existing=True,
                      misfire_grace_time=COMPACT_EVERY)
    if slack:
        scheduler.add_job(target.deliver, "interval", seconds=DELIVER_EVERY, id="deliver",
                          replace_existing=True, misfire_grace_time=5)
        scheduler.add_job(target.send_digests, "interval", seconds=digest_every, id="digests",
                          next_run_time=now, replace_existing=True,
                          misfire_grace_time=digest_every * 10)
        scheduler.add_job(target.check_instances, "interval", seconds=INSTANCES_EVERY,
                          id="instances", next_run_time=now + INSTANCES_FIRST,
                          replace_existing=True, misfire_grace_time=INSTANCES_EVERY)
        scheduler.add_job(target.check_accounts, "interval", seconds=ACCOUNTS_EVERY,
                          id="accounts", next_run_time=accounts_at or now + ACCOUNTS_FIRST,
                          replace_existing=True, misfire_grace_time=ACCOUNTS_EVERY)


def catch_up_after_clock_step(scheduler: BackgroundScheduler, watch: ClockWatch, *,
                              now: datetime) -> float:
    """Run every job now when the wall clock stepped back: their next runs were set on the
    old time, so each would wait as long as the step (an hour of no alerts and no polls)."""
    back = watch.stepped_back()
    if not back:
        return 0.0
    jobs = scheduler.get_jobs()
    for job in jobs:
        job.modify(next_run_time=now)
    log.warning("the system clock went back %.0f s: %d jobs (alert delivery, digests, feed "
                "polls, folder scans) run now instead of waiting for it to catch up", back,
                len(jobs))
    return back
