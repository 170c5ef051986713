"""What a desk admin asks first (is it running, does Slack answer, is anything stuck, are the
feeds alive), read from the database alone in one read transaction: `/wirewatch status` in Slack
and `wirewatch status` on the server render the same reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.models import RunRecord, Source, Topic, Totals
from bot.models.times import utc_time
from bot.run_record import BEAT_EVERY
from bot.topic_health import QueryTrouble, to_mend
from storage.alerts import count_failed
from storage.db import snapshot
from storage.outbox_waiting import WhyWaiting, why_waiting
from storage.runs import latest_runs
from storage.sources import list_sources, unreadable_files
from storage.topics import list_topics
from storage.totals import last_article, totals

SILENT_AFTER = timedelta(seconds=3 * BEAT_EVERY)
"""A run whose heartbeat is older than this, and that never said it stopped, is gone (killed,
or its machine went down)."""
RUNNING, STOPPED, SILENT = "running", "stopped", "silent"
STARTING, NEVER_STARTED = "starting", "never started"
"""A run whose row holds only Slack's answer to its start-up check (asked before the run is
recorded as begun): still starting, or its start-up failed (said stopped) or was killed."""


@dataclass(frozen=True)
class DeskStatus:
    """One moment of the database, as both renderings show it."""

    at: datetime
    runs: list[RunRecord]
    totals: Totals
    pending: int
    oldest_pending: str | None
    waits: WhyWaiting
    failed: int
    sources: list[Source]
    last_article: tuple[int, str, str] | None
    unread: dict[int, int]
    """Per folder source's id, how many of its files could not be read as they are."""
    mend: list[tuple[Topic, QueryTrouble]]
    """The topics whose stored query add or edit would refuse (``bot.topic_health``)."""


def read_status(db: Database, *, now: datetime) -> DeskStatus:
    """Every part in one read transaction (no network call: the run wrote what it knew of
    Slack), so an alert posted meanwhile is not counted both waiting and gone. Waiting to be
    posted: not an alert of a muted story, which its turn closes unposted (``waits.muted``)."""
    with snapshot(db):
        waits = why_waiting(db, now=now.isoformat())
        sources = list_sources(db)
        unread = {row.id: count for row in sources if row.kind == "folder"
                  if (count := unreadable_files(db, row.location, limit=0)[0])}
        return DeskStatus(at=now, runs=latest_runs(db), totals=totals(db),
                          pending=waits.pending, oldest_pending=waits.oldest, waits=waits,
                          failed=count_failed(db), sources=sources,
                          last_article=last_article(db), unread=unread,
                          mend=to_mend(list_topics(db)))


def muted_line(muted: int) -> str:
    """The alerts counted apart from those waiting: none of them will be posted."""
    return f"Alerts of muted stories, closed at their turn without being posted: {muted}"


def run_state(run: RunRecord, now: datetime) -> str:
    """RUNNING (its heartbeat is recent), STOPPED (it said so) or SILENT (it went quiet without
    stopping: killed, or its machine went down); STARTING or NEVER_STARTED before it began."""
    if run.started_at is None and (run.stopped_at or not run.heartbeat_at):
        return _start_up(run, now)
    if run.stopped_at:
        return STOPPED
    beat = run.heartbeat_at or run.started_at
    if beat and now - utc_time(beat) <= SILENT_AFTER:
        return RUNNING
    return SILENT


def _start_up(run: RunRecord, now: datetime) -> str:
    """A run not recorded as begun: STARTING while its Slack check is recent, else it never
    started (stopped by a start-up that failed, or gone quiet during it)."""
    asked = run.slack_since
    if not run.stopped_at and asked and now - utc_time(asked) <= SILENT_AFTER:
        return STARTING
    return NEVER_STARTED
