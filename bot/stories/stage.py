"""The story stage of the pipeline: every article joins a story and gets a verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.config import Settings
from bot.models import ParsedArticle, Verdict
from bot.nlp.summary import ExtractiveSummariser, Summariser, summariser_from
from bot.stories import cluster, novelty
from bot.stories.features import ArticleFeatures, extract
from bot.stories.figures import encode
from bot.stories.query import Node, TopicQueryError, parse_query
from bot.stories.topics import Matcher
from storage import stories as store
from storage.articles import now_iso

FUTURE_SLACK = timedelta(days=1)
VECTOR_CACHE = 20_000
SENTENCE_CACHE = 5_000
NOVELTY_ARTICLES = 30


@dataclass
class Assignment:
    """What the stage worked out for one article, kept for topic matching."""

    features: ArticleFeatures
    verdict: Verdict


def iso_time(value: str | None, *, default: datetime) -> str:
    """The article's time as sortable UTC ISO text: its own unless missing, unreadable or future."""
    when = default
    if value:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            when = default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when > default + FUTURE_SLACK:
        when = default
    return when.astimezone(UTC).isoformat(timespec="seconds")


def stored_sentences(features: ArticleFeatures) -> list[list]:
    """What the story tables keep of each sentence: lemmas, facts, whether it quotes, figures."""
    return [[sorted(s.lemmas), sorted(s.facts), int(s.quote), sorted(encode(s.figures))]
            for s in features.sentences]


class StoryStage:
    """Clusters articles into stories over an index of recent stories, and matches topics."""

    def __init__(self, *, quiet_hours: float = 72.0, summariser: Summariser | None = None,
                 threshold: float = cluster.JOIN_THRESHOLD) -> None:
        self.quiet = timedelta(hours=quiet_hours)
        self.summariser = summariser or ExtractiveSummariser()
        self.threshold = threshold
        self._last: dict[int, Assignment] = {}
        self._queries: dict[str, Node | None] = {}
        self._vector_cache: dict[int, dict] = {}
        self._sentence_cache: dict[int, list[novelty.StoredSentence]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryStage:
        return cls(quiet_hours=settings.story_quiet_hours, summariser=summariser_from(settings))

    def assign(self, db: Database, parsed: ParsedArticle, article_id: int) -> Verdict:
        """Put the article in a story (an existing one, or a new one) and say what it adds."""
        now = now_iso()
        seen_at = iso_time(parsed.article.published, default=datetime.now(UTC))
        since = (datetime.fromisoformat(seen_at) - self.quiet).isoformat(timespec="seconds")
        features = extract(parsed)
        counts, total = store.key_counts(db, features.keys)
        weights = cluster.weigh(features.keys, counts, total)
        keys = cluster.index_keys(weights)
        shared = store.candidate_stories(db, keys, since=since)
        candidates = self._vectors(db, cluster.shortlist(shared, weights))
        choice = cluster.choose(weights, candidates, threshold=self.threshold)
        if choice.story_id is None:
            summary = self.summariser.summarise(
                title=features.title, sentences=[s.text for s in features.sentences])
            story_id = store.create_story(db, title=features.title, summary=summary,
                                          seen_at=seen_at, now=now)
            verdict = Verdict(story_id=story_id, kind="new", summary=tuple(summary))
        else:
            story_id = choice.story_id
            earlier = self._sentences(db, story_id)
            fresh = novelty.whats_new(features.sentences, earlier, weights)
            verdict = Verdict(story_id=story_id, kind="update" if fresh else "duplicate",
                              whats_new=tuple(fresh))
        store.add_to_story(db, story_id=story_id, article_id=article_id, verdict=verdict.kind,
                           whats_new=list(verdict.whats_new),
                           data={"k": cluster.compact(weights), "x": keys},
                           sentences=stored_sentences(features), index_keys=keys,
                           seen_at=seen_at, now=now)
        store.count_keys(db, features.keys)
        self._last = {article_id: Assignment(features, verdict)}
        return verdict

    def _vectors(self, db: Database, story_ids: list[int]) -> dict[int, list[dict]]:
        """The candidate stories' latest article vectors; an article's never change, so the
        decoded ones are kept (bounded) and only new ones are read."""
        latest = store.latest_articles(db, story_ids)
        missing = [a for ids in latest.values() for a in ids if a not in self._vector_cache]
        if missing:
            if len(self._vector_cache) + len(missing) > VECTOR_CACHE:
                self._vector_cache.clear()
            self._vector_cache.update(
                (a, {"k": k}) for a, k in store.article_vectors(db, missing).items())
        return {story_id: [self._vector_cache[a] for a in ids if a in self._vector_cache]
                for story_id, ids in latest.items()}

    def _sentences(self, db: Database, story_id: int) -> list[novelty.StoredSentence]:
        """Every sentence of the story's latest articles (decoded ones kept, like vectors)."""
        ids = store.latest_articles(db, [story_id], per_story=NOVELTY_ARTICLES)[story_id]
        missing = [a for a in ids if a not in self._sentence_cache]
        if missing:
            if len(self._sentence_cache) + len(missing) > SENTENCE_CACHE:
                self._sentence_cache.clear()
            for article_id, rows in store.article_sentences(db, missing).items():
                self._sentence_cache[article_id] = novelty.stored(rows)
        return [s for a in ids for s in self._sentence_cache.get(a, ())]

    def match_topics(self, db: Database, verdict: Verdict, parsed: ParsedArticle) -> list[int]:
        """Topics this article matches, plus those its story already matched (updates alert)."""
        assignment = next((a for a in self._last.values() if a.verdict is verdict), None)
        features = assignment.features if assignment else extract(parsed)
        article_id = next((k for k, a in self._last.items() if a.verdict is verdict), None)
        matched = set(store.story_topic_ids(db, verdict.story_id))
        matcher: Matcher | None = None
        for topic in db.query("SELECT id, query FROM topics ORDER BY id"):
            node = self._query(topic["query"])
            if topic["id"] in matched or node is None:
                continue
            matcher = matcher or Matcher(features)
            result = matcher.evaluate(node)
            if result and result.matched:
                store.link_topic(db, story_id=verdict.story_id, topic_id=topic["id"],
                                 article_id=article_id,
                                 reasons=[r.as_dict() for r in result.reasons], now=now_iso())
                matched.add(topic["id"])
        return sorted(matched)

    def _query(self, text: str) -> Node | None:
        """Parsed queries are cached; one stored before validation existed is skipped."""
        if text not in self._queries:
            try:
                self._queries[text] = parse_query(text)
            except TopicQueryError:
                self._queries[text] = None
        return self._queries[text]
