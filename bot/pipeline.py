"""The main job: read -> clean -> parse -> quotes and story features -> load candidates ->
decide -> one short write transaction -> outbox. docs/flow.md follows one article through it."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from itertools import islice
from typing import TYPE_CHECKING

from sqlite_utils import Database

from bot.alerts.eligibility import TOLD, alert_hold
from bot.alerts.quote_alerts import enqueue_quote_alerts
from bot.analysis import Analysed, Analyser, Analysis, Failed, Reading
from bot.config import Settings
from bot.ingest.clean import CleanError, clean_article
from bot.ingest.files import iter_paths, read_path
from bot.ingest.sent_again import stored_as
from bot.models import (
    Article,
    ErrorKind,
    IngestFailure,
    RawArticle,
    StoryFold,
    StoryMove,
    Verdict,
    VerdictKind,
    WirewatchError,
    yield_bounds,
)
from bot.nlp.load import load_pipeline, require_installed
from bot.nlp.summary import ExtractiveSummariser
from bot.redact import printable
from bot.stories.decide import Candidates, Decision
from bot.stories.schedule import own_time
from bot.stories.stage import Prepared, StoryStage
from storage.alerts import enqueue_alerts, hold_alerts, is_held, withdraw_waiting
from storage.articles import find_by_hash, insert_article
from storage.db import data_version, transaction
from storage.never_duplicate import count_as_update
from storage.quotes import insert_quotes

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
SAME_TEXT = "same text as an article already stored"
WRITTEN_CHARS = 100
"""The most of a date set aside kept as written (a date field may hold anything)."""
GROUP_HOLD_SECONDS = 0.25
"""A write transaction takes in more articles of its batch only while it has held the write lock
for less than this: other writers (the outbox sender, Slack commands) wait at most about this
long plus one article."""


class Status(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one input; a failed one says what ``failure`` it was."""

    origin: str
    status: Status
    title: str | None = None
    article_id: int | None = None
    verdict: Verdict | None = None
    topic_ids: tuple[int, ...] = ()
    reason: str | None = None
    failure: ErrorKind | None = None
    moved: StoryMove | None = None
    left_out: bool = False
    left_out_why: str | None = None
    folded: StoryFold | None = None

    @classmethod
    def failed(cls, origin: str, reason: str, kind: ErrorKind,
               title: str | None = None) -> Outcome:
        return cls(origin, Status.FAILED, title=title, reason=reason, failure=kind)

    @classmethod
    def duplicate(cls, origin: str, title: str | None, article_id: int | None) -> Outcome:
        return cls(origin, Status.DUPLICATE, title=title, article_id=article_id,
                   reason=SAME_TEXT)


@dataclass(frozen=True)
class Slot:
    """One input of a batch after cleaning: the article to parse, an outcome known already, or
    the batch index of the article it is an exact copy of."""

    article: Article | None = None
    known: Outcome | None = None
    copy_of: int | None = None


@dataclass(frozen=True)
class Batch:
    """Inputs whose articles are being analysed (in a worker process, or already done);
    ``first`` is the position of the first of them in the whole input."""

    first: int
    items: list[RawArticle | IngestFailure]
    slots: list[Slot]
    articles: list[Article]
    analysis: Future[list[Reading]]


@dataclass(frozen=True)
class Work:
    """One input of a batch, ready to be settled: its slot and, for an article, its analysis."""

    position: int
    item: RawArticle | IngestFailure
    slot: Slot
    analysis: Analysis | None = None


Record = Callable[[int, "Outcome"], None]
"""Called with an input's position (0-based, in input order) and its outcome, inside the write
transaction that stores the article, so the caller's own bookkeeping (the inbox row) commits or
rolls back with it."""


@dataclass(frozen=True)
class Placement:
    """Where the story stage puts an article, worked out before the write lock is taken;
    ``version`` is the database's data_version when the candidates were read."""

    candidates: Candidates
    decision: Decision
    version: int


@dataclass(frozen=True)
class Ahead:
    """An article's time, alert hold and placement, as worked out for its transaction."""

    prepared: Prepared
    hold: str | None
    placement: Placement


class Pipeline:
    hold_seconds = GROUP_HOLD_SECONDS

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        nlp: Language | None = None,
        stories: StoryStage | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        if nlp is None and not settings.nlp_processes:
            nlp = load_pipeline(settings.spacy_model)
        elif nlp is None:
            require_installed(settings.spacy_model)
        self.stories = stories or StoryStage.from_settings(settings)
        self.analyser = Analyser(nlp, stories=self.stories, settings=settings)

    def ingest_paths(self, paths: Iterable[str]) -> Iterator[Outcome]:
        return self.ingest(self._read(paths))

    def _read(self, paths: Iterable[str]) -> Iterator[RawArticle | IngestFailure]:
        for path in iter_paths(paths):
            if isinstance(path, IngestFailure):
                yield path
            else:
                yield from read_path(path, max_bytes=self.settings.max_file_bytes)

    def ingest(self, items: Iterable[RawArticle | IngestFailure], *,
               record: Record | None = None) -> Iterator[Outcome]:
        """Process inputs in batches, in order; a bad input fails alone and the rest go on.
        The next batches are analysed while this one is stored. ``record`` is called for every
        input inside the transaction that settles it; each outcome is yielded once committed."""
        iterator = iter(items)
        ahead: deque[Batch] = deque()
        taken = 0
        while True:
            while len(ahead) <= self.analyser.ahead and (batch := self._start(iterator, taken)):
                ahead.append(batch)
                taken += len(batch.items)
            if not ahead:
                return
            yield from self._finish(ahead.popleft(), record)

    def close(self) -> None:
        """Stop the analysis worker processes, if any (they start again when needed)."""
        self.analyser.close()

    def _start(self, iterator: Iterator[RawArticle | IngestFailure], first: int) -> Batch | None:
        items = list(islice(iterator, self.settings.nlp_batch_size))
        if not items:
            return None
        seen: dict[str, int] = {}
        slots = [self._prepare(item, seen, index) for index, item in enumerate(items)]
        articles = [s.article for s in slots if s.article is not None]
        self._say_read_in_part(articles)
        return Batch(first, items, slots, articles, self.analyser.submit(articles))

    def _say_read_in_part(self, articles: list[Article]) -> None:
        """An article longer than spaCy is given is read for its first part only (stored whole)."""
        limit = self.settings.nlp_read_chars
        for article in articles:
            if len(article.body) > limit:
                log.warning("%s: %s characters of text; only about the first %s are read for "
                            "quotes, names and its story (WIREWATCH_NLP_READ_CHARS); the whole "
                            "text is stored", article.origin, f"{len(article.body):,}",
                            f"{limit:,}")

    def _finish(self, batch: Batch, record: Record | None) -> Iterator[Outcome]:
        """Store the batch a group of articles per write transaction (several articles' pages
        are written once, and one COMMIT serves them all), yielding outcomes once committed."""
        analysed = iter(self._analysed(batch))
        work = [Work(batch.first + index, item, slot,
                     next(analysed) if slot.article is not None else None)
                for index, (item, slot) in enumerate(zip(batch.items, batch.slots, strict=True))]
        done: list[Outcome] = []
        while len(done) < len(work):
            settled = self._settle(work[len(done):], done, record)
            done.extend(settled)
            for outcome in settled:
                if outcome.status is Status.STORED and outcome.reason:
                    log.info("no alert for %s: %s", outcome.origin, outcome.reason)
                yield outcome

    def _analysed(self, batch: Batch) -> list[Analysis]:
        """The batch's analysis, its story features made here; if its worker process died, the
        same analysis here (the analyser starts new worker processes for the next batch)."""
        try:
            reads = batch.analysis.result()
        except Exception:
            log.exception("analysis worker failed; analysing the batch in this process")
            reads = self.analyser.here(batch.articles)
        return self.analyser.complete(reads)

    def _prepare(self, item: RawArticle | IngestFailure, seen: dict[str, int],
                 index: int) -> Slot:
        if isinstance(item, IngestFailure):
            return Slot(known=Outcome.failed(item.origin, item.reason, ErrorKind.BAD_INPUT))
        try:
            article = clean_article(item)
        except CleanError as exc:
            return Slot(known=Outcome.failed(item.origin, str(exc), exc.kind))
        except Exception as exc:  # a cleaning bug must fail this input alone, not the run
            log.exception("could not clean %s", item.origin)
            return Slot(known=Outcome.failed(item.origin, f"internal error while cleaning: {exc}",
                                             ErrorKind.INTERNAL))
        article = self._own_time(article, written=item.published)
        if article.content_hash in seen:
            return Slot(copy_of=seen[article.content_hash])
        existing = find_by_hash(self.db, article.content_hash) or stored_as(self.db, article)
        if existing:
            return Slot(known=Outcome.duplicate(article.origin, article.title, existing))
        seen[article.content_hash] = index
        return Slot(article=article)

    def _own_time(self, article: Article, *, written: str | None) -> Article:
        """An article dated further ahead of its arrival than a wrong clock explains (a month:
        a CMS's wrong year, an embargo's date) is stored undated, told by when it arrived, as
        the stories already place it (``schedule.own_time``); not in a replay, on the stream's
        own clock. The date is kept as ``written`` (else as read from its text) beside."""
        if self.stories.stream_clock or not article.published or \
                own_time(article.published, now=datetime.now(UTC)) is not None:
            return article
        log.info("%s is dated %s, ahead of its arrival: told by when it arrived", article.origin,
                 article.published)
        kept = printable(" ".join(written.split()))[:WRITTEN_CHARS] if written else None
        return replace(article, published=None, published_offset=None,
                       dated_ahead=kept or article.published)

    def _settle(self, work: list[Work], done: list[Outcome],
                record: Record | None) -> list[Outcome]:
        """Settle the first inputs of ``work`` in one write transaction, as many as fit in one
        hold of the write lock, each in a savepoint of its own so a failing article fails
        alone. Only one when the summariser may call out over the network: the
        first article's candidates are read and decided on before the lock is taken, the
        others' inside it. If the transaction fails as a whole, they are settled again one by
        one, each in its own transaction."""
        settled: list[Outcome] = []
        tried = 1
        try:
            ahead = self._ahead(work[0])
            with transaction(self.db):
                began = time.monotonic()
                for item in work:
                    tried = len(settled) + 1
                    settled.append(self._one(item, done + settled, record,
                                             ahead if not settled else None))
                    if not self._local_summaries or time.monotonic() - began > self.hold_seconds:
                        break
            return settled
        except Exception as exc:
            self.stories.forget()
            if tried == 1:
                return [self._failed_alone(work[0], exc, record)]
            log.exception("a transaction of %d articles failed; storing them one by one", tried)
        redone: list[Outcome] = []
        for item in work[:tried]:
            redone += self._settle([item], done + redone, record)
        return redone

    def _one(self, item: Work, earlier: list[Outcome], record: Record | None,
             ahead: Ahead | None) -> Outcome:
        """One input inside the transaction, in a savepoint, recorded with its outcome."""
        try:
            with transaction(self.db):
                outcome = self._outcome(item, earlier, ahead)
                if record is not None:
                    record(item.position, outcome)
                return outcome
        except Exception as exc:
            if item.slot.article is None or not self.db.conn.in_transaction:
                raise  # SQLite rolled the whole transaction back (a full disk): redo them all
            self.stories.forget()
            outcome = self._failed(item, exc)
        if record is not None:
            record(item.position, outcome)
        return outcome

    def _failed_alone(self, item: Work, exc: Exception, record: Record | None) -> Outcome:
        """An article that could not be stored on its own: its failure, recorded."""
        if item.slot.article is None:
            raise exc
        outcome = self._failed(item, exc)
        if record is not None:
            with transaction(self.db):
                record(item.position, outcome)
        return outcome

    def _failed(self, item: Work, exc: Exception) -> Outcome:
        article = item.slot.article
        assert article is not None, "only storing an article can fail"
        kind = _kind_of(exc)
        if kind == ErrorKind.TRANSIENT:  # the database's state, not a bug: no traceback
            log.info("could not store %s: %s; it stays queued", article.origin, exc)
        else:
            log.exception("could not store %s", article.origin, exc_info=exc)
        return Outcome.failed(article.origin, f"internal error: {exc}", kind,
                              title=article.title)

    @property
    def _local_summaries(self) -> bool:
        return isinstance(self.stories.summariser, ExtractiveSummariser)

    def _ahead(self, item: Work) -> Ahead | None:
        """What can be worked out for the input before the write lock is taken."""
        if not isinstance(item.analysis, Analysed):
            return None
        prepared, hold = self._timed(item)
        return Ahead(prepared, hold, self._place(prepared))

    def _timed(self, item: Work) -> tuple[Prepared, str | None]:
        assert isinstance(item.analysis, Analysed)
        raw = item.item if isinstance(item.item, RawArticle) else None
        now = datetime.now(UTC)
        article = item.analysis.parsed.article
        hold = alert_hold(background=raw is not None and raw.background,
                          published=article.published, ingested_at=now,
                          max_age_hours=self.settings.alert_max_age_hours,
                          offset=article.published_offset)
        return self._seen_now(item.analysis.prepared, now), hold

    def _outcome(self, item: Work, earlier: list[Outcome], ahead: Ahead | None) -> Outcome:
        slot, analysed = item.slot, item.analysis
        if slot.copy_of is not None:
            return _copy_of(earlier[slot.copy_of], origin=item.item.origin)
        if slot.known is not None:
            return slot.known
        if isinstance(analysed, Failed):
            article = analysed.article
            return Outcome.failed(article.origin, analysed.reason, analysed.kind,
                                  title=article.title)
        assert isinstance(analysed, Analysed)
        raw = item.item if isinstance(item.item, RawArticle) else None
        return self._store(analysed, ahead or self._ahead(item),
                           never_duplicate=raw is not None and raw.never_duplicate)

    def _store(self, analysed: Analysed, ahead: Ahead | None, *,
               never_duplicate: bool = False) -> Outcome:
        """Inside the write transaction: the article, its quotes, its story, topics, alerts."""
        assert ahead is not None
        parsed, article = analysed.parsed, analysed.parsed.article
        prepared, hold = ahead.prepared, ahead.hold
        existing = find_by_hash(self.db, article.content_hash)
        if existing:
            return Outcome.duplicate(article.origin, article.title, existing)
        placement = self._unless_stale(prepared, ahead.placement)
        entities, entities_dropped = yield_bounds.kept(parsed.entities,
                                                       yield_bounds.ENTITIES_KEPT)
        article_id = insert_article(self.db, replace(parsed, entities=entities))
        quotes, quotes_dropped = yield_bounds.kept(parsed.quotes, yield_bounds.QUOTES_KEPT)
        insert_quotes(self.db, article_id, quotes)
        placed = self.stories.store(self.db, prepared, placement.candidates,
                                    placement.decision, article_id=article_id)
        _say_dropped(article.origin,
                     yield_bounds.dropped_note(quotes_dropped, placed.facts_dropped,
                                               entities_dropped))
        verdict, topic_ids = placed.verdict, placed.topic_ids
        if placed.moved is not None:
            self._alert_moved(placed.moved, placed.moved_topic_ids)
        if never_duplicate and verdict.kind is VerdictKind.DUPLICATE:
            count_as_update(self.db, article_id)
            verdict = replace(verdict, kind=VerdictKind.UPDATE)
        hold = hold or (TOLD if placed.repeats and not never_duplicate else None)
        if hold:
            hold_alerts(self.db, article_id, reason=hold)
        else:
            enqueue_alerts(self.db, verdict, article_id, topic_ids)
            enqueue_quote_alerts(self.db, verdict, article_id, prepared.text)
        return Outcome(article.origin, Status.STORED, title=article.title, article_id=article_id,
                       verdict=verdict, topic_ids=tuple(topic_ids), reason=hold,
                       moved=placed.moved, folded=placed.folded, left_out=placed.left_out,
                       left_out_why=placed.left_out_why)

    def _alert_moved(self, moved: StoryMove, topic_ids: tuple[int, ...]) -> None:
        """An article that left its story for one of its own (see ``bot.stories.correct``)
        alerts as that story's first report, before the article that moved it, whose alert
        then threads under it; one held from alerting stays held. Its alerts still waiting in
        the story it left are withdrawn."""
        withdraw_waiting(self.db, story_id=moved.old_story, article_id=moved.article_id)
        if not is_held(self.db, moved.article_id):
            enqueue_alerts(self.db, Verdict(moved.new_story, VerdictKind.NEW),
                           moved.article_id, topic_ids)

    def _seen_now(self, prepared: Prepared, now: datetime) -> Prepared:
        """The article's time as of its storing, as without an analysis thread or processes: one
        with no time of its own (or a future one) is placed when it is stored, not analysed."""
        seen_at, arrived_at = self.stories.times(prepared.parsed.article.published, now=now,
                                                 db=self.db)
        if seen_at == prepared.seen_at:
            return prepared
        return replace(prepared, seen_at=seen_at, arrived_at=arrived_at)

    def _place(self, prepared: Prepared) -> Placement:
        """Read the candidates and decide, summary included, with no write lock held: a
        summary endpoint that takes seconds must not stop every other writer."""
        version = data_version(self.db)
        candidates = self.stories.load(self.db, prepared)
        return Placement(candidates, self.stories.decide(prepared, candidates), version)

    def _unless_stale(self, prepared: Prepared, placement: Placement) -> Placement:
        """Inside the write lock: when another connection wrote since the candidates were read,
        read and decide again, reusing the summary already made (or the extractive one: no
        network while the lock is held)."""
        version = data_version(self.db)
        if version == placement.version:
            return placement
        candidates = self.stories.load(self.db, prepared)
        made = list(placement.decision.summary)
        decision = self.stories.decide(prepared, candidates, summarise=lambda features: made or
                                       self.stories.summarise(features, offline=True))
        return Placement(candidates, decision, version)


def _copy_of(first: Outcome, *, origin: str) -> Outcome:
    """An exact copy of an article earlier in the same batch: a duplicate of what it became."""
    if first.status != Status.STORED:
        return replace(first, origin=origin)
    return Outcome.duplicate(origin, first.title, first.article_id)


def _kind_of(exc: Exception) -> ErrorKind:
    """A busy or unavailable database is worth another try; anything else is our own fault."""
    if isinstance(exc, WirewatchError):
        return exc.kind
    if isinstance(exc, sqlite3.OperationalError):
        return ErrorKind.TRANSIENT
    return ErrorKind.INTERNAL


def _say_dropped(origin: str, note: str | None) -> None:
    """One WARNING for an article that yielded more than ``yield_bounds`` keeps."""
    if note:
        log.warning("%s: %s (the article is stored whole)", printable(origin), note)
