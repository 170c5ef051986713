"""Sources (feeds and watched folders), the files a folder has seen, the inbox, and the totals
`/wirewatch status` shows."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models.articles import RawArticle


@dataclass(frozen=True)
class SeenFile:
    """A watched-folder file as last read: size, modification time and digest, what came of it."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    seen_at: str
    articles: int = 0
    error: str | None = None


@dataclass(frozen=True)
class PageAttempts:
    """A feed entry whose article page failed in a way that may pass, waiting for a later poll:
    how often it failed, since when, and whether it was first seen as first-poll background."""

    tries: int
    first_failed_at: str
    background: bool


@dataclass(frozen=True)
class QueuedArticle:
    """An article waiting in the inbox under its row id (``source_id`` None: POST /ingest)."""

    id: int
    article: RawArticle
    source_id: int | None = None
    caller: str | None = None
    """The address of the POST /ingest caller that queued it."""

    @property
    def lane(self) -> tuple[int | None, str | None]:
        """Whose turn it is taken in: its source's, or its HTTP caller's."""
        return self.source_id, self.caller


@dataclass(frozen=True)
class FailedArticle:
    """An inbox article that failed for good: why, and how often it was tried."""

    id: int
    source_id: int | None
    origin: str
    title: str | None
    reason: str | None
    attempts: int
    created_at: str
    processed_at: str | None


@dataclass(frozen=True)
class FailedTally:
    """How many of a source's articles failed for good, and the latest one's reason."""

    count: int
    latest_reason: str | None


@dataclass(frozen=True)
class InboxResult:
    """What became of a queued article (``status`` is "pending" while it waits)."""

    id: int
    origin: str
    title: str | None
    status: str
    article_id: int | None
    story_id: int | None
    verdict: str | None
    reason: str | None


@dataclass(frozen=True)
class Source:
    """A feed or watched folder, its polling state and health; flags are 0 or 1, as stored."""

    id: int
    kind: str
    location: str
    every: int
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None
    failures: int = 0
    next_attempt_at: str | None = None
    unhealthy: int = 0
    items: int = 0
    last_item_at: str | None = None
    alert_existing: int = 0
    backlog_done_at: str | None = None
    backlog_entries: int = 0
    allow_private: int = 0
    never_duplicate: int = 0
    full_fetch_at: str | None = None
    """When the feed was last fetched whole (an answer other than 304 Not Modified)."""
    validators_lie: int = 0
    """1 once the server answered 304 while its feed had changed: validators are never sent."""
    added_by: str | None = None
    """The Slack user who added it (`/wirewatch sources add`); None when added on the server."""
    quiet_at: str | None = None
    """When a working feed was told quiet far longer than its usual gap; None while it is not."""
    quiet_short: str | None = None
    """For one told quiet by the plainer rule of a short history, its notice's words on it."""
    failing_since: str | None = None
    """When its failing spell began (its first failure since it last worked); None while it
    works, and for a spell begun before ``sources/m022``."""
    name: str | None = None
    """The name ``source:`` matches a feed's articles by: the operator's, else its title when
    first polled, kept; None until then (``sources/m024``)."""
    relays: int = 0
    """1 when an entry's own ``<source>`` is matched too (an aggregator the operator trusts)."""
    paused: str | None = None
    """Why the feed is not fetched: its stored address, read as a browser reads it, would be
    refused now (``sources/m025``); None for one fetched."""
    named_instead: str | None = None
    """Why its first poll named it by its host: its title, another feed's name (``sources/m025``);
    None for one named otherwise, or renamed since."""


@dataclass(frozen=True)
class SourceChange:
    """A source gone from working to failing ("failing"), or back ("back"), or a working feed
    gone quiet far longer than its usual gap ("quiet") and bringing entries again ("resumed"),
    as it was then: told once in Slack to whoever added it and the admin channel (``queued_at``
    once queued). For "quiet" and "resumed", ``last_success_at`` is when the feed last brought
    a new entry before its silence, and ``reason`` its usual gap in words."""

    id: int
    source_id: int
    change: str
    kind: str
    location: str
    failures: int
    at: str
    reason: str | None = None
    last_success_at: str | None = None
    added_by: str | None = None
    queued_at: str | None = None


@dataclass(frozen=True)
class HeldTally:
    """How many of a source's stored articles alerted nobody for one reason ("background")."""

    reason: str
    count: int


@dataclass(frozen=True)
class Totals:
    """Rows in the tables a newsroom counts, and when the last article was stored."""

    articles: int
    stories: int
    topics: int
    subscriptions: int
    last_ingest: str | None
