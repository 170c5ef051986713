"""RSS and Atom feeds: parse fetched bytes, turn new entries into articles, queue them once."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import feedparser
from sqlite_utils import Database

from bot.ingest.about import not_its_article
from bot.ingest.addresses import same_host
from bot.ingest.binary_body import file_kind, file_type
from bot.ingest.bounds import (
    MOST_ORIGIN_SHOWN,
    bounded_fields,
    bounded_link,
    bounded_title,
    kept_error,
    shown_origin,
)
from bot.ingest.char_refs import mended
from bot.ingest.dates import published_time
from bot.ingest.entry_edits import EDIT_WINDOW, words_changed, words_of
from bot.ingest.feed_json import json_answer
from bot.ingest.feed_links import is_page, named_feed
from bot.ingest.feed_moves import remember_move
from bot.ingest.fetch import PAGE_TYPES, Fetcher, FetchError, Response, answered
from bot.ingest.first_poll import say_done, say_many, say_round
from bot.ingest.held_feeds import Held
from bot.ingest.html import html_to_article
from bot.ingest.markup import html_text
from bot.ingest.next_try import next_try
from bot.ingest.quiet_feeds import judge
from bot.ingest.stored_addresses import read_as_added
from bot.ingest.tickers import in_feed
from bot.ingest.validators import validators_lied, validators_to_send
from bot.models import IngestFailure, RawArticle, Source
from bot.models.times import utc_time
from bot.models.web_link import web_link
from bot.redact import redact
from storage.db import transaction
from storage.inbox import enqueue, waiting_from
from storage.page_attempts import (
    forget_gone_entries,
    forget_page_attempts,
    note_page_failure,
    page_attempts,
    waiting_at_link,
    waiting_links,
)
from storage.sources import (
    NAME_CHARS,
    entry_seen,
    get_source,
    in_backlog,
    mark_entry_seen,
    mark_entry_stamped,
    named_alike,
    pin_name,
    read_whole,
    record_backlog,
    record_failure,
    record_full_fetch,
    record_read_whole,
    record_success,
    reposts_key,
    seen_at_link,
    words_at_page,
    words_under_title,
    xml_problem_key,
)
from storage.state import get_state, set_state

log = logging.getLogger(__name__)
FULL_TEXT_CHARS = 1000
TEASER_ENDINGS = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading)\W*$",
                            re.IGNORECASE)
TRUNCATED = ("no element found", "unclosed token")
DECLARED_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
OUTLET_MARKS = (" - ", " – ", " — ", " | ")
"""How an aggregator joins an entry's headline and its outlet's name."""
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
PAGE_TRIES = 3
PAGE_PATIENCE = timedelta(minutes=30)
"""An article page that fails in a way that may pass (a timeout, a 503 on a busy news day) is
asked for at the next polls; after PAGE_TRIES failures, or PAGE_PATIENCE after the first one,
whichever comes first, the feed's teaser is stored instead."""


PARSE_OPTIONS: dict[str, bool] = {"sanitize_html": False, "resolve_relative_uris": False}
"""feedparser neither sanitizes an entry's HTML nor resolves the links inside it: wirewatch
reads only its text (``markup.html_text``, which drops script and style as the sanitizer did)
and the entry's own link (resolved either way): a 5.4 MB feed, 3.33 -> 1.48 s of CPU a parse
(``bench.feed_parse``)."""


class FeedError(Exception):
    """The fetched document is not a usable RSS or Atom feed."""


class WebPageError(FeedError):
    """The address is a web page, not a feed; ``feed`` is the feed it names, if it names one,
    ``title`` what the page calls it."""

    def __init__(self, message: str, *, feed: str | None, title: str | None = None) -> None:
        super().__init__(message)
        self.feed = feed
        self.title = title


@dataclass(frozen=True)
class FeedEntry:
    key: str
    link: str | None
    title: str | None
    text: str
    published: str | None
    """The entry's date as its article reads it, in ISO 8601 with the offset the feed wrote it
    in (cleaning keeps it: the writer's day), read once as the feed is read (`5 minutes ago` is
    five minutes before the poll); None for none that can be read."""
    teaser: bool
    link_names_it: bool = True
    """False when other entries of the feed link to the same page: the link names none."""
    outlet: str | None = None
    """The entry's own `<source>` (RSS 2.0), which an aggregator's feed names for each entry."""

    @property
    def stamp(self) -> float | None:
        """Seconds since the epoch of ``published``: the feed's entries are taken in this order."""
        return utc_time(self.published).timestamp() if self.published else None

    @property
    def seen_link(self) -> str | None:
        """The link by which the entry is known (feeds that change guids on edits), if any."""
        return bounded_link(self.link) if self.link_names_it else None

    @property
    def seen_title(self) -> str | None:
        """The title the entry is remembered and looked up by, bounded as an article's is."""
        return bounded_title(self.title)

    @property
    def page(self) -> str | None:
        """The entry's link without its query: the page a feed re-links as `?ts=…`."""
        return bounded_link(_without_query(self.link)) if self.link else None

    @property
    def as_read(self) -> str:
        """The entry known by its title, text and page (its link without the query), whatever
        its guid and date: a feed that makes new guids and links (`?ts=…`) at every poll still
        carries the same entry; two pages of one title and teaser are two entries."""
        return _digest(f"as read\n{self.title}\n{' '.join(self.text.split())}\n"
                       f"{_without_query(self.link or '')}")


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    warning: str | None = None


_HELD: Held[ParsedFeed] = Held(4)

@dataclass(frozen=True)
class PageFailed:
    """A teaser entry whose linked page could not be had: why, whether a later try may get it
    (``FetchError.may_pass``), and the entry as its feed gives it, to store if not."""

    reason: str
    may_pass: bool
    teaser: RawArticle


@dataclass(frozen=True)
class PollResult:
    """What one poll did: ``queued`` new entries (as ``background`` ones), ``skipped`` seen ones."""

    queued: int = 0
    skipped: int = 0
    not_modified: bool = False
    unchanged: bool = False
    """The server sent the body the last poll read whole: nothing new, nothing parsed."""
    retry: int = 0
    error: str | None = None
    background: bool = False
    left: int = 0
    """Entries not looked at: this poll fetched as many article pages as one poll may, or
    queued as many entries as one round may (``round_full``)."""
    round_full: bool = False
    waiting: int = 0
    """Entries whose article page failed in a way that may pass: asked for at the next poll."""


def parse_feed(data: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries oldest first; fed as a stream, since feedparser opens bytes that name a file.
    The addresses a failure names are the server's too (where it redirected, what its page
    names): bounded as a log line shows them, so the advice after them is kept."""
    shown = shown_origin(url)
    if not data.strip():
        raise FeedError(f"{shown} answered with nothing in it (an empty page, no feed); the site "
                        "may be in the middle of an update, or the address is wrong: check it "
                        "in a browser")
    if kind := file_kind(data):
        raise _a_file(shown, kind)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = _feedparser(in_feed(mended(data)), headers, shown=shown)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    message = _xml_problem(problem)
    if not parsed.entries and (not parsed.get("version") or message):
        if page := _web_page(data, url, shown=shown):
            raise page
        if json_said := json_answer(data):
            raise FeedError(f"{shown} {json_said}")
        if kind := file_type(content_type):
            raise _a_file(shown, kind)
        what = f"malformed XML ({message})" if message else "not an RSS or Atom feed"
        raise FeedError(f"{shown} is {what}; check the address in a browser")
    if message and any(m in message for m in TRUNCATED):
        raise FeedError(f"{shown} is malformed XML ({message}); the feed looks cut off, "
                        "will retry later")
    written = _as_written(data, parsed.get("encoding"))
    found = [_entry(raw, written=written) for raw in parsed.entries]
    if found and not any(found):
        many = "1 entry" if len(found) == 1 else f"{len(found)} entries"
        raise FeedError(f"{shown} carries {many} and none has a title or text to "
                        "read (the feed changed its format, or lists media alone); open it in "
                        "a browser, or ask the publisher")
    entries = _distinct([e for e in reversed(found) if e is not None])
    if all(e.stamp is not None for e in entries):
        entries.sort(key=lambda e: e.stamp or 0.0)
    title = parsed.feed.get("title") or None
    return ParsedFeed(title=title, entries=entries, warning=message)


def _a_file(shown: str, kind: str) -> FeedError:
    return FeedError(f"{shown} answers with {kind}, not a feed: check the address in a browser, "
                     "or ask the publisher for the feed's")


def _feedparser(data: bytes, headers: dict[str, str], *, shown: str) -> feedparser.FeedParserDict:
    """feedparser's reading; anything its fallback parser raises on hostile nesting
    (`<source><item><link></source></link>`: KeyError) is that feed's failure."""
    try:
        return _any_encoding(data, headers)
    except Exception as exc:
        raise FeedError(f"{shown} could not be read as a feed (feedparser raised "
                        f"{exc.__class__.__name__}); check the address in a browser, or ask the "
                        "publisher") from None


def _any_encoding(data: bytes, headers: dict[str, str]) -> feedparser.FeedParserDict:
    """A feed naming a codec that reads no text (Python's `undefined` raises UnicodeError for
    any bytes, which feedparser lets out) is read as one naming no encoding, as a browser reads
    a page naming one it does not know."""
    try:
        return feedparser.parse(io.BytesIO(data), response_headers=headers, **PARSE_OPTIONS)
    except UnicodeError:
        named = {**headers, "content-type": headers["content-type"].split(";")[0]} \
            if "content-type" in headers else headers
        return feedparser.parse(io.BytesIO(DECLARED_ENCODING.sub(rb"\1", data, count=1)),
                                response_headers=named, **PARSE_OPTIONS)


def _xml_problem(exc: Any) -> str | None:
    """The message of the SAX parse error feedparser keeps (any other value: None)."""
    if exc is None or not hasattr(exc, "getLineNumber"):
        return None
    return f"{exc.getMessage()} at line {exc.getLineNumber()}"


def _entry(raw: dict, *, written: str) -> FeedEntry | None:
    link = _link(raw, written=written)
    title = html_text(raw.get("title") or "") or None
    contents = [c.get("value", "") for c in raw.get("content") or []]
    full = max((html_text(c) for c in contents), key=len, default="")
    summary = html_text(raw.get("summary") or "")
    text = full if len(full) >= len(summary) else summary
    if not text and not title:
        return None
    key = (raw.get("id") or "").strip() or link or _digest(f"{title}\n{text}")
    teaser = len(text) < FULL_TEXT_CHARS or bool(TEASER_ENDINGS.search(text))
    published = published_time(raw.get("published") or raw.get("updated") or None)
    outlet = _outlet(raw)
    return FeedEntry(key=key[:1000], link=link, title=_without_outlet(title, outlet), text=text,
                     published=published.written if published else None, teaser=teaser,
                     outlet=outlet)


def _as_written(data: bytes, encoding: str | None) -> str:
    """The feed's text in the encoding feedparser read it in (a Latin-1 feed's `ä` is one byte
    that UTF-8 writes as two)."""
    try:
        return data.decode(encoding or "utf-8", "replace")
    except (LookupError, UnicodeError):
        return data.decode("utf-8", "replace")


def _link(raw: dict, *, written: str) -> str | None:
    """The entry's link; None for one feedparser made of a guid that is no address, joined to the
    feed's (`<guid>4711</guid>` and no `<link>`: a page that never was), which the feed's text
    does not hold as written."""
    link = (raw.get("link") or "").strip()
    made = raw.get("guidislink") and link == (raw.get("id") or "").strip()
    if made and link not in written and link.replace("&", "&amp;") not in written:
        return None
    return link or None


def _outlet(raw: dict) -> str | None:
    source = raw.get("source")
    name = html_text(str(source.get("title") or "")) if isinstance(source, dict) else ""
    return name[:200] or None


def _without_outlet(title: str | None, outlet: str | None) -> str | None:
    """'Tugs idle at Northhaven - Harbour Wire' from an aggregator, without its outlet's name."""
    if not title or not outlet:
        return title
    for mark in OUTLET_MARKS:
        if title.endswith(mark + outlet) and len(title) > len(mark + outlet):
            return title[: -len(mark + outlet)].rstrip()
    return title


def _distinct(entries: list[FeedEntry]) -> list[FeedEntry]:
    """A guid or link several entries share names none of them (a CMS giving every item the
    site's address as guid, a press-release list linking every item to one page): such an
    entry is known by its own link, else by its title and text, so none hides the others."""
    keys = Counter(e.key for e in entries)
    links = Counter(e.link or "" for e in entries)
    distinct = []
    for entry in entries:
        own_link = entry.link if entry.link and links[entry.link] == 1 else None
        key = entry.key
        if keys[key] > 1:
            key = own_link or _digest(f"{entry.title}\n{entry.text}")
        distinct.append(replace(entry, key=key, link_names_it=bool(own_link or not entry.link)))
    return distinct


def _opened(link: str | None) -> str | None:
    """The page a reader's browser opens for ``link`` (``web_link``), fetched in its place: the
    page read, the host ``source:`` matches and the link shown are then one host's. None for
    no http(s) link a browser reads one way: it vouches for no host, and is fetched as it came
    (the fetch refuses what it cannot read, and says why)."""
    found = web_link(link) if link else None
    return found.url if found else None


def _without_query(link: str) -> str:
    """The link without its query and fragment; as given when it is no address ('http://[::1')."""
    try:
        return urlsplit(link)._replace(query="", fragment="").geturl()
    except ValueError:
        return link


def _digest(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def feed_name(source: Source, feed: ParsedFeed) -> str:
    """The name ``source:`` matches the feed's articles by: the operator's or its first title
    (``Source.name``); before that is kept, its title now, else its host (``web_link``, as the
    fetch and a browser read it: ``http://A\\@B/`` is A)."""
    host = web_link(source.location)
    return source.name or feed.title or (host.name if host else source.location)


def _first_name(db: Database, source: Source, feed: ParsedFeed) -> tuple[str, str | None]:
    """The name kept at the first poll: the title, unless another feed is named so (``source:``
    would match both as one); then the host, numbered when another feed has that too, and why
    (``Source.named_instead``)."""
    name = feed_name(source, feed)[:NAME_CHARS]
    other = named_alike(db, name, source_id=source.id)
    if other is None:
        return name, None
    host = web_link(source.location)
    number = f" #{source.id}"
    instead = host.name[:NAME_CHARS - len(number)] if host else f"feed{number}"
    if named_alike(db, instead, source_id=source.id):
        instead += number
    log.warning("feed #%d is titled %r, as feed #%d is named (%r): named %r instead so that "
                "`source:` tells them apart; to change it: wirewatch sources rename %d NAME",
                source.id, name, other.id, other.name, instead, source.id)
    return instead, f'its title "{name}" is feed #{other.id}\'s name'


def entry_article(entry: FeedEntry, *, fetcher: Fetcher, feed_name: str, feed_url: str,
                  relays: bool = False,
                  allow_private: bool = False) -> RawArticle | IngestFailure | PageFailed:
    """The entry as an article; a teaser is replaced by the linked page's main text, at the
    page's own address (an aggregator's link redirects there), and when the page cannot be had
    the caller decides between the teaser and a later try. An entry that is a headline only (a
    wire's flashes) is its own text. Its own ``<source>`` is shown, and matched by ``source:``
    only when the feed ``relays`` others; else ``feed_name`` is."""
    origin = entry.link or f"{feed_url} {entry.key}"
    vouched = None if relays or not entry.outlet or entry.outlet == feed_name else feed_name
    opened = _opened(entry.link)
    ours = opened is not None and same_host(opened, feed_url)
    article = RawArticle(text=entry.text or entry.title or "", origin=origin, title=entry.title,
                         url=entry.link, source=entry.outlet or feed_name,
                         vouched_source=vouched, published=entry.published,
                         link_vouched=not entry.link or ours)
    if entry.teaser and entry.link:
        try:
            response = fetcher.get(opened or entry.link, accept=PAGE_TYPES,
                                   allow_private=allow_private and ours)
        except FetchError as exc:
            reason = answered(exc.status) if exc.status else str(exc)
            return _without_page(article, reason, may_pass=exc.may_pass)
        page = html_to_article(response.body, origin=origin, url=response.url,
                               content_type=response.content_type)
        if isinstance(page, IngestFailure):
            return _without_page(article, page.reason, may_pass=False)
        other = not_its_article(entry_title=entry.title, entry_text=entry.text,
                                page_title=page.title, page_text=page.text)
        if other:
            return _without_page(article, other, may_pass=False)
        if len(page.text) >= len(entry.text):
            return replace(article, text=page.text, url=response.url, link_vouched=True)
    if not article.text:
        return IngestFailure(origin, "the entry has no text and no link to fetch it from")
    return article


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


def _without_page(article: RawArticle, reason: str, *,
                  may_pass: bool) -> IngestFailure | PageFailed:
    """An entry with a teaser may fall back on it; one without text is tried at the next poll."""
    if not article.text:
        return IngestFailure(article.origin, reason)
    return PageFailed(reason=reason, may_pass=may_pass, teaser=article)


def poll_feed(db: Database, source: Source, *, fetcher: Fetcher, now: datetime,
              on_queued: Callable[[], None] | None = None,
              stopping: Callable[[], bool] | None = None) -> PollResult:
    """Fetch a feed and queue each entry not seen before, at most ``ENTRIES_PER_ROUND`` of the
    feed's waiting for the worker at once (the rest in the next rounds); the very body a poll
    read whole is not parsed again. Failures are recorded, never raised. A feed stored before
    its address was read as a browser reads it is read so first, or paused (``read_as_added``):
    a paused feed is not fetched."""
    source = read_as_added(db, source, fetcher.policy)
    if source.paused:
        return PollResult(error=f"paused: {source.paused}")
    url = source.location
    began = time.monotonic()
    etag, last_modified = validators_to_send(source, now)
    try:
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
        feed = _parsed(response)
    except (FetchError, FeedError) as exc:
        if stopping and stopping():
            log.info("feed #%d %s: poll cut off by the stop (%s); not counted as a failure, "
                     "polled again at the next start", source.id, _shown(url), _shown(str(exc)))
            return PollResult(error=redact(str(exc)))
        return _failed(db, source, reason=kept_error(redact(_reason(source, exc))), now=now,
                       began=began, asked=exc.retry_after if isinstance(exc, FetchError) else 0)
    if moved := remember_move(db, source, response, now=now):
        source, url = replace(source, location=moved), moved
    _say_xml_problem(db, source, url, feed.warning)
    if source.name is None:
        with transaction(db):
            name, instead = _first_name(db, source, feed)
            pin_name(db, source.id, name, instead=instead)
        source = replace(source, name=name, named_instead=instead)
    background = in_backlog(source)
    if background and not source.backlog_entries and len(feed.entries) >= MANY_AT_FIRST:
        say_many(source.id, redact(url), len(feed.entries), per_round=ENTRIES_PER_ROUND)
    room = ENTRIES_PER_ROUND - waiting_from(db, source.id)
    result = _queue_entries(db, source, feed, fetcher=fetcher, now=now, on_queued=on_queued,
                            stopping=stopping, background=background, room=room)
    unfinished = bool(stopping and stopping()) or bool(result.left)
    _hold(response, feed, held=bool(result.left))
    _record_poll(db, source, response, feed, result, now=now, unfinished=unfinished,
                 asked=bool(etag or last_modified))
    return result


def _web_page(data: bytes, url: str, *, shown: str) -> WebPageError | None:
    """A web page given as a feed, with the feed it names to add instead: only one shown
    whole, since a cut address is advice no one can type."""
    named = named_feed(data, url)
    if named and len(named.url) <= MOST_ORIGIN_SHOWN:
        return WebPageError(f"{shown} is a web page, not a feed; the page names its feed at "
                            f"{named.url}: add that address instead", feed=named.url,
                            title=named.title)
    if named:
        return WebPageError(f"{shown} is a web page, not a feed; the page names its feed at an "
                            f"address of {len(named.url):,} characters, too long to show whole: "
                            f"{_FIND_IT}", feed=None)
    if is_page(data):
        return WebPageError(f"{shown} is a web page, not an RSS or Atom feed, and names none: "
                            f"{_FIND_IT}", feed=None)
    return None


_FIND_IT = ("open it in a browser, find its RSS link (often /feed or /rss) and add that address "
            "instead")


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
        forget_gone_entries(db, source.id, keys=_waiting_keys(db, source.id, feed.entries))
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


def _queue_entries(db: Database, source: Source, feed: ParsedFeed, *, fetcher: Fetcher,
                   now: datetime, on_queued: Callable[[], None] | None,
                   stopping: Callable[[], bool] | None, background: bool,
                   room: int) -> PollResult:
    """The entries not seen before, queued in order (``_queue_new``); the seen entries found
    stamped are marked so in one transaction, not one each (bench.stamped_poll)."""
    stamped: list[str] = []
    reposted: list[str] = []
    try:
        result = _queue_new(db, source, feed, fetcher=fetcher, now=now, on_queued=on_queued,
                            stopping=stopping, background=background, room=room,
                            stamped=stamped, reposted=reposted)
    finally:
        if stamped:
            with transaction(db):
                for key in stamped:
                    mark_entry_stamped(db, source.id, key=key, now=now)
    _say_reposts(db, source, len(reposted), queued=result.queued)
    return result


def _queue_new(db: Database, source: Source, feed: ParsedFeed, *, fetcher: Fetcher,
               now: datetime, on_queued: Callable[[], None] | None,
               stopping: Callable[[], bool] | None, background: bool, room: int,
               stamped: list[str], reposted: list[str]) -> PollResult:
    """The entries not seen before, queued in order: ``room`` of them at most (what is left of
    the round), a teaser's page fetched for ``PAGES_PER_POLL`` of them at most; the keys of the
    seen entries found stamped are added to ``stamped`` (and ``reposted``, those posted again
    at another page)."""
    queued = skipped = retry = waiting = pages = 0
    for n, entry in enumerate(feed.entries):
        if stopping and stopping():
            break
        if _seen(db, source.id, entry) or _stamped(db, source, entry, now=now, into=stamped) \
                or _reposted(db, source, entry, now=now, into=(stamped, reposted)):
            skipped += 1
            continue
        if queued >= room:
            return PollResult(queued=queued, skipped=skipped, retry=retry, background=background,
                              left=len(feed.entries) - n, waiting=waiting, round_full=True)
        if entry.teaser and entry.link:
            if pages == PAGES_PER_POLL:
                return PollResult(queued=queued, skipped=skipped, retry=retry,
                                  background=background, left=len(feed.entries) - n,
                                  waiting=waiting)
            pages += 1
        article = entry_article(entry, fetcher=fetcher, feed_name=feed_name(source, feed),
                                feed_url=source.location, relays=bool(source.relays),
                                allow_private=bool(source.allow_private))
        if stopping and stopping():
            break  # the stop may have cut its page off: the next poll takes the entry whole
        if isinstance(article, PageFailed):
            teaser = _teaser_or_wait(db, source, entry, article, background=background, now=now)
            if teaser is None:
                waiting += 1
                continue
            article = teaser
        if isinstance(article, IngestFailure):
            log.warning("feed %s: entry %s: %s; will try again next poll",
                        _shown(source.location), _shown(article.origin),
                        _shown(article.reason))
            retry += 1
            continue
        if not _enqueue_entry(db, source, entry, article, background=background, now=now):
            skipped += 1
            continue
        queued += 1
        if on_queued:
            on_queued()
    return PollResult(queued=queued, skipped=skipped, retry=retry, background=background,
                      waiting=waiting)


def _enqueue_entry(db: Database, source: Source, entry: FeedEntry, article: RawArticle, *,
                   background: bool, now: datetime) -> bool:
    """Queue the entry and mark it seen in one transaction, so it is stored once; False when it
    was seen meanwhile. An entry that waited for its page since a first poll stays background."""
    with transaction(db):
        if _seen(db, source.id, entry):
            return False
        waiting = _waiting_key(db, source.id, entry)
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


def _seen(db: Database, source_id: int, entry: FeedEntry) -> bool:
    """Known by its guid, its title and text (read as before, differently named), or its link
    with a title and text that read as one seen there edited (an edit under a new guid)."""
    if entry_seen(db, source_id, key=entry.key, read_as=entry.as_read):
        return True
    link = entry.seen_link
    return link is not None and any(_edit_of(entry, title, words)
                                    for title, words in seen_at_link(db, source_id, link))


def _stamped(db: Database, source: Source, entry: FeedEntry, *, now: datetime,
             into: list[str]) -> bool:
    """A new entry at a seen page, under a seen title, whose words are nearly the seen ones
    (a line stamped at every poll, a typo corrected, a date changed) is that entry edited: not
    stored again nor recorded (its seen entry, whose key goes ``into`` the list to be kept
    fresh, stands for it), said in the log."""
    title = entry.seen_title
    if entry.page is None or title is None:
        return False
    for key, seen in words_at_page(db, source.id, page=entry.page, title=title,
                                   since=now - EDIT_WINDOW):
        changed = words_changed(seen, entry.text)
        if changed is not None:
            into.append(key)
            log.info("feed #%d %s: entry %s “%s” is a seen entry edited (%d %s changed), not "
                     "stored again", source.id, _shown(source.location), _shown(entry.key),
                     title, changed, "word" if changed == 1 else "words")
            return True
    return False


def _reposted(db: Database, source: Source, entry: FeedEntry, *, now: datetime,
              into: tuple[list[str], list[str]]) -> bool:
    """A new entry of whole text at another page, under the title of one seen lately
    (``EDIT_WINDOW``), whose words are nearly its words (``words_changed``) is that entry
    posted again (a feed giving its entries new ids and links at every poll): not stored
    again; its key goes ``into`` both lists. A teaser is not judged: another page may hold
    another article under a title and teaser alike (a press-release list, a live page)."""
    title = entry.seen_title
    if entry.teaser or title is None:
        return False
    for key, seen, page in words_under_title(db, source.id, title=title,
                                             since=now - EDIT_WINDOW):
        if page != entry.page and words_changed(seen, entry.text) is not None:
            for keys in into:
                keys.append(key)
            log.info("feed #%d %s: entry %s “%s” is a seen entry posted again at %s (it was at "
                     "%s), not stored again", source.id, redact(source.location),
                     _shown(entry.key), title, _shown(entry.link or ""),
                     _shown(page or ""))
            return True
    return False


def _say_reposts(db: Database, source: Source, reposted: int, *, queued: int) -> None:
    """A feed found posting its entries again at new links, said once while it lasts: again
    after a poll that brought new entries and posted none again."""
    key = reposts_key(source.id)
    said = bool(get_state(db, key))
    if (reposted and said) or (not reposted and (not said or not queued)):
        return
    with transaction(db):
        set_state(db, key, "1" if reposted else "")
    if reposted:
        log.warning("feed #%d %s posts entries it carried again at new links under new ids (%d "
                    "this poll); each is known by its title and text and not stored again (said "
                    "once while it lasts)", source.id,
                    redact(source.location), reposted)


def _edit_of(entry: FeedEntry, title: str | None, words: str | None) -> bool:
    """Whether the entry, at the link of one seen under this title and words, is that one
    edited; news added is read as at a `?ts=` link (``words_changed``)."""
    return _titled_alike(entry, title) and (words is None
                                            or words_changed(words, entry.text) is not None)


def _titled_alike(entry: FeedEntry, title: str | None) -> bool:
    """Whether the entry's title reads as this one, seen at its link: a new headline sharing
    too few of its words is another article linked to the same page (a "latest" feed linking
    each entry to its section's front, a slug used again)."""
    if title is None or entry.title is None:
        return True
    return not_its_article(entry_title=entry.title, entry_text="", page_title=title,
                           page_text="") is None


def _waiting_keys(db: Database, source_id: int, entries: list[FeedEntry]) -> list[str]:
    """The keys the feed's entries' page tries are counted under, their links looked up only
    where an entry waits (a poll of 10,000 entries is not 10,000 reads)."""
    links = waiting_links(db, source_id)
    return [_waiting_key(db, source_id, e) if e.seen_link in links else e.key for e in entries]


def _waiting_key(db: Database, source_id: int, entry: FeedEntry) -> str:
    """The key the entry's page tries are counted under: its own, or that of the entry waiting
    at its link under a title like its own (the same entry, its guid changed on an edit)."""
    if entry.seen_link is None:
        return entry.key
    keys = [key for key, title in waiting_at_link(db, source_id, entry.seen_link)
            if key == entry.key or _titled_alike(entry, title)]
    return entry.key if not keys or entry.key in keys else keys[0]


def _teaser_or_wait(db: Database, source: Source, entry: FeedEntry, failed: PageFailed, *,
                    background: bool, now: datetime) -> RawArticle | None:
    """The teaser to store now, or None: the page may come back, the entry waits for the next
    poll. The tries are kept in SQLite, so a restart does not start them again."""
    page, reason = _shown(entry.link or ""), _shown(failed.reason)
    if not failed.may_pass:
        log.warning("article page %s: %s; stored from the feed's teaser (the page is not "
                    "fetched again)", page, reason)
        return failed.teaser
    with transaction(db):
        tries = note_page_failure(db, source.id, key=_waiting_key(db, source.id, entry),
                                  link=entry.seen_link, title=entry.seen_title, reason=reason,
                                  background=background, now=now)
    waited = now - utc_time(tries.first_failed_at)
    if tries.tries >= PAGE_TRIES:
        log.warning("article page %s: %s; stored from the feed's teaser after %d tries (the "
                    "page is not fetched again)", page, reason, tries.tries)
        return failed.teaser
    if waited >= PAGE_PATIENCE:
        log.warning("article page %s: %s; stored from the feed's teaser, %d minutes after its "
                    "first failure (the page is not fetched again)", page, reason,
                    int(waited.total_seconds() // 60))
        return failed.teaser
    log.warning("article page %s: %s; the entry waits for the next poll (try %d of %d)", page,
                reason, tries.tries, PAGE_TRIES)
    return None


def _shown(text: str) -> str:
    """A link, guid or error from a feed as a log line shows it: credentials masked and bounded
    as an origin is (a hostile feed's link of a megabyte is not a log line of a megabyte)."""
    return shown_origin(redact(text))


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
            _shown(source.location),
            state.failures, ", marked unhealthy" if state.unhealthy else "", reason,
            next_try(state.next_attempt_at, failed_at))
    return PollResult(error=reason)
