"""A later correction: a weak join undone when a later article shows it began another event.

Every other decision is final when its article arrives. A first report of a new event that
resembles an older story a little joins it, and its siblings then follow it there. When a
later article is far closer to that weak joiner than to the rest of its story, the joiner was
the first report of another event: it leaves the story, and the two start one of their own."""

from __future__ import annotations

from dataclasses import dataclass

from bot.stories import cluster


@dataclass(frozen=True)
class Member:
    """One of a candidate story's latest articles as a correction sees it: its weighted keys,
    the likeness it joined with (None: it started the story, or was stored before joins were
    scored) and how many hours before the article at hand it was placed."""

    article_id: int
    vector: dict[str, float]
    join_score: float | None
    hours_before: float


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
    return (member.join_score is not None and member.join_score < events.weak_join
            and member.hours_before <= events.weak_hours)


def _apart(kept: dict[str, float], similarity: float, rest: list[dict[str, float]],
           events: cluster.Events) -> bool:
    """Alike enough to the weak joiner, and far less to the story's other articles."""
    if similarity < events.pair_similarity or not rest:
        return False
    return cluster.cosine(kept, cluster.centroid(rest)) <= events.pair_ratio * similarity
