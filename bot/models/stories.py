"""Stories: where an article went and what a story keeps of it, topics and why they matched,
a story as it grew."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


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
    continues: int | None = None
    """The running story a new story continues (its root; ``bot.stories.running``)."""
    adds: tuple[str, ...] = ()
    """What a new story that continues a running one adds to everything that running story
    said (its what's new at the running story's level)."""

    def __post_init__(self) -> None:
        """A kind given as text becomes the enum, and an unknown one fails here, not later."""
        object.__setattr__(self, "kind", VerdictKind(self.kind))

    @property
    def running_kind(self) -> VerdictKind:
        """The verdict at the running story's level: a new event that continues a running
        story is an update of it, or a duplicate when it adds nothing it had not said."""
        if self.kind is not VerdictKind.NEW or self.continues is None:
            return self.kind
        return VerdictKind.UPDATE if self.adds else VerdictKind.DUPLICATE

    @property
    def running_whats_new(self) -> tuple[str, ...]:
        """What's new at the running story's level."""
        return self.adds if self.continues is not None else self.whats_new


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
    its words and lemmas for topic matching; ``join_score``, the likeness it joined its story
    with (None when it started one), which a later correction reads; ``later_dated``, a join
    kept as weak for its later days whatever its likeness (``bot.stories.correct.later_dated``);
    ``event_days``, the past or present days its lead names, ISO (what a later-dated join is told
    by); ``running``, its keys weighted by rarity alone (what the running story it is in is
    compared on, ``bot.stories.running``)."""

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
    join_score: float | None = None
    event_days: tuple[str, ...] = ()
    later_dated: bool = False
    running: dict[str, float] | None = None


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
class StoryMove:
    """An article taken out of the story it was in (``old_story``) into a new one of its own."""

    article_id: int
    old_story: int
    new_story: int


@dataclass(frozen=True)
class StoryFold:
    """A later story (``later``) folded whole into an earlier one (``into``): the articles it
    held, which are the earlier story's now; ``rerooted``: the other stories the fold took into
    another running story, each with the root of the one it was in."""

    later: int
    into: int
    article_ids: tuple[int, ...]
    rerooted: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Topic:
    """A tracked topic: its name and the query that decides which stories alert."""

    id: int
    name: str
    query: str
    created_at: str
    created_by: str | None


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
    origin: str | None = None
    """What brought it (a file, a feed, an /ingest caller): named for one without an outlet."""
    dated: bool = True
    """False: the article gives no time, and ``when`` is when it arrived (said so)."""
    dated_ahead: str | None = None
    """A date it gave far ahead of its arrival, as written, set aside (it is not ``dated``)."""
    arrived: str | None = None
    """When it reached the desk (the timeline's order), which ``when`` need not be."""


@dataclass(frozen=True)
class MovedOut:
    """A report a later correction (or a split) took out of a story: where it went, and when."""

    article_id: int
    title: str
    story_id: int
    story_title: str
    moved_at: str | None


@dataclass(frozen=True)
class StoryTimeline:
    """A story as it grew, its current summary first; ``latest``: its latest updates, newest
    first (what "What we know now" leads with, whatever ``entries`` holds of a long story);
    ``events``: the stories (id, title) of the running story it is in, in order, itself
    among them (``bot.stories.running``); ``moved_out``: its reports moved out since, the
    latest first (``moved_count`` of them in all); ``joined``: the story asked for, when it was
    folded into this one, which holds its reports now."""

    story_id: int
    title: str
    summary: tuple[str, ...]
    article_count: int
    entries: tuple[TimelineEntry, ...] = ()
    latest: tuple[TimelineEntry, ...] = ()
    events: tuple[tuple[int, str], ...] = ()
    moved_out: tuple[MovedOut, ...] = ()
    moved_count: int = 0
    joined: int | None = None


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
class StoryPlace:
    """The story an article is in, its verdict there, what it added and when it was seen."""

    story_id: int
    verdict: str
    whats_new: tuple[str, ...]
    seen_at: str | None


@dataclass(frozen=True)
class StoryRow:
    """A story as listed; ``summary`` is the stored JSON list, as text; ``folded_into``: the
    story holding its reports since a report told both (``fold_story``), if one does."""

    id: int
    title: str
    article_count: int
    created_at: str
    last_seen: str | None
    summary: str
    folded_into: int | None = None


@dataclass(frozen=True)
class LatestArticle:
    """One of a story's newest articles, with the text (and source name and address) a topic
    query is matched against."""

    story_id: int
    article_id: int
    title: str
    body: str
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class TopicStory:
    """A story tied to a topic, with why it matched when it was tied."""

    id: int
    title: str
    article_count: int
    last_seen: str | None
    summary: tuple[str, ...]
    reasons: tuple[MatchReason, ...]
    matched_at: str


@dataclass(frozen=True, eq=False)
class StoryIds(Collection[int]):
    """A set of story ids (a guest's reach, what a channel follows) with the JSON array SQL
    filters by, made once: a command's searches (up to six statements) share it."""

    ids: frozenset[int]
    json: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "json", json.dumps(sorted(self.ids)))

    @classmethod
    def of(cls, ids: Collection[int]) -> StoryIds:
        """``ids`` as a StoryIds (the same object when it is one already)."""
        return ids if isinstance(ids, StoryIds) else cls(frozenset(ids))

    def __contains__(self, item: object) -> bool:
        return item in self.ids

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)
