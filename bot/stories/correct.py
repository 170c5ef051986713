"""A later correction: a weak join undone when a later article shows it began another event.

Every other decision is final when its article arrives. A first report of a new event that
resembles an older story a little joins it, and its siblings then follow it there. When a
later article is far closer to that weak joiner than to the rest of its story, the joiner was
the first report of another event: it leaves the story, and the two start one of their own.
A joiner that came late for its story's pace (long after the story's burst of reports) is
asked the same question, on a looser pair: a story's reports come in a burst, and one that
comes hours after the burst is as often the first report of the issue's next event."""

from __future__ import annotations

from dataclasses import dataclass

from bot.stories import cluster

MIN_PACE = 0.5  # hours: a story's reports placed closer than this are one burst


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
        late = _late(members, events)
        for member in members:
            if member.article_id in late:
                bar = (events.late_similarity, events.late_ratio)
            elif _weak(member, events):
                bar = (events.pair_similarity, events.pair_ratio)
            else:
                continue
            similarity = cluster.cosine(kept, member.vector)
            if best is not None and similarity <= best.similarity:
                continue
            rest = [m.vector for m in members if m.article_id != member.article_id]
            if _apart(kept, similarity, rest, bar):
                best = Pair(story_id, member.article_id, similarity)
    return best


def _weak(member: Member, events: cluster.Events) -> bool:
    return (member.join_score is not None and member.join_score < events.weak_join
            and member.hours_before <= events.weak_hours)


def _late(members: tuple[Member, ...], events: cluster.Events) -> set[int]:
    """The story's latest article, when a recent joiner placed ``late_gap_hours`` or more after
    the article before it and ``late_pace`` times the story's pace before that (hours between
    its earlier latest articles, two of them at least). Only the latest: a joiner other reports
    followed would leave them behind."""
    placed = sorted(members, key=lambda m: -m.hours_before)
    if len(placed) < 3:
        return set()
    member, before = placed[-1], placed[-2]
    if member.join_score is None or member.hours_before > events.weak_hours:
        return set()
    gap = before.hours_before - member.hours_before
    pace = (placed[0].hours_before - before.hours_before) / (len(placed) - 2)
    if gap >= events.late_gap_hours and gap >= events.late_pace * max(pace, MIN_PACE):
        return {member.article_id}
    return set()


def _apart(kept: dict[str, float], similarity: float, rest: list[dict[str, float]],
           bar: tuple[float, float]) -> bool:
    """Alike enough to the joiner (``bar``: cosine, then the ratio), and far less to the
    story's other articles."""
    least, ratio = bar
    if similarity < least or not rest:
        return False
    return cluster.cosine(kept, cluster.centroid(rest)) <= ratio * similarity
