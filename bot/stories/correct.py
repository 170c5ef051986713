"""A later correction: a weak join undone when a later article shows it began another event.

Every other decision is final when its article arrives. A first report of a new event that
resembles an older story a little joins it, and its siblings then follow it there. When a
later article is far closer to that weak joiner than to the rest of its story, the joiner was
the first report of another event: it leaves the story, and the two start one of their own.
A join a little less weak whose lead tells of a later day than the story's ever did is kept
as weak too: often the same people a day on, another event (``later_dated``). It is stored with
its real likeness and a mark saying so (``story_features.later_dated``), which ``_weak`` reads."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from bot.stories import cluster

LATER_DAY_JOIN = 0.12
"""Under this likeness, a join whose lead dates its event after every day the story's leads
gave is stored as weak, for the later correction: the stories tune half's wrong first reports
joining an older story are 11 of 16 such joins, and leaving them in, open to the correction,
kept the held-out stream that refusing them lost (docs/stories-history.md)."""


@dataclass(frozen=True)
class Member:
    """One of a candidate story's latest articles as a correction sees it: its weighted keys,
    the likeness it joined with (None: it started the story, or was stored before joins were
    scored), how many hours before the article at hand it was placed, and whether its join was
    kept as weak for its later days whatever its likeness (``later_dated``)."""

    article_id: int
    vector: dict[str, float]
    join_score: float | None
    hours_before: float
    later_dated: bool = False


@dataclass(frozen=True)
class Pair:
    """The weak joiner to take out of ``story_id``, and how alike the article is to it."""

    story_id: int
    article_id: int
    similarity: float


def weak_pair(kept: dict[str, float], stories: dict[int, tuple[Member, ...]],
              events: cluster.Events) -> Pair | None:
    """The weak recent joiner of a candidate story that the article is most alike to, when it
    is far more alike to it than to that story's other latest articles."""
    best: Pair | None = None
    for story_id, members in stories.items():
        for member in members:
            if not _weak(member, events):
                continue
            similarity = cluster.cosine(kept, member.vector)
            if best is not None and similarity <= best.similarity:
                continue
            rest = [m.vector for m in members if m.article_id != member.article_id]
            if _apart(kept, similarity, rest, events):
                best = Pair(story_id, member.article_id, similarity)
    return best


def _weak(member: Member, events: cluster.Events) -> bool:
    return (member.join_score is not None and member.hours_before <= events.weak_hours
            and (member.later_dated or member.join_score < events.weak_join))


def _apart(kept: dict[str, float], similarity: float, rest: list[dict[str, float]],
           events: cluster.Events) -> bool:
    """Alike enough to the weak joiner, and far less to the story's other articles."""
    if similarity < events.pair_similarity or not rest:
        return False
    return cluster.cosine(kept, cluster.centroid(rest)) <= events.pair_ratio * similarity


def later_dated(score: float, days: Collection[date], story_days: Collection[date]) -> bool:
    """Whether a join of this likeness is weak for its days: under LATER_DAY_JOIN, the article's
    lead dating its event after every day the story's leads gave (both dated)."""
    return score < LATER_DAY_JOIN and bool(days) and bool(story_days) and \
        max(days) > max(story_days)
