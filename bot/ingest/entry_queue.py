"""A feed's new entries queued for the language pipeline, in order and each once: those seen
before skipped, a teaser's page fetched (or waited for), within a round's room and a poll's
pages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from sqlite_utils import Database

from bot.ingest.bounds import bounded_fields
from bot.ingest.entry_articles import entry_article
from bot.ingest.entry_edits import words_of
from bot.ingest.feed_log import log, shown
from bot.ingest.feed_models import FeedEntry, PageFailed, ParsedFeed, PollResult
from bot.ingest.feed_names import feed_name
from bot.ingest.fetch import Fetcher
from bot.ingest.page_waits import teaser_or_wait, waiting_key
from bot.ingest.seen_entries import reposted, say_reposts, seen, stamped
from bot.models import IngestFailure, RawArticle, Source
from storage.db import transaction
from storage.inbox import enqueue
from storage.page_attempts import forget_page_attempts, page_attempts
from storage.sources import mark_entry_seen, mark_entry_stamped, record_backlog

Taken = Literal["queued", "skipped", "retry", "waiting"]
"""What became of one new entry: queued, seen meanwhile, tried again next poll, or waiting
for its page."""


@dataclass(frozen=True)
class Round:
    """One poll's queueing of a feed's entries: what it reads, and its limits."""

    db: Database
    source: Source
    feed: ParsedFeed
    fetcher: Fetcher
    now: datetime
    background: bool
    room: int
    """Entries it may queue: what is left of the feed's round."""
    pages: int
    """Teasers' article pages it may fetch."""
    on_queued: Callable[[], None] | None = None
    stopping: Callable[[], bool] | None = None
    stamped: list[str] = field(default_factory=list)
    """Keys of the seen entries found stamped, to be marked so in one transaction."""
    reposted: list[str] = field(default_factory=list)
    """Keys of those found posted again at another page."""

    def stopped(self) -> bool:
        return bool(self.stopping and self.stopping())


def queue_entries(poll: Round) -> PollResult:
    """The entries not seen before, queued in order (``_queue_new``); the seen entries found
    stamped are marked so in one transaction, not one each (bench.stamped_poll)."""
    try:
        result = _queue_new(poll)
    finally:
        if poll.stamped:
            with transaction(poll.db):
                for key in poll.stamped:
                    mark_entry_stamped(poll.db, poll.source.id, key=key, now=poll.now)
    say_reposts(poll.db, poll.source, len(poll.reposted), queued=result.queued)
    return result


def _queue_new(poll: Round) -> PollResult:
    """The entries not seen before, queued in order: ``room`` of them at most, a teaser's page
    fetched for ``pages`` of them at most."""
    counts: Counter[str] = Counter()
    entries = poll.feed.entries
    for n, entry in enumerate(entries):
        if poll.stopped():
            break
        if _known(poll, entry):
            counts["skipped"] += 1
            continue
        if counts["queued"] >= poll.room:
            return _result(poll, counts, left=len(entries) - n, round_full=True)
        if entry.teaser and entry.link:
            if counts["pages"] == poll.pages:
                return _result(poll, counts, left=len(entries) - n)
            counts["pages"] += 1
        taken = _take(poll, entry)
        if taken is None:
            break  # the stop may have cut its page off: the next poll takes the entry whole
        counts[taken] += 1
        if taken == "queued" and poll.on_queued:
            poll.on_queued()
    return _result(poll, counts)


def _result(poll: Round, counts: Counter[str], *, left: int = 0,
            round_full: bool = False) -> PollResult:
    return PollResult(queued=counts["queued"], skipped=counts["skipped"], retry=counts["retry"],
                      background=poll.background, left=left, waiting=counts["waiting"],
                      round_full=round_full)


def _known(poll: Round, entry: FeedEntry) -> bool:
    """Seen before, or a seen entry stamped or posted again (its key kept in the round's lists)."""
    db, source, now = poll.db, poll.source, poll.now
    return seen(db, source.id, entry) or stamped(db, source, entry, now=now, into=poll.stamped) \
        or reposted(db, source, entry, now=now, into=(poll.stamped, poll.reposted))


def _take(poll: Round, entry: FeedEntry) -> Taken | None:
    """One new entry as an article (its page fetched for a teaser) queued, or why not; None when
    the stop came while it was read."""
    source = poll.source
    article = entry_article(entry, fetcher=poll.fetcher, feed_name=feed_name(source, poll.feed),
                            feed_url=source.location, relays=bool(source.relays),
                            allow_private=bool(source.allow_private))
    if poll.stopped():
        return None
    if isinstance(article, PageFailed):
        teaser = teaser_or_wait(poll.db, source, entry, article, background=poll.background,
                                now=poll.now)
        if teaser is None:
            return "waiting"
        article = teaser
    if isinstance(article, IngestFailure):
        log.warning("feed %s: entry %s: %s; will try again next poll",
                    shown(source.location), shown(article.origin), shown(article.reason))
        return "retry"
    if not _enqueue_entry(poll.db, source, entry, article, background=poll.background,
                          now=poll.now):
        return "skipped"
    return "queued"


def _enqueue_entry(db: Database, source: Source, entry: FeedEntry, article: RawArticle, *,
                   background: bool, now: datetime) -> bool:
    """Queue the entry and mark it seen in one transaction, so it is stored once; False when it
    was seen meanwhile. An entry that waited for its page since a first poll stays background."""
    with transaction(db):
        if seen(db, source.id, entry):
            return False
        waiting = waiting_key(db, source.id, entry)
        waited = page_attempts(db, source.id, key=waiting)
        late = bool(waited and waited.background and not background)
        enqueue(db, bounded_fields(replace(article, background=background or late)),
                source_id=source.id, now=now)
        mark_entry_seen(db, source.id, key=entry.key, link=entry.seen_link, now=now,
                        read_as=entry.as_read, title=entry.seen_title, page=entry.page,
                        words=words_of(entry.text))
        forget_page_attempts(db, source.id, key=waiting)
        if late:
            record_backlog(db, source.id, entries=1, done=False, now=now)
    return True
