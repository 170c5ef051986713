"""Plain data passed between the stages (ingest -> nlp -> stories -> alerts), and the errors
every layer, storage/ included, may raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


@dataclass(frozen=True)
class RawArticle:
    """An article as it arrived, before cleaning; ``background`` ones are stored but never alert,
    ``never_duplicate`` ones (from a source so marked) always alert and never count as rewrites."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    background: bool = False
    never_duplicate: bool = False


@dataclass(frozen=True)
class Article:
    """A cleaned article: furniture removed, paragraphs joined by blank lines."""

    title: str
    body: str
    origin: str
    content_hash: str
    url: str | None = None
    source: str | None = None
    published: str | None = None
    dateline: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who said something: ``kind`` is person, organisation, unnamed or unknown."""

    name: str | None
    kind: str = "unknown"
    role: str | None = None


@dataclass(frozen=True)
class Quote:
    """A quote or reported statement; ``kind`` is direct, indirect or fragment."""

    text: str
    start: int
    end: int
    kind: str
    speaker: Speaker
    verb: str | None = None
    cue: str | None = None
    confidence: float = 0.0


@dataclass
class ParsedArticle:
    """An article with what spaCy found in it; ``doc`` stays in memory, never stored."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    quotes: list[Quote] = field(default_factory=list)
    doc: object | None = None


class VerdictKind(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    UPDATE = "update"


@dataclass(frozen=True)
class Verdict:
    """Where an article went: a new story, a duplicate (nothing new) or an update to one."""

    story_id: int
    kind: VerdictKind
    whats_new: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """A kind given as text becomes the enum, and an unknown one fails here, not later."""
        object.__setattr__(self, "kind", VerdictKind(self.kind))


@dataclass(frozen=True)
class SentenceContent:
    """What a story keeps of a sentence to tell what a later article adds: its lemmas, facts and
    figures (as text), whether it quotes; ``figures`` is None in rows kept before figures were."""

    lemmas: tuple[str, ...]
    facts: tuple[str, ...]
    quote: bool
    figures: tuple[str, ...] | None = None


@dataclass(frozen=True)
class StoryEntry:
    """An article as its story keeps it: its verdict and what it added, the weighted keys later
    articles are compared with, its index keys, the names its headline gives, its sentences, and
    its words and lemmas for topic matching."""

    story_id: int
    article_id: int
    verdict: VerdictKind
    whats_new: tuple[str, ...]
    weights: dict[str, float]
    index_keys: list[str]
    headline_names: list[str]
    sentences: list[SentenceContent]
    seen_at: str
    words: str | None = None


@dataclass(frozen=True)
class KeyCounts:
    """How many stored articles have each key (keys none has are left out), and how many
    articles there are in all."""

    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class MatchReason:
    """One query term that matched: ``where`` is "title" or "sentence N" (1-based), ``text`` the
    words."""

    term: str
    where: str
    text: str


@dataclass(frozen=True)
class Span:
    """Where a sentence lies in its article's body, as character offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class ArticleParts:
    """A stored article's sentence spans and entities, for matching it without spaCy."""

    sentences: list[Span]
    entities: list[Entity]


@dataclass(frozen=True)
class StoryMove:
    """An article taken out of the story it was in (``old_story``) into a new one of its own."""

    article_id: int
    old_story: int
    new_story: int


@dataclass(frozen=True)
class Topic:
    """A tracked topic: its name and the query that decides which stories alert."""

    id: int
    name: str
    query: str
    created_at: str
    created_by: str | None


@dataclass(frozen=True)
class IngestFailure:
    """One input that could not be read; ``origin`` names the file, feed or request."""

    origin: str
    reason: str


@dataclass(frozen=True)
class TimelineEntry:
    """One article of a story: ``verdict`` new, update or duplicate; what it added."""

    article_id: int
    title: str
    source: str | None
    url: str | None
    when: str | None
    verdict: str
    whats_new: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryTimeline:
    """A story as it grew, its current summary first."""

    story_id: int
    title: str
    summary: tuple[str, ...]
    article_count: int
    entries: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class KeyQuote:
    text: str
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class AlertView:
    """Everything one alert shows, gathered once so Slack blocks and the terminal render the same;
    ``kind`` is new (a new story) or update (new facts in a known story)."""

    kind: str
    story_id: int
    article_id: int
    topics: tuple[str, ...]
    headline: str
    summary: tuple[str, ...]
    whats_new: tuple[str, ...]
    source: str | None
    url: str | None
    published: str | None
    key_quote: KeyQuote | None = None


# Rows that storage/ returns (storage/articles.py, storage/quotes.py, storage/alerts.py,
# storage/subscriptions.py, storage/mutes.py, storage/timeline.py, storage/article_events.py,
# storage/inbox.py, storage/quote_subscriptions.py, storage/sources.py).


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the cleaned article's fields and when it was ingested."""

    id: int
    content_hash: str
    title: str
    body: str
    ingested_at: str
    origin: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    dateline: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class StoredQuote:
    """A stored quote with the article it came from, as /who-said shows it."""

    id: int
    article_id: int
    text: str
    kind: str
    article_title: str
    speaker: str | None = None
    speaker_kind: str | None = None
    speaker_role: str | None = None
    verb: str | None = None
    cue: str | None = None
    confidence: float | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True, kw_only=True)
class Following:
    """What a topic and a quote subscription share: where alerts go (a channel, or a person's
    direct messages), how often (``mode``), who set it up, the last digest, and
    ``paused_reason`` while Slack refuses it."""

    id: int
    target_type: str
    target_id: str
    mode: str
    created_by: str | None
    created_at: str
    last_digest_at: str | None
    paused_at: str | None = None
    paused_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class Subscription(Following):
    """A channel or person following a topic."""

    topic_id: int
    topic: str


@dataclass(frozen=True)
class FailedAlert:
    """An alert that will not be posted, and Slack's reason."""

    id: int
    story_id: int
    channel: str
    error: str | None
    created_at: str


@dataclass(frozen=True)
class OutboxAlert:
    """One undelivered alert; a quote digest's has no story or article, and ``kind`` quote."""

    id: int
    story_id: int | None
    article_id: int | None
    channel: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: str | None
    created_at: str


@dataclass(frozen=True)
class StoryQuoteLine:
    """A quote of a story with its article's title, source and link, as "Quotes" lists it."""

    text: str
    kind: str
    speaker: str | None
    speaker_role: str | None
    title: str
    source: str | None
    url: str | None


@dataclass(frozen=True)
class TopicEvent:
    """A new story or an update on a topic's story, as a digest lists it."""

    story_id: int
    verdict: str
    whats_new: tuple[str, ...]
    created_at: str
    title: str
    url: str | None
    source: str | None


@dataclass(frozen=True)
class MutedStory:
    """A story someone muted in a channel (or their direct messages), with its title if known."""

    story_id: int
    channel: str
    muted_at: str
    title: str | None


@dataclass(frozen=True)
class StoryTitle:
    """A story found by its title: what /story and ``stories timeline`` choose from."""

    id: int
    title: str | None
    article_count: int | None


@dataclass(frozen=True)
class StoryBrief:
    """A story's title, article count and when it was last seen (None where unknown)."""

    title: str | None = None
    article_count: int | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class ArticleEvent:
    """An article as it joined its story: the verdict, why its alerts are held (if they are),
    whether the story matches a topic."""

    id: int
    story_id: int
    article_id: int
    verdict: str
    title: str | None
    origin: str | None
    hold: str | None
    has_topic: bool


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
class QueuedArticle:
    """An article waiting in the inbox, with its source's never-duplicate mark."""

    id: int
    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    background: bool = False
    never_duplicate: bool = False


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


@dataclass(frozen=True, kw_only=True)
class QuoteSubscription(Following):
    """A channel or person following the quotes a query selects."""

    query: str


@dataclass(frozen=True)
class QuoteText:
    """A quote's text, kind and speaker: enough to rank /who-said's candidates before their
    whole rows are read."""

    id: int
    text: str
    kind: str
    speaker: str | None


@dataclass(frozen=True)
class QuotePick:
    """A quote that a quote subscription selected."""

    quote_id: int
    subscription_id: int


@dataclass(frozen=True)
class PostedMessage:
    """Where a Slack message was posted: its channel and its ``ts`` (a thread's root)."""

    channel: str
    ts: str


@dataclass(frozen=True)
class DirectQuote:
    """An article's direct (or partly direct) quote with a named speaker."""

    id: int
    text: str
    speaker: str
    speaker_role: str | None


@dataclass(frozen=True)
class QuoteAlertLine:
    """One quote of a quote alert, with its article and the query that selected it (None when
    that subscription is gone)."""

    text: str
    speaker: str | None
    speaker_role: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    query: str | None
    mode: str | None


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


# The one error type wirewatch reports at its edges, and the kinds a failure can be.


class ErrorKind(StrEnum):
    """Whose fault a failure is, which decides what the edge does with it."""

    BAD_INPUT = "bad input"
    """The input or the configuration is wrong: say so plainly; trying again will not help."""
    TRANSIENT = "transient"
    """Something outside is busy or away (a locked database, a network drop): try again later."""
    INTERNAL = "internal"
    """A bug or a state we did not expect: log it in full; a later try may still succeed."""

    @property
    def retryable(self) -> bool:
        return self is not ErrorKind.BAD_INPUT


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose; ``kind`` travels with it."""

    kind: ClassVar[ErrorKind] = ErrorKind.INTERNAL


class BadInput(WirewatchError):
    """The input or the configuration is wrong; the message says what and how to fix it."""

    kind = ErrorKind.BAD_INPUT


class Transient(WirewatchError):
    """Something the work depends on is busy or unreachable for now."""

    kind = ErrorKind.TRANSIENT


class NotFound(BadInput, LookupError):
    """What the command names does not exist (no such article, topic or source)."""
