"""A later correction: a weak join undone when a later article shows it began another event.

Every other decision is final when its article arrives. A first report of a new event that
resembles an older story a little joins it, and its siblings then follow it there. When a
later article is far closer to that weak joiner than to the rest of its story, the joiner was
the first report of another event: it leaves the story, and the two start one of their own.
A join a little less weak whose lead tells of a later day than the story's ever did is kept
as weak too: often the same people a day on, another event (``later_dated``); so is one to a
story begun a day or more before (``day_on``), dated or not. It is stored with its real
likeness and a mark saying so (``story_features.later_dated``), which ``_weak`` reads. A join
weak by its mark alone is taken out only when the article would join its story too, and no
later article of that story pairs with it already (``_movable``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from bot.stories import cluster

LATER_DAY_JOIN = 0.12
"""Under this likeness, a join whose lead dates its event after every day the story's leads
gave is stored as weak, for the later correction: the stories tune half's wrong first reports
joining an older story are 11 of 16 such joins, and leaving them in, open to the correction,
kept the held-out stream that refusing them lost (docs/stories-history.md)."""
A_DAY_ON = 24.0
"""Hours after its story began from which a join under LATER_DAY_JOIN is stored as weak too,
dated or not: a running issue's next development, the kind the stories tune half's wrong first
reports most often were (docs/stories-history.md, stories47b and stories48)."""


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
              events: cluster.Events, joining: int | None = None) -> Pair | None:
    """The weak recent joiner of a candidate story that the article is most alike to, when it
    is far more alike to it than to that story's other latest articles. ``joining``: the story
    the article would join without a correction (None: it would start one)."""
    best: Pair | None = None
    for story_id, members in stories.items():
        for member in members:
            if not _movable(member, members, story_id == joining, events):
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


def _movable(member: Member, members: tuple[Member, ...], joins_story: bool,
             events: cluster.Events) -> bool:
    """Whether the article may take this joiner out: one weak by its likeness always; one weak
    by its mark alone only when the article would follow it into its story, and no later
    article there pairs with it (taking it out alone would split its event's reports)."""
    if not _weak(member, events):
        return False
    if member.join_score is not None and member.join_score < events.weak_join:
        return True
    return joins_story and not any(
        other.hours_before < member.hours_before
        and cluster.cosine(member.vector, other.vector) >= events.pair_similarity
        for other in members if other.article_id != member.article_id)


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


def day_on(score: float, age_hours: float) -> bool:
    """Whether a join of this likeness to a story begun ``age_hours`` before is weak for its
    age: under LATER_DAY_JOIN, A_DAY_ON hours or more after the story began."""
    return score < LATER_DAY_JOIN and age_hours >= A_DAY_ON


TIE_LIKENESS = 0.08
"""Both stories an article ties are at least this alike to it (the weak-join line): the
stories tune half's replay joined two pieces of one event more often than two events from it
(docs/stories-history.md, sessions 49 and 50)."""
TIE_BALANCE = 0.75
"""The less alike of the two at least this times the other's likeness: an article about as
like both, not one that merely shares a few names with the second."""
TIE_HOURS = 12.0
"""Both stories begun at most this many hours before the article: two young pieces of one
event, not a running issue's next development (which continues it as a story of its own)."""


@dataclass(frozen=True)
class Fold:
    """The later of two stories an article ties (``later``) folds into the earlier
    (``earlier``), which the article joins."""

    later: int
    earlier: int


def tied_fold(joining: int, likeness: Mapping[int, float],
              ages: Mapping[int, float]) -> Fold | None:
    """The fold of the story the article joins and the other shortlisted story most alike to
    it, when the article is about as like both (TIE_LIKENESS, TIE_BALANCE) and both began
    within TIE_HOURS (``ages``: hours since each began); the earlier is the one begun first."""
    if not _young_tie(joining, likeness, ages, likeness.get(joining, 0.0)):
        return None
    score = likeness[joining]
    tied = [(likeness[other], other) for other in likeness if other != joining
            and _young_tie(other, likeness, ages, score)]
    if not tied:
        return None
    other = max(tied)[1]
    earlier, later = sorted((joining, other), key=lambda story: (-ages[story], story))
    return Fold(later, earlier)


def _young_tie(story: int, likeness: Mapping[int, float], ages: Mapping[int, float],
               other: float) -> bool:
    """Whether the story is young and alike enough to be tied beside one ``other`` alike."""
    score = likeness.get(story, 0.0)
    return (score >= TIE_LIKENESS and min(score, other) >= TIE_BALANCE * max(score, other)
            and ages.get(story, TIE_HOURS + 1) <= TIE_HOURS)
