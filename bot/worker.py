"""The one ingest worker: all sources queue articles in the inbox; only this thread stores them
(their analysis runs in worker processes, or on an analysis thread beside it)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.deadline import Deadline
from bot.models import InboxResult, RawArticle
from bot.nlp.load import load_pipeline, require_installed
from bot.pipeline import Outcome, Pipeline, Status
from bot.stories.stage import StoryStage
from bot.write_pause import WritePause
from storage.db import ThreadLocalDb
from storage.inbox import Lane, finish, pending, results, retry_later
from storage.sources import utcnow

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
ERROR_PAUSE = 2.0
WORKER = "worker"


@dataclass(frozen=True)
class Mark:
    """What was written to an article's inbox row: a retry planned, or done (given up on)."""

    retry_at: datetime | None = None
    gave_up: bool = False


class IngestWorker:
    """Takes queued articles in turns by source (each source's in arrival order), one batch at
    a time, on a single thread."""

    def __init__(self, dbs: ThreadLocalDb, settings: Settings, *, nlp: Language | None = None,
                 stories: StoryStage | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None,
                 idle_wait: float = 1.0, clock: Callable[[], datetime] = utcnow) -> None:
        self.dbs = dbs
        self.settings = settings
        self.nlp = nlp
        self.stories = stories
        self.on_outcome = on_outcome
        self.idle_wait = idle_wait
        self.clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._progress = threading.Condition()
        self._pipeline: Pipeline | None = None
        self.writes = WritePause("storing articles")
        self._thread = threading.Thread(target=self._run, name="ingest-worker", daemon=True)
        self._starting = threading.Event()
        """Set while the thread starts the analysis worker processes (no article in hand)."""

    def start(self) -> None:
        """Load spaCy here, on the caller's thread, so a missing model stops start-up at once;
        with worker processes only check it is installed (the workers load it)."""
        if self._processes:
            require_installed(self.settings.spacy_model)
            self._starting.set()
        else:
            self._load()
        self._thread.start()

    @property
    def _processes(self) -> int:
        return max(0, self.settings.nlp_processes)

    def _load(self) -> Language:
        if self.nlp is None:
            self.nlp = load_pipeline(self.settings.spacy_model)
        return self.nlp

    def notify(self) -> None:
        """Something was queued: look at the inbox now rather than at the next idle tick."""
        self._wake.set()

    def halt(self) -> None:
        """Take no more articles (the one in hand finishes): a caller waiting for outcomes
        (``wait_for``) is answered now, what is not done yet staying queued for the next start."""
        self._stop.set()
        self._wake.set()
        with self._progress:
            self._progress.notify_all()

    def stop(self, *, timeout: float | None = 120.0) -> None:
        """Finish the article in progress, leave the rest queued for the next start. While the
        analysis worker processes start (each loads spaCy: seconds, more on a busy machine)
        no article is in hand, so the stop does not wait for them."""
        self.halt()
        if self._starting.is_set():
            log.info("stopping while the analysis worker processes start: not waiting for them "
                     "(no article is in progress)")
            return
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def starting(self) -> bool:
        """Its analysis worker processes are still starting."""
        return self._starting.is_set()

    def wait_for(self, ids: list[int], *, timeout: float) -> dict[int, InboxResult]:
        """Outcomes of the given inbox rows, waiting up to ``timeout`` for them to be processed
        (no longer once the worker is halted: a stop does not wait for the caller's wait)."""
        db = self.dbs.get()
        deadline = Deadline(timeout)
        with self._progress:
            while True:
                rows = results(db, ids)
                left = deadline.left()
                if left <= 0 or self._stop.is_set() or \
                        all(r.status != "pending" for r in rows.values()):
                    return rows
                self._progress.wait(min(left, 0.5))

    def drain(self) -> int:
        """Process everything queued, on the calling thread (for callers that own no thread)."""
        total = 0
        while not self._stop.is_set() and (count := self.process_batch()):
            total += count
        return total

    def process_batch(self) -> int:
        """Run queued articles through the pipeline until none is due; returns how many were
        done. While the database refuses writes (a full disk, a read-only file), the queued
        articles wait, and are not analysed again for nothing at every pass."""
        if self.writes.paused(WORKER, self.clock()):
            return 0
        try:
            done = self._process_batch()
        except sqlite3.OperationalError as exc:
            self.writes.failed(WORKER, str(exc), self.clock())
            return 0
        self.writes.worked(WORKER)
        return done

    def _process_batch(self) -> int:
        """Each inbox row is marked in the transaction that stores its article."""
        db = self.dbs.get()
        inbox_ids: dict[int, int] = {}
        marks: dict[int, Mark] = {}

        def record(position: int, outcome: Outcome) -> None:
            marks[position] = self._mark(db, inbox_ids[position], outcome)

        done = 0
        for outcome in self._pipeline_for(db).ingest(self._queued(db, inbox_ids), record=record):
            self._report(inbox_ids.pop(done), outcome, marks.pop(done))
            done += 1
            if self._stop.is_set():
                break
        return done

    def _queued(self, db, inbox_ids: dict[int, int]) -> Iterator[RawArticle]:
        """Due articles, the sources taking turns (each one's in arrival order), read as the
        pipeline asks for more, so the next batch is analysed while this one is stored for as
        long as articles are queued. Each one's inbox row is noted in ``inbox_ids`` under its
        input position until it is reported: a long backlog keeps only the articles in flight
        in memory, and per source the last row taken."""
        after: dict[Lane, int] = {}
        position = 0
        limit = self.settings.nlp_batch_size * _batches_at_once(self.settings)
        while not self._stop.is_set():
            due = pending(db, limit=limit, now=self.clock(), after=after)
            if not due:
                return
            for row in due:
                inbox_ids[position] = after[row.lane] = row.id
                position += 1
                yield row.article

    def _pipeline_for(self, db) -> Pipeline:
        if self._pipeline is None or self._pipeline.db is not db:
            if self._pipeline is not None:
                self._pipeline.close()
            nlp = self.nlp if self._processes else self._load()
            self._pipeline = Pipeline(db, self.settings, nlp=nlp, stories=self.stories)
        return self._pipeline

    def _mark(self, db, inbox_id: int, outcome: Outcome) -> Mark:
        """Inside the article's transaction: its inbox row done, or its retry planned."""
        verdict = outcome.verdict
        if _retryable(outcome):
            when = retry_later(db, inbox_id, reason=outcome.reason or "internal error",
                               now=self.clock())
            if when is not None:
                return Mark(retry_at=when)
        finish(db, inbox_id, status=outcome.status, article_id=outcome.article_id,
               story_id=verdict.story_id if verdict else None,
               verdict=verdict.kind if verdict else None, reason=outcome.reason)
        return Mark(gave_up=_retryable(outcome))

    def _report(self, inbox_id: int, outcome: Outcome, mark: Mark) -> None:
        """Once committed: the log line, and whoever waits for the outcome."""
        if mark.retry_at is not None:
            log.warning("will retry %s after %s: %s", outcome.origin,
                        mark.retry_at.isoformat(timespec="seconds"), outcome.reason)
            return
        if mark.gave_up:
            log.error("gave up on %s after retrying for hours: %s; it is kept: `wirewatch inbox "
                      "retry %d` queues it again", outcome.origin, outcome.reason, inbox_id)
        elif outcome.status == Status.FAILED:
            log.warning("could not ingest %s: %s", outcome.origin, outcome.reason)
        else:
            log.info("%s %s", outcome.status, outcome.origin)
        with self._progress:
            self._progress.notify_all()
        if self.on_outcome:
            self.on_outcome(outcome)

    def _run(self) -> None:
        try:
            self._pipeline_for(self.dbs.get()).analyser.start()
        except Exception:
            if not self._stop.is_set():
                log.exception("analysis worker processes did not start; the first batch tries "
                              "again")
        finally:
            self._starting.clear()
        while not self._stop.is_set():
            self._wake.clear()
            try:
                count = self.process_batch()
            except Exception:
                log.exception("ingest worker hit an error; retrying in %.0f s", ERROR_PAUSE)
                self._stop.wait(ERROR_PAUSE)
                continue
            if not count:
                self._wake.wait(self.idle_wait)
        if self._pipeline is not None:
            self._pipeline.close()


def _batches_at_once(settings: Settings) -> int:
    """N + 1 batches with N analysis processes (2 with the analysis thread): one stored while
    the next ones are analysed."""
    return max(1, settings.nlp_processes) + 1


def _retryable(outcome: Outcome) -> bool:
    """A failure of ours (say, the database busy for too long), not one in the article."""
    return outcome.failure is not None and outcome.failure.retryable
