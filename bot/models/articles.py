"""Articles from arrival to storage: as they came, cleaned, parsed (sentences, entities,
quotes with their speakers) and stored."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field


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
    vouched_source: str | None = None
    """The name ``source:`` matches when another than ``source`` (shown): a feed entry's own
    ``<source>`` from a feed not allowed to relay others is matched by the feed's name."""
    link_vouched: bool = True
    """False for a feed entry's link to another host than the feed's whose page was not fetched
    from it: the feed alone says the article is that host's, so ``source:`` does not read it."""


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
    published_offset: int | None = None
    """The minutes east of UTC of the zone ``published`` (in UTC) was written in: the writer's
    day is that day there. None for UTC, for none written and for articles stored before it
    was kept: the day is UTC's."""
    dated_ahead: str | None = None
    """A date given far ahead of the article's arrival, as written, set aside: the article is
    told by when it arrived (``pipeline._own_time``)."""
    link_vouched: bool = True
    vouched_source: str | None = None

    @property
    def matched_source(self) -> str | None:
        """The source name ``source:`` reads: the feed's own where it may not relay the entry's."""
        return self.vouched_source or self.source

    @property
    def source_url(self) -> str | None:
        """The address whose host ``source:`` reads: none when its source cannot vouch for it."""
        return self.url if self.link_vouched else None


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
    """An article with what spaCy found in it; ``doc`` stays in memory, never stored.
    ``meaning``: its sentence-embedding vector as float32 bytes, made beside the parse when
    WIREWATCH_STORY_EMBEDDING is on (``bot.stories.meaning``), None otherwise."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    quotes: list[Quote] = field(default_factory=list)
    doc: object | None = None
    meaning: bytes | None = None


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


DAY_LABELS = ("DATE", "TIME")
"""The entities a day is read from: spaCy makes "on Tuesday" a DATE but "Tuesday night" and
"Wednesday morning" a TIME. The story stage reads days from both, and so does reading them
again for rows stored before days were kept (``storage.stories.dated_articles``)."""


@dataclass(frozen=True)
class DatedArticle:
    """A stored article's text, publication time (and the offset it was written in), sentence
    spans and the dates and times spaCy found in it (``DAY_LABELS``): the days it names, read
    again for rows stored before they were kept. ``ingested``: when it was stored (UTC), the
    arrival an undated one's days are counted from."""

    body: str
    published: str | None
    parts: ArticleParts
    published_offset: int | None = None
    ingested: str | None = None


@dataclass(frozen=True)
class IngestFailure:
    """One input that could not be read; ``origin`` names the file, feed or request."""

    origin: str
    reason: str


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
    published_offset: int | None = None


def longest_paragraph_key(body: str) -> str:
    """The digest of an article's longest paragraph, its words only: what a re-send without a
    link is found by whatever its title, and whatever a later cleaning drops around it (a
    label, a character nobody sees)."""
    longest = max(body.split("\n\n"), key=len)
    words = " ".join(re.findall(r"\w+", longest.casefold()))
    return hashlib.sha256(words.encode()).hexdigest()[:32]
