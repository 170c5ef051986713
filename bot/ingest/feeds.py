"""RSS and Atom feeds polled: fetched (or answered 304, or the same bytes), parsed once,
their new entries queued a round at a time (``entry_queue``), and what the poll learnt or why
it failed recorded."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.ingest.bounds import kept_error, shown_origin
from bot.ingest.entry_queue import Round, queue_entries
from bot.ingest.feed_log import log, shown
from bot.ingest.feed_models import ParsedFeed, PollResult
from bot.ingest.feed_moves import remember_move
from bot.ingest.feed_names import first_name
from bot.ingest.feed_parse import FeedError, WebPageError, parse_feed
from bot.ingest.fetch import Fetcher, FetchError, Response
from bot.ingest.first_poll import say_done, say_many, say_round
from bot.ingest.held_feeds import Held
from bot.ingest.moved_trust import trusted_where_added
from bot.ingest.next_try import next_try
from bot.ingest.page_waits import waiting_keys
from bot.ingest.quiet_feeds import judge
from bot.ingest.stored_addresses import read_as_added
from bot.ingest.validators import validators_lied, validators_to_send
from bot.models import Source
from bot.redact import redact
from storage.db import transaction
from storage.inbox import waiting_from
from storage.page_attempts import forget_gone_entries
from storage.sources import (
    get_source,
    in_backlog,
    pin_name,
    read_whole,
    record_backlog,
    record_failure,
    record_full_fetch,
    record_read_whole,
    record_success,
    xml_problem_key,
)
from storage.state import get_state, set_state

PAGES_PER_POLL = 50
"""Article pages one poll fetches at most; the rest of a feed's new entries wait for the next
poll (a feed of thousands of teasers is not a way to flood the sites it links to)."""
ENTRIES_PER_ROUND = 200
"""New entries of one feed queued for the language pipeline at once (those still waiting from
its last poll count): a feed of 10,000 new entries is taken 200 a round, so what other feeds
bring meanwhile waits behind 200 of them, not 10,000. The rest wait, in order, for the next
round (``NEXT_ROUND``), each poll's bytes parsed once (``held_feeds``)."""
NEXT_ROUND = timedelta(seconds=15)
"""How soon a feed whose poll queued as many entries as a round takes is polled again,
whatever its interval (one that fetched its 50 article pages waits for its next poll)."""
MANY_AT_FIRST = 500
"""A first poll of at least this many entries says what it is doing as it starts, and how far it
got at each round: 10,000 entries took a minute and a half before a word."""

_HELD: Held[ParsedFeed] = Held(4)


def poll_feed(db: Database, source: Source, *, fetcher: Fetcher, now: datetime,
              on_queued: Callable[[], None] | None = None,
              stopping: Callable[[], bool] | None = None) -> PollResult:
    """Fetch a feed and queue each entry not seen before, at most ``ENTRIES_PER_ROUND`` of the
    feed's waiting for the worker at once (the rest in the next rounds); the very body a poll
    read whole is not parsed again. Failures are recorded, never raised. A feed stored before
    its address was read as a browser reads it is read so first, or paused (``read_as_added``):
    a paused feed is not fetched; so is a relay's moved off its host (``trusted_where_added``)."""
    source = trusted_where_added(db, read_as_added(db, source, fetcher.policy))
    if source.paused:
        return PollResult(error=f"paused: {source.paused}")
    began = time.monotonic()
    etag, last_modified = validators_to_send(source, now)
    try:
        fetched = _fetch(db, source, fetcher=fetcher, now=now, etag=etag,
                         last_modified=last_modified)
    except (FetchError, FeedError) as exc:
        return _poll_failed(db, source, exc, now=now, began=began, stopping=stopping)
    if isinstance(fetched, PollResult):
        return fetched
    response, feed = fetched
    source = _take_in(db, source, response, feed, now=now)
    result = _queue(db, source, feed, fetcher=fetcher, now=now, on_queued=on_queued,
                    stopping=stopping)
    unfinished = bool(stopping and stopping()) or bool(result.left)
    _hold(response, feed, held=bool(result.left))
    _record_poll(db, source, response, feed, result, now=now, unfinished=unfinished,
                 asked=bool(etag or last_modified))
    return result


def _fetch(db: Database, source: Source, *, fetcher: Fetcher, now: datetime, etag: str | None,
           last_modified: str | None) -> PollResult | tuple[Response, ParsedFeed]:
    """The feed's body and its parse; or, for a body with nothing new to read (304 Not
    Modified, the very bytes read whole last time), the poll done."""
    url = source.location
    response = fetcher.get(url, etag=etag, last_modified=last_modified,
                           allow_private=bool(source.allow_private))
    if response.not_modified and not (etag or last_modified):
        raise FeedError(f"{url} answered 304 Not Modified to a request that named no "
                        "version it had (no If-None-Match, no If-Modified-Since): it sends "
                        "no feed to read; check the address in a browser, or ask the "
                        "publisher")
    if response.not_modified:
        with transaction(db):
            _succeeded(db, source.id, now=now)
        remember_move(db, source, response, now=now)
        return PollResult(not_modified=True)
    if read_whole(db, source.id) == _body_digest(response.body):
        return _unchanged(db, source, response, now=now)
    return response, _parsed(response)


def _poll_failed(db: Database, source: Source, exc: FetchError | FeedError, *, now: datetime,
                 began: float, stopping: Callable[[], bool] | None) -> PollResult:
    """A failed poll recorded (``_failed``); one the stop cut off is not a failure."""
    if stopping and stopping():
        log.info("feed #%d %s: poll cut off by the stop (%s); not counted as a failure, "
                 "polled again at the next start", source.id, shown(source.location),
                 shown(str(exc)))
        return PollResult(error=redact(str(exc)))
    return _failed(db, source, reason=kept_error(redact(_reason(source, exc))), now=now,
                   began=began, asked=exc.retry_after if isinstance(exc, FetchError) else 0)


def _take_in(db: Database, source: Source, response: Response, feed: ParsedFeed, *,
             now: datetime) -> Source:
    """The source as this poll finds it: at the address it moved to for good, named at its
    first poll; its XML errors said."""
    if moved := remember_move(db, source, response, now=now):
        source = replace(source, location=moved)
    _say_xml_problem(db, source, source.location, feed.warning)
    if source.name is None:
        with transaction(db):
            name, instead = first_name(db, source, feed)
            pin_name(db, source.id, name, instead=instead)
        source = replace(source, name=name, named_instead=instead)
    return source


def _queue(db: Database, source: Source, feed: ParsedFeed, *, fetcher: Fetcher, now: datetime,
           on_queued: Callable[[], None] | None,
           stopping: Callable[[], bool] | None) -> PollResult:
    """The feed's new entries queued, in the room its round has left (a first poll of many
    entries says so as it starts)."""
    background = in_backlog(source)
    if background and not source.backlog_entries and len(feed.entries) >= MANY_AT_FIRST:
        say_many(source.id, redact(source.location), len(feed.entries),
                 per_round=ENTRIES_PER_ROUND)
    room = ENTRIES_PER_ROUND - waiting_from(db, source.id)
    return queue_entries(Round(db=db, source=source, feed=feed, fetcher=fetcher, now=now,
                               background=background, room=room, pages=PAGES_PER_POLL,
                               on_queued=on_queued, stopping=stopping))


def _say_xml_problem(db: Database, source: Source, url: str, problem: str | None) -> None:
    """A feed's XML errors said once, not at every poll: a CMS that writes `&eacute;` or a bare
    `&` into its RSS does so in every version of the feed. Said again when the kind of error
    changes, or comes back after a clean poll (where in the feed it is does not count)."""
    key = xml_problem_key(source.id)
    kind = (problem or "").split(" at line ")[0]
    if (get_state(db, key) or "") == kind:
        return
    with transaction(db):
        set_state(db, key, kind)
    if problem:
        log.warning("feed %s has XML errors (%s); read what could be read (said once while "
                    "they last)", redact(url), problem)


def _reason(source: Source, exc: FetchError | FeedError) -> str:
    """Why the poll failed; a web page from a feed that has served entries is no typo to
    mend at once but a feed gone behind a sign-in page, a block, or moved."""
    if not isinstance(exc, WebPageError) or not source.last_success_at:
        return str(exc)
    named = f"; the page names a feed at {shown_origin(exc.feed)}" if exc.feed else ""
    return (f"{shown_origin(source.location)} answered a web page where it served a feed until "
            f"{source.last_success_at} (a sign-in or consent page, a block, or the feed "
            f"moved){named}: open it in a browser; if the feed moved, remove this source and "
            "add its new address")


def _parsed(response: Response) -> ParsedFeed:
    """The feed, parsed now or by the round before, which left entries of these same bytes."""
    feed = _HELD.get(_held_key(response))
    return feed or parse_feed(response.body, url=response.url,
                              content_type=response.content_type)


def _hold(response: Response, feed: ParsedFeed, *, held: bool) -> None:
    if held:
        _HELD.keep(_held_key(response), feed)
    else:
        _HELD.drop(_held_key(response))


def _held_key(response: Response) -> str:
    return f"{_body_digest(response.body)} {response.url} {response.content_type}"


def _unchanged(db: Database, source: Source, response: Response, *, now: datetime) -> PollResult:
    """A feed without validators (or whose server ignores them) sent what was read whole
    last time: as a 304, without parsing it (a 16 MB feed of 10,000 entries is seconds of
    CPU), though it was a full fetch."""
    with transaction(db):
        _succeeded(db, source.id, now=now)
        record_full_fetch(db, source.id, now=now)
    remember_move(db, source, response, now=now)
    return PollResult(unchanged=True)


def _succeeded(db: Database, source_id: int, *, now: datetime, items: int = 0,
               **validators: str | None) -> None:
    """``record_success``, in the caller's transaction, the feed first judged gone quiet or
    back from its silence (``quiet_feeds.judge``; never judged quiet at the poll that ends a
    failing spell, which is told as such)."""
    before = get_source(db, source_id)
    if before is not None and (items or not before.failures):
        judge(db, before, now=now, items=items)
    record_success(db, source_id, now=now, items=items, **validators)


def _body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _record_poll(db: Database, source: Source, response: Response, feed: ParsedFeed,
                 result: PollResult, *, now: datetime, unfinished: bool, asked: bool) -> None:
    """Store what the poll learnt; validators only once every entry of that version was
    handled (an interrupted poll is never answered 304 next time), and never once they lied."""
    url = redact(source.location)
    lied = validators_lied(source, response, asked=asked, queued=result.queued)
    whole = not (result.retry or result.waiting or unfinished or lied)
    validators = {"etag": response.etag, "last_modified": response.last_modified} if whole else {}
    with transaction(db):
        _succeeded(db, source.id, now=now, items=result.queued, **validators)
        record_full_fetch(db, source.id, now=now, validators_lie=lied)
        record_read_whole(db, source.id, _body_digest(response.body) if whole else None)
        forget_gone_entries(db, source.id, keys=waiting_keys(db, source.id, feed.entries))
        if result.background:
            total = record_backlog(db, source.id, entries=result.queued, done=not unfinished,
                                   now=now)
    if lied:
        log.warning("feed #%d %s answered 304 Not Modified while it carried new entries (%d "
                    "found by the hourly full fetch): its ETag/Last-Modified do not change with "
                    "its content, so they are no longer sent and every poll reads it whole",
                    source.id, url, result.queued)
    if result.round_full:
        _log_round(source.id, url, result, total=total if result.background else 0,
                   entries=len(feed.entries))
    elif result.left:
        log.warning("feed #%d %s: %d entries not looked at, left for the next poll (at most "
                    "%d article pages a poll)", source.id, url, result.left, PAGES_PER_POLL)
    if result.background and not unfinished:
        say_done(source.id, url, total, waiting=result.waiting)


def _log_round(source_id: int, url: str, result: PollResult, *, total: int,
               entries: int) -> None:
    """Say how far a feed's backlog got at a round that queued some (not at one that found
    its last round still waiting for the worker)."""
    if not result.queued:
        return
    if result.background:
        say_round(source_id, url, total=total, entries=entries)
        return
    log.warning("feed #%d %s: %d new entries queued; %d not looked at yet, taken in the next "
                "rounds (%d of a feed wait for the language pipeline at most, so other sources' "
                "news is not held behind them)", source_id, url, result.queued, result.left,
                ENTRIES_PER_ROUND)


def _failed(db: Database, source: Source, *, reason: str, now: datetime,
            began: float, asked: int = 0) -> PollResult:
    """A failed poll recorded as of when its failure was known (``began``: the poll's start,
    by ``time.monotonic``): a server that never answers, cut at the read timeout, is not tried
    again at once, and the next try is said as a wait still to come."""
    failed_at = now + timedelta(seconds=time.monotonic() - began)
    with transaction(db):
        state = record_failure(db, source.id, reason=reason, now=failed_at, asked=asked)
    level = logging.ERROR if state.unhealthy else logging.WARNING
    log.log(level, "feed #%d %s failed (%d in a row%s): %s; next try %s", source.id,
            shown(source.location),
            state.failures, ", marked unhealthy" if state.unhealthy else "", reason,
            next_try(state.next_attempt_at, failed_at))
    return PollResult(error=reason)
