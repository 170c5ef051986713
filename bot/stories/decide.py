"""The story decision as a pure function: an article's features and its candidate stories in,
where it goes and what it adds out. No SQL here; loading and storing are the stage's job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from bot.stories import cluster, headline, novelty
from bot.stories.correct import Member, Pair, day_on, later_dated, tied_fold, weak_pair
from bot.stories.features import ArticleFeatures
from bot.stories.meaning import JOIN_SIMILARITY, Nearest


@dataclass(frozen=True)
class Candidate:
    """A recent story the article may belong to: its latest articles' weighted keys, and the
    sentences of its latest articles (what an update is compared with; from the story stage,
    indexed, and valid until its next ``load``). ``read_sentences``, when given, reads them
    instead: only the story chosen needs them, so the others are never read. ``event_days``:
    the past or present days its latest articles' leads name."""

    story_id: int
    vectors: list[dict[str, float]]
    sentences: novelty.Earlier = field(default_factory=novelty.Earlier)
    age_hours: float = 0.0
    headline_names: frozenset[str] = frozenset()
    members: tuple[Member, ...] = ()
    read_sentences: Callable[[], novelty.Earlier] | None = None
    shape: cluster.Shape | None = None
    event_days: frozenset[date] = frozenset()

    def earlier(self) -> novelty.Earlier:
        """The story's sentences, read only now when the stage deferred them (the chosen story)."""
        return self.sentences if self.read_sentences is None else self.read_sentences()


@dataclass(frozen=True)
class Candidates:
    """What storage knows that the decision needs: the article's keys weighted for clustering,
    the keys it is indexed under, the shortlisted stories, best first, and ``rarity``: its keys
    weighted by how rare they are alone, what a sentence's coverage is measured in (None: the
    clustering weights are that already, as with running stories). ``evidence``, in a young
    archive only: what a story must share to be joined (``cluster.Evidence``)."""

    weights: dict[str, float]
    index_keys: list[str]
    stories: list[Candidate]
    rarity: dict[str, float] | None = None
    nearest: Nearest | None = None
    evidence: cluster.Evidence | None = None

    @property
    def coverage(self) -> dict[str, float]:
        """What a sentence's coverage is measured in (what's new): the rarity weights."""
        return self.weights if self.rarity is None else self.rarity

    @cached_property
    def kept(self) -> dict[str, float]:
        """``cluster.compact`` of the weights: what is stored, and what events are scored on."""
        return cluster.compact(self.weights)


@dataclass(frozen=True)
class Decision:
    """``story_id`` None starts a new story; ``kind`` is new, duplicate or update. With
    ``split``, that article leaves its story for a new one, which this article joins.
    ``weak``: a join stored as weak for the later correction (``correct.later_dated`` or
    ``correct.day_on``). ``fold``: a later story the article ties to ``story_id`` (the
    earlier), which folds into it (``correct.tied_fold``)."""

    story_id: int | None
    kind: str
    score: float
    whats_new: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    split: int | None = None
    weak: bool = False
    fold: int | None = None


Summarise = Callable[[ArticleFeatures], list[str]]


def decide(
    features: ArticleFeatures, candidates: Candidates, *, summarise: Summarise,
    threshold: float = cluster.JOIN_THRESHOLD, events: cluster.Events | None = None,
    year: int | None = None, ties: bool = False,
) -> Decision:
    """Join the most alike candidate scoring at least the threshold, else start a story;
    but when the article shows that a weak joiner of a candidate began another event, that
    joiner leaves its story and the article joins it in a new one. ``year`` is the article's
    (what's new reads a sentence about an earlier year as background). ``ties``: an article
    tying two young stories joins the earlier, the later folding into it (``Decision.fold``):
    what it adds is read against both, and the join is news (an update) when nothing else is."""
    choice = _choose(features, candidates, threshold, events)
    pair = weak_pair(candidates.kept, {c.story_id: c.members for c in candidates.stories},
                     events, choice.story_id) if events is not None else None
    if pair is not None:
        return _with_weak_joiner(features, candidates, pair, year)
    if choice.story_id is None:
        return Decision(None, "new", choice.score, summary=tuple(summarise(features)))
    story = next(c for c in candidates.stories if c.story_id == choice.story_id)
    fold = tied_fold(choice.story_id, choice.scores, {c.story_id: c.age_hours for c in
                                                      candidates.stories}) \
        if ties and events is not None else None
    told = story.earlier() if fold is None else novelty.Earlier.joined(
        *(c.earlier() for c in candidates.stories if c.story_id in (fold.earlier, fold.later)))
    fresh = novelty.whats_new(features.sentences, told, candidates.coverage, year,
                              headline_words=headline.content(features))
    return Decision(choice.story_id if fold is None else fold.earlier,
                    "update" if fresh or fold else "duplicate", choice.score,
                    whats_new=tuple(fresh), weak=events is not None and (later_dated(
                        choice.score, features.event_days, story.event_days)
                        or day_on(choice.score, story.age_hours)),
                    fold=None if fold is None else fold.later)


def _choose(features: ArticleFeatures, candidates: Candidates, threshold: float,
            events: cluster.Events | None) -> cluster.Choice:
    """The most alike candidate scoring at least the threshold (else the story of the one
    meaning the most alike), before any later correction."""
    stories = {c.story_id: cluster.Story(c.vectors, c.headline_names, c.age_hours, c.shape)
               for c in candidates.stories}
    if candidates.evidence is not None:
        stories = {story_id: story for story_id, story in stories.items()
                   if candidates.evidence.shared_by(story)}
    choice = cluster.choose(candidates.weights, stories, threshold=threshold, events=events,
                            names=cluster.headline_names(features.title_keys),
                            kept=candidates.kept)
    if choice.story_id is None and events is not None:
        alike = _alike(features, candidates, stories, events)
        choice = choice if alike is None else replace(alike, scores=choice.scores)
    return choice


def _with_weak_joiner(features: ArticleFeatures, candidates: Candidates,
                      pair: Pair, year: int | None) -> Decision:
    """The article joins the weak joiner in a story of their own: what it adds is what the
    joiner did not say."""
    story = next(c for c in candidates.stories if c.story_id == pair.story_id)
    joiner = novelty.Earlier.of(list(story.earlier().held().get(pair.article_id, ())))
    fresh = novelty.whats_new(features.sentences, joiner, candidates.coverage, year,
                              headline_words=headline.content(features))
    return Decision(None, "update" if fresh else "duplicate", pair.similarity,
                    whats_new=tuple(fresh), split=pair.article_id)


def _alike(features: ArticleFeatures, candidates: Candidates, stories: dict[int, cluster.Story],
           events: cluster.Events) -> cluster.Choice | None:
    """The story of the earlier article whose headline and lead mean the most alike, when alike
    enough and sharing a word with the article (some event likeness)."""
    near = candidates.nearest
    if near is None or near.similarity < JOIN_SIMILARITY or near.story_id not in stories:
        return None
    score = cluster.event_similarity(candidates.weights, cluster.headline_names(
        features.title_keys), stories[near.story_id], events=events)
    return cluster.Choice(near.story_id, score) if score > 0 else None
