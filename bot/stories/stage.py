"""The story stage of the pipeline: every article joins a story and gets a verdict."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import partial
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

import numpy as np
from sqlite_utils import Database

from bot.config import Settings
from bot.ingest import furniture
from bot.models import (
    ParsedArticle,
    SentenceContent,
    StoryEntry,
    StoryFold,
    StoryMove,
    Verdict,
    VerdictKind,
)
from bot.models.times import utc_time
from bot.models.yield_bounds import FACTS_KEPT, kept
from bot.nlp.summary import (
    MIN_WORDS,
    ExtractiveSummariser,
    Summariser,
    bounded,
    clean_sentence,
    summariser_from,
)
from bot.stories import cluster, headline, novelty, renamed, running, schedule
from bot.stories.correct import Member
from bot.stories.decide import Candidate, Candidates, Decision, Summarise, decide
from bot.stories.features import ArticleFeatures, DocView, features_from
from bot.stories.figures import encode
from bot.stories.meaning import JOIN_SIMILARITY, Meaning, Nearest
from bot.stories.meaning_window import MeaningWindow
from bot.stories.query import Node
from bot.stories.split import split_article
from bot.stories.stored_queries import Skipped, StoredQueries, excluded
from bot.stories.topics import Matcher, MatchText, decode, match_text, sources_of, with_sources
from bot.stories.topics import encode as encode_text
from storage import stories as store
from storage import topics as topic_store
from storage.articles import now_iso

log = logging.getLogger(__name__)

T = TypeVar("T")
VECTOR_CACHE = 1_000  # articles whose decoded vectors are kept (about 6.5 KB each)
SHAPE_CACHE = 256  # stories' shapes kept (about 20 KB each)
EARLIER_STORIES = 64
EARLIER_SENTENCES = 15_000
"""Sentences the what's-new indexes hold in all (about 2 KB each): 64 long running stories
would otherwise hold ~100 MB."""
TIES = True
"""An article about as like two young stories folds the later into the earlier
(``correct.tied_fold``): the stories dev stream's replay gained on both halves
(docs/stories-history.md, session 50)."""
NO_SENTENCES: tuple[novelty.StoredSentence, ...] = ()
NOVELTY_ARTICLES = 30
EXTRACTIVE = ExtractiveSummariser()
LEAD_CHARS = 400
NOT_RUNNING: tuple[int | None, tuple[str, ...], bool] = (None, (), False)
"""An article that continues no running story: none, adding nothing, no late copy."""
Joined = tuple[float | None, str, bool]
"""A stored article's join as a later correction reads it: its likeness, when it was placed,
and whether it was kept as weak for its later days."""


@dataclass(frozen=True)
class Prepared:
    """An article's story features and time, worked out before its transaction (no SQL).

    ``arrived_at`` is set for an undated article seen live: its time is only when the desk saw
    it, so it is compared with stories by when the desk saw them too."""

    parsed: ParsedArticle
    features: ArticleFeatures
    text: MatchText
    seen_at: str
    arrived_at: str | None = None
    meaning: np.ndarray | None = None

    @property
    def year(self) -> int:
        """The year of the article's own day (its writer's, or the desk's it arrived on): what's
        new reads an earlier year as background."""
        today = self.features.today
        return today.year if today else int(self.seen_at[:4])


class Compared(NamedTuple):
    """What a candidate story's article is compared on: its weighted keys and headline names,
    and the days its lead tells of."""

    vector: dict[str, float]
    names: frozenset[str]
    days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class StoryResult:
    """Where the article went and the topics its story matches that alert for it (a topic's
    ``source:`` terms may leave its source out); ``moved``: the earlier article that left its
    story for this one's (see ``correct``), and ``moved_topic_ids`` the topics alerting for it;
    ``left_out``: the story matches topics, and every one's exclusions (NOT, ``source:``) leave
    this article out, ``left_out_why`` how; ``repeats``: a new event adding nothing to the
    running story it continues and a near copy of one of its articles (a late rewrite);
    ``folded``: the later story the article tied to its own, folded into it (``correct``)."""

    verdict: Verdict
    topic_ids: tuple[int, ...]
    moved: StoryMove | None = None
    moved_topic_ids: tuple[int, ...] = ()
    left_out: bool = False
    left_out_why: str | None = None
    repeats: bool = False
    folded: StoryFold | None = None
    facts_dropped: int = 0
    """Facts of what's new past ``yield_bounds.FACTS_KEPT``, not stored."""


def lead_of(title: str, sentences: list[str]) -> list[str]:
    """A feed's teaser cut mid-sentence has no whole sentence to summarise: its first sentence
    as far as it goes (to a word), so a new story's alert is not a bare headline."""
    for sentence in sentences:
        text = clean_sentence(sentence)
        if len(text.split()) < MIN_WORDS or text.casefold() == title.strip().casefold():
            continue
        if furniture.is_furniture_line(text):
            continue
        if len(text) > LEAD_CHARS:
            text = text[:LEAD_CHARS].rsplit(" ", 1)[0]
        return [text]
    return []


def _hours(now: datetime, then: str | None) -> float:
    """Hours from a story's first article to this one (0 when this one is older)."""
    if not then:
        return 0.0
    return max((now - utc_time(then)).total_seconds() / 3600, 0.0)


def stored_sentences(features: ArticleFeatures) -> list[SentenceContent]:
    """What the story tables keep of each sentence: lemmas, facts (with the days it names),
    whether it quotes, figures."""
    return [SentenceContent(tuple(sorted(s.lemmas)), tuple(sorted(s.facts | s.days)), s.quote,
                            tuple(sorted(encode(s.figures))))
            for s in features.sentences]


def _names_as_written(db: Database, decision: Decision) -> tuple[str, ...]:
    """What's new with a corrected name's old spelling as the story's articles wrote it (the
    story keeps only its lower-case key): read only when a line says a name was corrected."""
    if not any(item.startswith(renamed.PREFIX) for item in decision.whats_new):
        return decision.whats_new
    story = decision.story_id or 0
    ids = ([decision.split] if decision.split is not None else
           store.latest_articles(db, [story], per_story=NOVELTY_ARTICLES)[story])
    return as_written(db, decision.whats_new, ids)


def as_written(db: Database, whats_new: tuple[str, ...], ids: list[int]) -> tuple[str, ...]:
    """What's new with a corrected name's old spelling as the articles ``ids`` (oldest first)
    wrote it."""
    if not any(item.startswith(renamed.PREFIX) for item in whats_new):
        return whats_new
    texts = store.article_texts(db, ids[::-1])
    return tuple(renamed.as_written(item, texts) for item in whats_new)


def _with_days(db: Database, stored: dict[int, list[SentenceContent]], zone: tzinfo | None
               ) -> dict[int, list[SentenceContent]]:
    """The articles' stored sentences, with the days they name read again where none were
    kept (rows stored before days were: a day the story named would be news once more), an
    undated article's from the day it arrived in ``zone`` (None in a replay: no arrival)."""
    undated = [a for a, rows in stored.items() if schedule.undated(rows)]
    for article_id, article in store.dated_articles(db, undated).items():
        stored[article_id] = schedule.filled(stored[article_id], article, zone)
    return stored


class StoryStage:
    """Clusters articles into stories over an index of recent stories, and matches topics.

    ``prepare`` (no SQL) -> ``load`` (reads candidates) -> ``decide`` (pure) -> ``store``
    (writes, topic links); ``assign`` runs the last three inside the article's transaction.
    """

    def __init__(self, *, quiet_hours: float = cluster.EVENT_QUIET_HOURS,
                 summariser: Summariser | None = None, threshold: float = cluster.JOIN_THRESHOLD,
                 half_life_hours: float = cluster.EVENT_HALF_LIFE_HOURS,
                 stream_clock: bool = False, earlier_sentences: int = EARLIER_SENTENCES,
                 meaning: Meaning | None = None, zone: tzinfo = UTC, ties: bool = TIES) -> None:
        self.ties = ties
        self.quiet = timedelta(hours=quiet_hours)
        self.zone = zone
        self.stream_clock = stream_clock
        self.stream_time: datetime | None = None  # the stream's ``clock``, once read
        self.summariser = summariser or ExtractiveSummariser()
        self.threshold = threshold
        self.events = cluster.Events(half_life_hours) if half_life_hours > 0 else None
        self._queries = StoredQueries()
        self._names: dict[int, str] = {}
        self._compared: dict[int, Compared] = {}
        self._shapes: dict[tuple[int, ...], cluster.Shape] = {}
        self._earlier: dict[int, novelty.Earlier] = {}
        self._earlier_held = 0
        self.earlier_sentences = earlier_sentences
        self.meaning = meaning if self.events else None
        self._window: MeaningWindow | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryStage:
        events = settings.story_half_life_hours > 0
        return cls(quiet_hours=settings.story_quiet_hours, summariser=summariser_from(settings),
                   half_life_hours=settings.story_half_life_hours,
                   stream_clock=settings.story_stream_clock,
                   meaning=Meaning.from_setting(settings.story_embedding) if events else None,
                   zone=ZoneInfo(settings.timezone))

    def prepare(self, parsed: ParsedArticle, view: DocView | None = None) -> Prepared:
        """The article's features and time, from what spaCy found: the ``view`` a worker
        process read off the Doc, else the Doc itself (reading it needs spaCy, imported then:
        the stage of a process that only stores what worker processes analysed never loads
        it). A replay runs on the stream's own clock (``stream_clock``): there, arrival says
        nothing about an article. The sentence-embedding vector is the one the analysis
        carried, made here only for an article analysed without it."""
        if view is None and parsed.doc is not None:
            from bot.stories.reading import view_of

            view = view_of(parsed)
        seen_at, arrived_at = self.times(parsed.article.published, now=datetime.now(UTC))
        features = features_from(parsed, view, arrived=schedule.desk_day(arrived_at, self.zone))
        meaning = self.meaning.of(parsed) if self.meaning else None
        text = match_text(features, sources_of(parsed.article.matched_source,
                                                  parsed.article.source_url))
        return Prepared(parsed, features, text, seen_at, arrived_at, meaning)

    @property
    def _desk(self) -> tzinfo | None:
        """The calendar an undated article's arrival is read on: none in a replay."""
        return None if self.stream_clock else self.zone

    def times(self, published: str | None, *, now: datetime,
              db: Database | None = None) -> tuple[str, str | None]:
        """When the article is placed, as sortable UTC ISO text (its own time unless missing,
        unreadable or future, else ``now``), and that same time as its arrival when undated.
        On the stream's clock the wall's ``now`` is not read: a record is never ahead of its
        arrival (it arrives when it is dated), and an undated one is placed at the stream's
        ``clock`` (read from ``db``), with the records before it, however long after them it
        is replayed."""
        own = schedule.own_time(published, now=None if self.stream_clock else now)
        placed = own or (self.clock(db) if self.stream_clock else now)
        seen_at = placed.astimezone(UTC).isoformat(timespec="seconds")
        return seen_at, (seen_at if own is None and not self.stream_clock else None)

    def clock(self, db: Database | None) -> datetime:
        """The stream's clock: the latest time an article was placed at, read from ``db`` the
        first time it is needed (a run started again on the database it filled goes on from
        there, as one run would), then kept as articles are stored; before any, or with no
        ``db`` to read, ``schedule.STREAM_START``."""
        if self.stream_time is None and db is not None:
            latest = store.latest_seen(db)
            self.stream_time = utc_time(latest) if latest else schedule.STREAM_START
        return self.stream_time or schedule.STREAM_START

    def assign(self, db: Database, prepared: Prepared, article_id: int) -> StoryResult:
        """Put the article in a story (an existing one, or a new one) and say what it adds."""
        candidates = self.load(db, prepared)
        return self.store(db, prepared, candidates, self.decide(prepared, candidates),
                          article_id=article_id)

    def forget(self) -> None:
        """Drop what was read from the database: a rolled-back write may have been read."""
        self._compared.clear()
        self._shapes.clear()
        self._earlier.clear()
        self._earlier_held = 0
        self._window = None
        self.stream_time = None

    def load(self, db: Database, prepared: Prepared) -> Candidates:
        """The stories active within the quiet window that share distinctive keys with it."""
        seen_at = utc_time(prepared.seen_at)
        since = (seen_at - self.quiet).isoformat(timespec="seconds")
        weights, rarity, evidence = self._weigh(db, prepared.features)
        keys = cluster.index_keys(weights)
        min_shared = self.events.min_shared if self.events else 2
        shared = (store.candidate_stories(db, keys, since=since, arrived_since=since)
                  if prepared.arrived_at else
                  store.leading_candidates(db, [(key, weights[key]) for key in keys], since=since,
                                           limit=cluster.MAX_CANDIDATES, min_shared=min_shared))
        story_ids = cluster.shortlist(shared, weights, min_shared=min_shared)
        latest, joins = self._latest(db, story_ids)
        vectors = self._vectors(db, latest)
        started = self._started(db, prepared, story_ids)
        near = self._nearest(db, prepared, since)
        if near is not None and near.similarity >= JOIN_SIMILARITY and near.story_id not in latest:
            story_ids = [*story_ids, near.story_id]
            latest, joins = self._latest(db, story_ids)
            vectors = self._vectors(db, latest)
            started = self._started(db, prepared, story_ids)
        names = self._headline_names(latest) if self.events else {}
        days = self._event_days(latest) if self.events else {}
        members = self._members(latest, joins, seen_at) if self.events else {}
        shapes = self._shapes_of(latest, vectors) if self.events else {}
        return Candidates(weights, keys, [
            Candidate(story_id, vectors[story_id], age_hours=_hours(seen_at, started.get(story_id)),
                      headline_names=names.get(story_id, frozenset()),
                      members=members.get(story_id, ()),
                      read_sentences=partial(self._sentences, db, story_id),
                      shape=shapes.get(story_id),
                      event_days=days.get(story_id, frozenset()))
            for story_id in story_ids], rarity, near, evidence)

    def _shapes_of(self, latest: dict[int, list[int]], vectors: dict[int, list[dict[str, float]]]
                   ) -> dict[int, cluster.Shape]:
        """Each story's shape for event scoring, kept (bounded) by the articles it is made of:
        their vectors never change, so it holds until the story's latest articles do."""
        found = {}
        for story_id, ids in latest.items():
            made_of = tuple(a for a in ids if a in self._compared)
            shape = self._shapes.get(made_of)
            if shape is None:
                if len(self._shapes) >= SHAPE_CACHE:
                    self._shapes.clear()
                shape = self._shapes[made_of] = cluster.Shape.of(vectors[story_id])
            found[story_id] = shape
        return found

    def _latest(self, db: Database, story_ids: list[int]
                ) -> tuple[dict[int, list[int]], dict[int, Joined]]:
        """Each story's latest article ids, oldest first, and (at event granularity, for a
        later correction) the likeness each joined with and when it was placed, in one read:
        read afresh, not cached, as a move (by this process or another) takes it away."""
        if not self.events:
            return store.latest_articles(db, story_ids), {}
        found = store.latest_joins(db, story_ids)
        return ({story_id: [row[0] for row in rows] for story_id, rows in found.items()},
                {row[0]: row[1:] for rows in found.values() for row in rows})

    def _members(self, latest: dict[int, list[int]],
                 joins: dict[int, Joined], seen_at: datetime
                 ) -> dict[int, tuple[Member, ...]]:
        """Each story's latest articles with the likeness they joined with and their age, for
        a later correction."""
        return {story_id: tuple(_member(a, self._compared[a].vector, joins[a], seen_at)
                                for a in ids if a in self._compared and a in joins)
                for story_id, ids in latest.items()}

    def _nearest(self, db: Database, prepared: Prepared, since: str) -> Nearest | None:
        """The story of the article placed within the quiet window whose vector is the most
        like this one's (decoded vectors are kept, bounded, as they never change)."""
        if prepared.meaning is None:
            return None
        window = self._window
        if window is None or window.dimension != len(prepared.meaning):
            window = self._window = MeaningWindow(len(prepared.meaning))
        wanted = store.recent_meaning_ids(db, since=since)
        window.fill(wanted, partial(store.meanings, db))
        return window.nearest(prepared.meaning, wanted, partial(store.placed_in, db))

    def _started(self, db: Database, prepared: Prepared, story_ids: list[int]) -> dict[int, str]:
        """When each story began, on the clock the article is compared on."""
        if not self.events or not story_ids:
            return {}
        if prepared.arrived_at:
            return store.first_arrived(db, story_ids)
        return store.first_seen(db, story_ids)

    def _weigh(self, db: Database, features: ArticleFeatures
               ) -> tuple[dict[str, float], dict[str, float] | None, cluster.Evidence | None]:
        """The clustering weights, and (at event granularity) the rarity weights alone and, in
        a young archive, what a join needs to share (``cluster.Evidence``)."""
        if self.events is None:
            found = store.key_counts(db, features.keys)
            return cluster.weigh(features.keys, found.counts, found.total), None, None
        keys = features.keys | features.title_keys
        found = store.key_counts(db, keys)
        first = {**features.first, **dict.fromkeys(features.title_keys, -1)}
        tf = {k: features.tf.get(k, 0) + (k in features.title_keys) for k in keys}
        rarity = cluster.weigh(keys, found.counts, found.total)
        evidence = (cluster.Evidence.of(keys, features.title_keys, found.counts)
                    if found.total < cluster.YOUNG_ARCHIVE else None)
        return (cluster.placed(rarity, events=self.events, first=first, tf=tf),
                {key: rarity[key] for key in features.keys}, evidence)

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        return decide(prepared.features, candidates, summarise=summarise or self.summarise,
                      threshold=self.threshold, events=self.events,
                      year=prepared.year, ties=self.ties)

    def summarise(self, features: ArticleFeatures, *, offline: bool = False) -> list[str]:
        """A new story's summary; ``offline``, the extractive one (no network call)."""
        summariser = EXTRACTIVE if offline else self.summariser
        sentences = [s.text for s in features.sentences]
        return (bounded(summariser.summarise(title=features.title, sentences=sentences))
                or lead_of(features.title, sentences))

    def store(self, db: Database, prepared: Prepared, candidates: Candidates,
              decision: Decision, *, article_id: int) -> StoryResult:
        """Write the article into its story, count its keys, and link the topics it matches."""
        now = now_iso()
        story_id = decision.story_id
        moved, moved_text = (self._split(db, decision.split) if decision.split is not None
                             else (None, MatchText((), (), ())))
        continues, adds, repeats = NOT_RUNNING
        folded = (store.fold_story(db, later=decision.fold, into=story_id, by=article_id,
                                  now=now)
                  if decision.fold is not None and story_id is not None else None)
        if moved is not None:
            story_id = moved.new_story
        elif story_id is None:
            continues, adds, repeats = self._in_running(db, prepared, candidates)
            story_id = store.create_story(db, title=prepared.features.title,
                                          summary=list(decision.summary),
                                          seen_at=prepared.seen_at, now=now,
                                          continues=continues)
        whats_new, dropped = kept(_names_as_written(db, decision), FACTS_KEPT)
        adds_kept, adds_dropped = kept(adds, FACTS_KEPT)
        verdict = Verdict(story_id=story_id, kind=VerdictKind(decision.kind),
                          whats_new=tuple(whats_new), summary=decision.summary,
                          continues=continues, adds=tuple(adds_kept))
        features = prepared.features
        names = sorted(cluster.headline_names(features.title_keys))
        store.add_to_story(db, StoryEntry(
            story_id=story_id, article_id=article_id, verdict=verdict.kind,
            whats_new=verdict.adds or verdict.whats_new, weights=candidates.kept,
            index_keys=candidates.index_keys, headline_names=names,
            sentences=stored_sentences(features), seen_at=prepared.seen_at,
            words=encode_text(prepared.text),
            join_score=None if decision.kind == "new" else decision.score,
            event_days=tuple(sorted(d.isoformat() for d in features.event_days)),
            later_dated=decision.weak,
            running=cluster.compact(candidates.rarity) if candidates.rarity else None),
            now=now)
        if self.stream_clock:
            self.stream_time = max(self.clock(db), utc_time(prepared.seen_at))
        if len(self._compared) < VECTOR_CACHE:
            self._compared[article_id] = Compared(candidates.kept, frozenset(names),
                                                  features.event_days)
        store.count_keys(db, candidates.weights)
        if prepared.meaning is not None:
            store.add_meaning(db, article_id=article_id, seen_at=prepared.seen_at,
                              vector=prepared.meaning.tobytes())
        topic_ids, left_out = self._link_topics(db, story_id, prepared.text, article_id)
        moved_ids = (self._alerting(self._topics(db), set(store.story_topic_ids(db, story_id)),
                                    Matcher(moved_text), moved.article_id)[0]
                     if moved is not None else [])
        return StoryResult(verdict, tuple(topic_ids), moved, tuple(moved_ids),
                           left_out is not None, left_out, repeats, folded,
                           max(dropped, adds_dropped))

    def _in_running(self, db: Database, prepared: Prepared, candidates: Candidates
                    ) -> tuple[int | None, tuple[str, ...], bool]:
        """The running story a new event continues (``_continued``), what it adds to it, and
        whether it is a late copy of it (adding nothing, a near copy of one of its articles)."""
        continues = self._continued(db, prepared, candidates)
        if continues is None:
            return NOT_RUNNING
        ids = store.running_latest(db, [continues], per_story=NOVELTY_ARTICLES)[continues]
        adds = self._adds(db, prepared, candidates, ids)
        return continues, adds, not adds and self._repeats(db, candidates, continues, ids)

    def _continued(self, db: Database, prepared: Prepared, candidates: Candidates) -> int | None:
        """The running story a new event continues (its root, so one hop finds it): the one
        found within ``running.QUIET_HOURS`` (``_running``), else a running issue back after a
        quiet spell (``_came_back``). Said in its alert, posted in the running story's thread;
        the event stays a story of its own."""
        found = self._running(db, prepared, candidates)
        return found if found is not None else self._came_back(db, prepared, candidates)

    def _adds(self, db: Database, prepared: Prepared, candidates: Candidates,
              ids: list[int]) -> tuple[str, ...]:
        """What a new event's first report adds to the running story it continues: its
        sentences new against the stored sentences of the running story's latest articles,
        over all its events (``ids``, oldest first), found as an update's are; none when none
        of their sentences is kept (everything would read as new)."""
        stored = _with_days(db, store.article_sentences(db, ids), self._desk)
        if not stored:
            return ()
        earlier = novelty.Earlier()
        earlier.update([(a, novelty.stored(stored[a])) for a in ids if a in stored])
        fresh = novelty.whats_new(prepared.features.sentences, earlier, candidates.coverage,
                                  prepared.year, new_event=True,
                                  headline_words=headline.content(prepared.features))
        return as_written(db, tuple(fresh), ids)

    def _repeats(self, db: Database, candidates: Candidates, root: int,
                 ids: list[int]) -> bool:
        """Whether the article is a near copy (``running.REPEATS``) of one of the running
        story's latest articles ``ids``, the ones what it adds was found against."""
        return any(cluster.cosine(candidates.kept, vector) >= running.REPEATS
                   for vector in self._vectors(db, {root: ids})[root])

    def _running(self, db: Database, prepared: Prepared, candidates: Candidates) -> int | None:
        """The running story whose latest articles, over all its events and seen within
        ``running.QUIET_HOURS``, are alike enough by the running-story likeness
        (``bot.stories.running``). None with running stories (no events) or when none is."""
        weights = candidates.rarity
        if not weights:
            return None
        since = (utc_time(prepared.seen_at) - timedelta(hours=running.QUIET_HOURS)
                 ).isoformat(timespec="seconds")
        shared = store.leading_candidates(db, [(key, weights[key]) for key in
                                               cluster.index_keys(weights)], since=since,
                                          limit=running.EVENTS, min_shared=2)
        if not shared:
            return None
        roots = running.shortlist(shared, store.running_roots(db, list(shared)), weights)
        latest = store.running_latest(db, roots)
        keys = store.running_keys(db, [a for ids in latest.values() for a in ids])
        return running.running_story(weights, {root: [keys[a] for a in ids if a in keys]
                                               for root, ids in latest.items()})

    def _came_back(self, db: Database, prepared: Prepared, candidates: Candidates
                   ) -> int | None:
        """The running story (root) of the earlier story this one would have joined had that
        one not gone quiet or aged, read ``running.BACK_DAYS`` back, when one of its latest
        articles is ``running.BACK_SIMILARITY`` alike (cosine) to this one."""
        since = (utc_time(prepared.seen_at) - timedelta(days=running.BACK_DAYS)
                 ).isoformat(timespec="seconds")
        weights = candidates.weights
        min_shared = self.events.min_shared if self.events else 2
        shared = store.leading_candidates(db, [(key, weights[key]) for key in
                                               candidates.index_keys], since=since,
                                          limit=cluster.MAX_CANDIDATES, min_shared=min_shared)
        latest, _ = self._latest(db, cluster.shortlist(shared, weights, min_shared=min_shared))
        vectors = self._vectors(db, latest)
        names = self._headline_names(latest)
        stories = {story_id: cluster.Story(vectors[story_id], names[story_id])
                   for story_id in latest if vectors[story_id]}
        found = cluster.choose(weights, stories, threshold=self.threshold, events=self.events,
                               names=cluster.headline_names(prepared.features.title_keys),
                               kept=candidates.kept).story_id
        if found is None or not running.came_back(candidates.kept, vectors[found]):
            return None
        return store.running_roots(db, [found]).get(found, found)

    def _split(self, db: Database, article_id: int) -> tuple[StoryMove, MatchText]:
        """The weak joiner leaves its story for a new one (the split path: what `wirewatch
        stories split` does), with the topics its own words match; and those words (none
        when they were not kept) with its source."""
        moved = split_article(db, article_id)
        words = store.article_words(db, article_id)
        source, url = store.article_source(db, article_id)
        text = with_sources(decode(words) if words else MatchText((), (), ()), source, url)
        if words:
            self._link_topics(db, moved.new_story, text, article_id)
        return moved, text

    def _vectors(self, db: Database, latest: dict[int, list[int]]
                 ) -> dict[int, list[dict[str, float]]]:
        """The candidate stories' latest article vectors; an article's never change, so the
        decoded ones are kept (bounded, with its headline names) and only new ones are read.
        An article this stage stored is kept as it was written, never read back (``store``)."""
        fill_cache(self._compared, [a for ids in latest.values() for a in ids], VECTOR_CACHE,
                   lambda missing: _compared_of(db, missing))
        return {story_id: [self._compared[a].vector for a in ids if a in self._compared]
                for story_id, ids in latest.items()}

    def _headline_names(self, latest: dict[int, list[int]]) -> dict[int, frozenset[str]]:
        """The names the headlines of each story's latest articles give (read with vectors)."""
        return self._gathered(latest, lambda compared: compared.names)

    def _event_days(self, latest: dict[int, list[int]]) -> dict[int, frozenset[date]]:
        """The days each story's latest articles' leads tell of (read with vectors)."""
        return self._gathered(latest, lambda compared: compared.days)

    def _gathered(self, latest: dict[int, list[int]], part: Callable[[Compared], frozenset[T]]
                  ) -> dict[int, frozenset[T]]:
        """One part of each story's latest articles as compared, all of them together."""
        return {story_id: frozenset().union(*(part(self._compared[a]) for a in ids
                                              if a in self._compared))
                for story_id, ids in latest.items()}

    def _sentences(self, db: Database, story_id: int) -> novelty.Earlier:
        """Every sentence of the story's latest articles, indexed for what's new; the index of
        the stories last seen is kept and brought up to date, article by article. It holds the
        decoded sentences of the articles it indexes, so only the articles new to it are read:
        an article that has left its story's latest ones is never needed again, and no other
        copy of any article's sentences is kept."""
        ids = store.latest_articles(db, [story_id], per_story=NOVELTY_ARTICLES)[story_id]
        earlier = self._earlier.pop(story_id, None) or novelty.Earlier()
        self._earlier[story_id] = earlier
        held = earlier.held()
        missing = [a for a in ids if a not in held]
        stored = _with_days(db, store.article_sentences(db, missing), self._desk) \
            if missing else {}
        loaded = {a: novelty.stored(rows) for a, rows in stored.items()}
        before = earlier.size()
        earlier.update([(a, held[a] if a in held else loaded.get(a, NO_SENTENCES)) for a in ids])
        self._earlier_held += earlier.size() - before
        self._bound_earlier()
        return earlier

    def _bound_earlier(self) -> None:
        """Forget the indexes of the stories seen longest ago, beyond EARLIER_STORIES stories or
        ``earlier_sentences`` sentences in all; a story that comes back is read again. The total
        is kept as indexes change, not summed over every index for each candidate."""
        while len(self._earlier) > 1 and (len(self._earlier) > EARLIER_STORIES
                                          or self._earlier_held > self.earlier_sentences):
            self._earlier_held -= self._earlier.pop(next(iter(self._earlier))).size()

    def _link_topics(self, db: Database, story_id: int, text: MatchText,
                     article_id: int) -> tuple[list[int], str | None]:
        """Link the story to the topics this article matches; the story's topics that alert
        for it: those, and those the story already matched (updates alert) unless their
        exclusions (NOT, ``source:``) leave this article out; and why, when all left it out."""
        matched = set(store.story_topic_ids(db, story_id))
        matcher = Matcher(text)
        topics = self._topics(db)
        for topic_id, node in topics:
            if topic_id in matched or isinstance(node, Skipped):
                continue
            result = matcher.evaluate(node)
            if result.matched:
                store.link_topic(db, story_id=story_id, topic_id=topic_id,
                                 article_id=article_id,
                                 reasons=result.reasons, now=now_iso())
                matched.add(topic_id)
        alerting, whys = self._alerting(topics, matched, matcher, article_id)
        return alerting, "; ".join(whys) if matched and not alerting else None

    def _topics(self, db: Database) -> list[tuple[int, Node | Skipped]]:
        """Every topic's id and parsed query (or why it matches nothing: ``StoredQueries``),
        oldest first."""
        found = topic_store.list_queries(db)
        self._names = {topic.id: topic.name for topic in found}
        return [(topic.id, self._queries.node(topic.name, topic.query)) for topic in found]

    def _alerting(self, topics: list[tuple[int, Node | Skipped]], linked: set[int],
                  matcher: Matcher, article_id: int) -> tuple[list[int], list[str]]:
        """The linked topics but those whose query's exclusions (NOT terms, ``source:`` terms)
        leave the article out, each said in the log, or whose query matches nothing (said once a
        run, by ``StoredQueries``); and why those leave it out."""
        alerting, whys = [], []
        for topic_id, node in topics:
            if topic_id not in linked:
                continue
            why = excluded(matcher, node)
            if why is None:
                alerting.append(topic_id)
                continue
            name = self._names.get(topic_id, str(topic_id))
            if not isinstance(node, Skipped):
                log.info("article %d does not alert topic '%s': its query leaves it out (%s)",
                         article_id, name, why)
            whys.append(f"{name}: {why}")
        return sorted(alerting), whys


def _member(article_id: int, vector: dict[str, float], joined: Joined,
            seen_at: datetime) -> Member:
    score, placed, later = joined
    return Member(article_id, vector, score,
                  (seen_at - utc_time(placed)).total_seconds() / 3600, later)


def _compared_of(db: Database, article_ids: list[int]) -> dict[int, Compared]:
    """The stored keys and headline names of these articles, one read of each row for both."""
    return {a: Compared(vector, frozenset(names), frozenset(map(date.fromisoformat, days)))
            for a, (vector, names, days) in store.article_keys(db, article_ids).items()}


def fill_cache(cache: dict[int, T], wanted: list[int], limit: int,
               load: Callable[[list[int]], Mapping[int, T]]) -> None:
    """Load the wanted articles the cache lacks; when that would pass ``limit``, start afresh
    with all the wanted ones, so none of them is lost to the clearing."""
    missing = [a for a in wanted if a not in cache]
    if not missing:
        return
    if len(cache) + len(missing) > limit:
        cache.clear()
        missing = list(dict.fromkeys(wanted))
    cache.update(load(missing))
