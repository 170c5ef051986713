"""Everything `wirewatch run` keeps going: the ingest worker, the scheduler, the HTTP endpoint."""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.alerts.why import ONLY_QUOTES
from bot.clock_step import ClockWatch
from bot.config import ConfigError, Settings
from bot.deadline import Deadline
from bot.feed_check import fetch_limits
from bot.feed_lines import check_line, first_poll_line, notices_line
from bot.http_server import HttpServer
from bot.ingest.addresses import AddressPolicy
from bot.ingest.feed_models import PollResult
from bot.ingest.feeds import NEXT_ROUND, poll_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.folder import FolderWatcher, ScanResult, holds_no_file
from bot.ingest.folder_events import FileEvents
from bot.ingest.http_api import IngestApp
from bot.ingest.next_try import next_try
from bot.job_pool import JobPool
from bot.listen_address import on_all_interfaces, url_to_open
from bot.models import BadInput, Source
from bot.nlp.compiled import current
from bot.redact import redact
from bot.run_record import ThisRun
from bot.scheduler import (
    POOL_THREADS,
    accounts_first,
    add_service_jobs,
    build_scheduler,
    catch_up_after_clock_step,
    digests_at,
    poll_again_at,
    sync_sources,
)
from bot.slack.server import build_router
from bot.source_notices import queue_notices
from bot.stories.retention import compact_story_data
from bot.worker import IngestWorker
from bot.write_pause import WritePause
from storage.db import ThreadLocalDb, transaction
from storage.quote_subscriptions import count_quote_subscriptions
from storage.sources import (
    SourceError,
    add_source,
    get_source,
    health,
    is_due,
    list_sources,
    normalise_location,
    source_row,
    utcnow,
)
from storage.topics import list_topics
from storage.totals import totals

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
CLOCK_LOOK_S = 5.0
WATCH_EVERY = 1
FILE_SETTLE_SECONDS = 0.5
POLL_SLOTS = 12  # of the scheduler's 20 threads: the rest always serve delivery and scans
SHORTEST_TOKEN = 16
"""Characters an ingest token needs at least: /ingest listens on a port compose publishes,
and every guess is answered."""


class CannotStart(BadInput):
    """The system refused something `wirewatch run` needs (a port, a folder to watch)."""


class Runner:
    """Owns the threads of one running wirewatch; ``slack`` is the Slack runtime, or None."""

    def __init__(self, settings: Settings, *, nlp: Language | None = None,
                 slack_factory: Callable[[dict], Any] | None = None,
                 clock_watch: ClockWatch | None = None) -> None:
        self.settings = settings
        self.dbs = ThreadLocalDb(settings.db_path)
        self.fetcher = Fetcher(limits=fetch_limits(settings),
                               policy=AddressPolicy.allowing(settings.allow_networks),
                               concurrency=POLL_SLOTS)
        self.folders = FolderWatcher(max_bytes=settings.max_file_bytes,
                                     max_articles=settings.max_file_articles,
                                     settle_seconds=FILE_SETTLE_SECONDS)
        self.file_events = FileEvents(on_complete=self.file_completed)
        self._watched: dict[Path, int] = {}
        self.worker = IngestWorker(self.dbs, settings, nlp=nlp)
        self.jobs = JobPool(POOL_THREADS)
        self.scheduler = build_scheduler(self.jobs)
        self.ingest_app = ingest_app(settings, self.dbs, self.worker)
        routes = {"/ingest": self.ingest_app} if self.ingest_app else {}
        self.slack = slack_factory(routes) if slack_factory else None
        if self.slack is not None:
            self.slack.when_answering(lambda: digests_at(self.scheduler, at=utcnow()))
        self.record = ThisRun(self.dbs.get, _run_id(self.slack), _mode(self.slack))
        self.http: HttpServer | None = None
        self._stopping = threading.Event()
        self._polls = threading.BoundedSemaphore(POLL_SLOTS)
        self._idle_rounds: dict[int, int] = {}
        """Each feed's rounds in a row that found its last round still waiting for the worker."""
        self.writes = WritePause("feed polls and folder scans")
        self.clock_watch = clock_watch or ClockWatch()
        self._before_polls: list[Source] | None = None
        """The sources as they stood before the run's first poll: what the banner says."""

    def start(self) -> None:
        """Start everything; an address or folder the system refuses is reported as bad input."""
        try:
            self._start()
        except OSError as exc:
            raise CannotStart(str(exc)) from exc

    def _start(self) -> None:
        """Start the worker first (so queued articles from before a crash go first), then polls."""
        if self.settings.watch_folder:
            self.watch(self.settings.watch_folder)
        self.worker.start()
        now = utcnow()
        self.record.begun()
        self.scheduler.start(paused=True)
        sync_sources(self.scheduler, self, self.dbs.get(), now=now)
        slack = self.slack is not None
        add_service_jobs(self.scheduler, self, slack=slack, now=now,
                         accounts_at=accounts_first(self.dbs.get(), now=now) if slack else None,
                         digest_every=self.settings.digest_pass_seconds)
        self._before_polls = list_sources(self.dbs.get())
        self.scheduler.resume()
        threading.Thread(target=self._watch_clock, name="clock-watch", daemon=True).start()
        if self.slack is not None:
            self.slack.start()
        elif self.ingest_app is not None:
            router = build_router(slack=None, extra_routes={"/ingest": self.ingest_app})
            self.http = HttpServer(router, host=self.settings.host, port=self.settings.port,
                                   max_body=self.settings.ingest_max_bytes)
            self.http.start()

    def stop(self) -> list[str]:
        """Stop taking work, cut off downloads in flight (their feeds are polled again next
        time), let the requests, jobs and listeners under way and the article in progress
        finish, every wait taken from one bound (``stop_seconds`` from now); returns what it
        stopped waiting for, left to the next start (a post under way is looked for there,
        never posted twice; a request not answered is sent again by its client)."""
        deadline = Deadline(self.settings.stop_seconds)
        self._stopping.set()
        self.fetcher.close()
        self.worker.halt()
        if self.http is not None:
            self.http.stop(deadline.left())
        if self.slack is not None:
            self.slack.stop(deadline.left())
        self.file_events.stop(deadline.left())
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)  # waiting here held the locks a job may need
        left = self._finish(deadline)
        self.record.ended(within=deadline.left())
        if left:
            log.warning("stopped waiting after %d s (WIREWATCH_STOP_SECONDS) for %s: done again "
                        "at the next start, nothing lost (a post under way is looked for "
                        "first, never posted twice)", self.settings.stop_seconds,
                        ", ".join(left))
        return left

    def _finish(self, deadline: Deadline) -> list[str]:
        """Wait for the jobs, the article in progress and Slack's listeners until ``deadline``;
        what is still running then."""
        left = [f"job {redact(name)!r}" for name in self.jobs.finish(deadline.left())]
        self.worker.stop(timeout=deadline.left())
        if self.worker.alive and not self.worker.starting:
            left.append("the article in progress")
        if self.slack is not None:
            left.extend(self.slack.finish(deadline.left()))
        return left

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def watch(self, folder: Path) -> Source:
        """Register the configured watched folder as a folder source (once)."""
        db = self.dbs.get()
        location = normalise_location(kind="folder", location=str(folder))
        source = get_source(db, location)
        if source is None:
            if Path(location).exists() and not Path(location).is_dir():
                raise SourceError(f"watched folder {location} is a file, not a folder; give "
                                  "WIREWATCH_WATCH_FOLDER (or --watch) the folder files are "
                                  "dropped into")
            if not Path(location).is_dir():
                raise SourceError(f"watched folder {location} does not exist; create it first")
            with transaction(db):
                source = source_row(db, add_source(db, kind="folder", location=location,
                                                   every=WATCH_EVERY))
        return source

    def poll_feed(self, source_id: int, *, now: datetime | None = None) -> PollResult | None:
        """Poll one feed, unless POLL_SLOTS polls are running already (slow feeds must never
        take every scheduler thread from alert delivery); a skipped poll runs next interval."""
        if not self._polls.acquire(blocking=False):
            log.info("feed #%d skipped this time: %d feed polls are already running",
                     source_id, POLL_SLOTS)
            return None
        try:
            return self._when_due(source_id, now, "polling feed", self._poll)
        finally:
            self._polls.release()

    def _poll(self, db: Database, source: Source, at: datetime) -> PollResult:
        """A poll this process's stop cuts off is not the feed's failure (``poll_feed`` records
        none), so the next start polls it at once instead of backing off as from a broken feed."""
        result = poll_feed(db, source, fetcher=self.fetcher, now=at,
                           on_queued=self.worker.notify, stopping=lambda: self.stopping)
        if source.failures and result.error is None:
            _say_back(source)
        wait = self._next_round(source, result)
        if wait is not None and not self.stopping:
            poll_again_at(self.scheduler, source.id, at=utcnow() + wait)
        return result

    def _next_round(self, source: Source, result: PollResult) -> timedelta | None:
        """How soon a feed whose round is full is polled again: ``NEXT_ROUND`` after a round
        that queued entries; after one that queued none (the worker has not taken the last yet,
        and the whole feed was fetched for nothing), twice the wait before, up to the feed's
        interval. None: at its interval."""
        if not result.round_full:
            self._idle_rounds.pop(source.id, None)
            return None
        if result.queued:
            self._idle_rounds.pop(source.id, None)
            return NEXT_ROUND
        idle = self._idle_rounds.get(source.id, 0) + 1
        self._idle_rounds[source.id] = idle
        return min(NEXT_ROUND * 2 ** min(idle, 16), timedelta(seconds=int(source.every)))

    def scan_folder(self, source_id: int, *, now: datetime | None = None) -> ScanResult | None:
        return self._when_due(source_id, now, "scanning folder", self._scan_and_watch)

    def _scan_and_watch(self, db, source: Source, at: datetime) -> ScanResult:
        """Scan for what events missed, and make sure the folder's events are on (again)."""
        result = self.folders.scan(db, source, now=at, on_queued=self.worker.notify)
        if result.error is None:
            self._watch_events(source)
        return result

    def file_completed(self, path: Path) -> None:
        """A file was closed after writing or renamed into a watched folder: read it now."""
        for folder, source_id in list(self._watched.items()):
            if path.is_relative_to(folder):
                queued = self._when_due(source_id, None, "reading", lambda db, source, at:
                                        self.folders.take(db, source, path, now=at))
                if queued:
                    self.worker.notify()
                return

    def _watch_events(self, source: Source) -> None:
        if self.stopping:
            return
        folder = Path(source.location)
        self._watched[folder] = source.id
        if not self.file_events.watching(folder):
            self.file_events.watch(folder)

    def _when_due(self, source_id: int, now: datetime | None, doing: str,
                  job: Callable[[Any, Source, datetime], Any]) -> Any:
        """Run a source's job if it is due; a write the database refuses holds the source a while
        (``writes``), a surprise failure is logged, and neither kills the job."""
        db = self.dbs.get()
        source = get_source(db, source_id)
        now = now or utcnow()
        if source is None or self.stopping or self.writes.paused(source_id, now) or \
                not is_due(source, now):
            return None
        try:
            done = job(db, source, now)
        except sqlite3.OperationalError as exc:  # the database's fault: the next try waits
            self.writes.failed(source_id, str(exc), now)
            return None
        except Exception:
            log.exception("%s %s failed unexpectedly", doing, source.location)
            return None
        self.writes.worked(source_id)
        return done

    def _watch_clock(self) -> None:
        """Look every few seconds (on the monotonic clock) whether the wall clock stepped back."""
        while not self._stopping.wait(CLOCK_LOOK_S):
            try:
                catch_up_after_clock_step(self.scheduler, self.clock_watch, now=utcnow())
            except Exception:
                log.exception("could not reschedule the jobs after a clock step")

    def deliver(self) -> None:
        """Queue the sources' changes of health as notices (``bot.source_notices``), then
        post what waits in the outbox."""
        if self.slack is None or self.stopping:
            return
        try:
            queue_notices(self.dbs.get(), admin_channel=self.settings.admin_channel)
        except sqlite3.OperationalError as exc:  # a full disk: the changes wait for next pass
            log.warning("feed notices not queued this pass: the database refused it (%s)", exc)
        self.slack.deliver_pending()

    def send_digests(self) -> None:
        if self.slack is not None and not self.stopping:
            self.slack.send_due_digests(now=utcnow())

    def check_instances(self) -> None:
        if self.slack is not None and not self.stopping:
            self.slack.check_instances()

    def check_accounts(self) -> None:
        if self.slack is not None and not self.stopping:
            self.slack.check_accounts()

    def sync(self) -> None:
        if not self.stopping:
            sync_sources(self.scheduler, self, self.dbs.get(), now=utcnow())

    def heartbeat(self) -> None:
        if not self.stopping:
            self.record.beat()

    def compact(self) -> None:
        """Drop the matching data of stories closed long enough (small transactions)."""
        if self.stopping:
            return
        try:
            done = compact_story_data(self.dbs.get(), self.settings, now=utcnow(),
                                      stopping=lambda: self.stopping)
        except sqlite3.OperationalError as exc:  # a full disk, a read-only file: next hour
            log.warning("hourly compaction skipped: the database refused it (%s)", exc)
            return
        if done is not None and (done.stories or done.changes):
            log.info("dropped the matching data of %d closed stories (%d articles, %d index "
                     "postings, %d thread links) and %d feed changes of health told long ago",
                     done.stories, done.articles, done.postings, done.links, done.changes)

    def _slack_line(self) -> str:
        assert self.slack is not None
        return _slack_line_for(bool(getattr(self.slack, "socket_mode", False)), self.slack.port)

    def describe(self) -> list[str]:
        """What a run is doing, in a few lines for the terminal (never a token); its sources as
        they stood before its first poll, whose own lines say what it did (a feed polled as the
        run starts would otherwise change the banner by a race)."""
        lines = [f"database: {Path(self.settings.db_path).resolve()}"]
        if self.slack is not None:
            lines.append(self._slack_line())
        sources = self._before_polls
        if sources is None:
            sources = list_sources(self.dbs.get())
        for source in sources:
            lines.append(f"{source.kind} #{source.id}: {redact(source.location)} "
                         f"(every {source.every} s)")
            if source.kind == "folder" and _empty(Path(source.location)):
                lines.append(f"  {EMPTY_FOLDER}")
            if source.failures:
                lines.append(f"  {_failing(source)}: {redact(source.last_error or '')}; "
                             f"{_next_try(source)}")
            else:
                lines.extend(f"  {said}" for said in (check_line(source),
                                                      first_poll_line(source)) if said)
        if not sources:
            lines.append("no feeds or folders yet: wirewatch sources add URL|FOLDER "
                         "(or --watch DIR)")
        lines.append(who_gets_alerts(self.dbs.get(), slack=self.slack is not None))
        if self.slack is not None and any(source.kind == "feed" for source in sources):
            lines.append(notices_line(self.settings.admin_channel))
        lines.append(current().line)
        if self.http is not None:
            lines.append(endpoint_line(self.settings.host, self.http.port))
        elif self.slack is not None and self.ingest_app is not None:
            lines.append(endpoint_line(self.settings.host, self.slack.port))
        else:
            lines.append("ingest endpoint: off (set WIREWATCH_INGEST_TOKEN to enable)")
        return lines


def _run_id(slack: Any) -> str:
    """The run's id: with Slack, the boot id its posts carry (``Instances.boot``)."""
    instances = getattr(slack, "instances", None)
    return str(instances.boot) if instances is not None else uuid.uuid4().hex[:12]


def _mode(slack: Any) -> str:
    if slack is None:
        return "console"
    return "Socket Mode" if getattr(slack, "socket_mode", False) else "HTTP events"


def _say_back(source: Source) -> None:
    """A feed working again is said as loudly as its failures were, so the terminal or log
    that showed it failing overnight does not leave it looking down in the morning."""
    since = f"it last worked {source.last_success_at}" if source.last_success_at else \
        "the first time since it was added"
    log.warning("feed #%d %s works again after %s (%s)", source.id, redact(source.location),
                counted(source.failures, "failed poll"), since)


def _failing(source: Source) -> str:
    """'failing (2 in a row) since 2026-12-06 00:10 UTC': how many tries and since when, as the
    run said when it first failed (no start for a spell begun before it was kept)."""
    since = f" since {when_text(source.failing_since)}" if source.failing_since else ""
    return f"{health(source)}{since}"


def _next_try(source: Source) -> str:
    """A wait already over is no time to name: the run tries the source as it starts."""
    now = utcnow()
    if is_due(source, now):
        return "due now: tried again as this run starts"
    return f"next try {next_try(source.next_attempt_at, now)}"


def endpoint_line(host: str, port: int) -> str:
    """Where to send articles: an address to open, never the listen-all 0.0.0.0."""
    line = f"ingest endpoint: POST {url_to_open(host, port, '/ingest')} (bearer token from " \
        "WIREWATCH_INGEST_TOKEN)"
    if on_all_interfaces(host):
        line += ("; it listens on all interfaces, so other machines use this host's name or "
                 "address (WIREWATCH_HOST=127.0.0.1 keeps it to this one)")
    return line


EMPTY_FOLDER = "empty: drop .txt, .html, .json or .jsonl files in it; each is read once complete"


def _empty(folder: Path) -> bool:
    """A folder there and holding nothing yet: a missing one has its failure line instead."""
    return folder.is_dir() and holds_no_file(folder)


def _slack_line_for(socket_mode: bool, port: int) -> str:
    """Where Slack's requests must arrive: the manifest's Request URL, or Socket Mode."""
    if socket_mode:
        return f"Slack: Socket Mode (no public address needed); GET /health on port {port}"
    return (f"Slack: requests arrive at POST /slack/events on port {port}; the app's Request "
            "URL is https://YOUR-HOST/slack/events forwarded here (docs/slack.md); GET /health")


def who_gets_alerts(db: Database, *, slack: bool) -> str:
    """The line a first run most needs: nothing is posted until a topic is tracked and, in
    Slack, until a channel or person subscribes to it."""
    topics = [t.name for t in list_topics(db)]
    if not topics:
        quotes = slack and count_quote_subscriptions(db)
        return (f"topics: none yet, so {ONLY_QUOTES if quotes else 'nothing alerts'}; track "
                "one with: wirewatch topics add NAME [QUERY]"
                + (" (or /topics add in Slack)" if slack else ""))
    named = ", ".join(topics[:3]) + (f" and {len(topics) - 3} more" if len(topics) > 3 else "")
    if not slack:
        return f"topics: {named}; every alert of every topic is printed here"
    subscribed = totals(db).subscriptions + count_quote_subscriptions(db)
    if not subscribed:
        return (f"topics: {named}; no channel or person subscribes yet, so nothing is posted: "
                "type /subscribe TOPIC in a Slack channel")
    return f"topics: {named}; {counted(subscribed, 'subscription')}"


def ingest_app(settings: Settings, dbs: ThreadLocalDb, worker: IngestWorker) -> IngestApp | None:
    token = (settings.ingest_token or "").strip()
    if not token:
        return None
    if len(token) < SHORTEST_TOKEN:
        raise ConfigError(f"WIREWATCH_INGEST_TOKEN is {len(token)} characters: short enough to "
                          "guess, and whoever guesses it can post articles that alert the desk; "
                          f"use {SHORTEST_TOKEN} or more random characters (openssl rand -hex 24)")
    return IngestApp(dbs, token=token, max_bytes=settings.ingest_max_bytes, worker=worker)
