"""Choosing the story an article belongs to, from the candidates the index found."""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

KIND_WEIGHT = {"e": 1.5, "g": 1.0, "n": 0.8, "d": 0.8, "l": 1.0}
INDEX_KEYS = 40
INDEX_FACTS = 20
MIN_INDEX_IDF = 2.5
VECTOR_KEYS = 64
MAX_CANDIDATES = 4
JOIN_THRESHOLD = 0.20
FACT_KINDS = ("e", "n", "d")
SMOOTHING = 20
COMMON_NUMBER = 0.4
YOUNG_ARCHIVE = 40
"""Under this many stored articles rarity cannot tell a common word from a rare one (every key
weighs between log 21/2 and log 60), so a join needs shared evidence (``evidence``)."""
YEAR = re.compile(r"^n:(19|20)\d\d$")


EVENT_HALF_LIFE_HOURS = 18.0
EVENT_QUIET_HOURS = 36.0


@dataclass(frozen=True)
class Events:
    """Event granularity (the default): one story per event, as a desk reading roundups wants
    it, rather than one per running story (a half-life of 0 turns it off).

    The article is compared with the story's latest articles on words weighted by rarity, how
    often the article uses them (1 + log of the sentences they are in), and where: the headline
    ``title_weight`` times, the first ``lead_sentences`` fully, the rest ``late_weight`` (scraped
    pages end in background and furniture). The likeness is the cosine with the story's
    centroid, times how much of either side the other covers (so a snippet of a long report
    still counts), weighed ``coverage_weight`` to 1 - ``coverage_weight`` geometrically. It
    halves every ``half_life_hours`` since the story's first article (attention moves on; a
    running issue gets a new story every few days), and is multiplied by ``conflict_penalty``
    when each headline names someone or somewhere the other side never mentions (two strikes
    at two ports, two fires in two countries). A near copy of one of its latest articles
    (cosine at least ``copy_similarity``) joins it whatever its age: a rewrite is not news.
    A story sharing ``min_shared`` of the article's index keys is scored (one is enough: a
    three-line snippet of a long report may share only the name in its headline).

    A join scoring under ``weak_join`` is a guess a later article may correct: when an article
    within ``weak_hours`` of it is at least ``pair_similarity`` alike to it (cosine) and no
    more than ``pair_ratio`` times that alike to the story's other latest articles, the weak
    joiner was the first report of another event, and the two make a story of their own.
    A join that weak whose words alone (its names and numbers left out) are less than
    ``word_floor`` alike to the story's is no join: the same people or town in another event.
    """

    half_life_hours: float = EVENT_HALF_LIFE_HOURS
    threshold: float = 0.05
    title_weight: float = 3.0
    lead_sentences: int = 5
    late_weight: float = 0.5
    coverage_weight: float = 0.5
    conflict_penalty: float = 0.5
    copy_similarity: float = 0.8
    min_shared: int = 1
    weak_join: float = 0.08
    weak_hours: float = 12.0
    pair_similarity: float = 0.35
    pair_ratio: float = 0.4
    word_floor: float = 0.03

    def place(self, sentence: int) -> float:
        if sentence < 0:
            return self.title_weight
        return 1.0 if sentence < self.lead_sentences else self.late_weight

    def decay(self, hours: float) -> float:
        return 0.5 ** (max(hours, 0.0) / self.half_life_hours)


@dataclass(frozen=True)
class Shape:
    """What event scoring reads of a story's latest vectors alone, whatever the article: each
    one's squared length and weight total, their centroid (each of unit length, summed) and
    its squared length, and every key they hold. Articles' vectors never change, so the stage
    keeps a story's shape for as long as its latest articles stay the same."""

    squares: tuple[float, ...]
    totals: tuple[float, ...]
    centroid: dict[str, float]
    centroid_square: float
    keys: frozenset[str]

    @classmethod
    def of(cls, vectors: list[dict[str, float]]) -> Shape:
        """The same operations in the same order as scoring once ran inline: a kept shape
        scores to the same bits as one worked out per article."""
        squares = tuple(_square(v) for v in vectors)
        total: dict[str, float] = {}
        get = total.get
        for vector, square in zip(vectors, squares, strict=True):
            length = math.sqrt(square) or 1.0
            for key, weight in vector.items():
                total[key] = get(key, 0.0) + weight / length
        return cls(squares, tuple(math.fsum(v.values()) or 1.0 for v in vectors), total,
                   _square(total), frozenset().union(*vectors))


@dataclass(frozen=True)
class Story:
    """What the decision sees of a candidate story: its latest articles' weighted keys, the
    names their headlines give, and hours since its first article; ``shape``, when the caller
    kept it, is ``Shape.of(vectors)``."""

    vectors: list[dict[str, float]]
    headline_names: frozenset[str] = frozenset()
    age_hours: float = 0.0
    shape: Shape | None = None

    def shaped(self) -> Shape:
        """The shape the caller kept, else worked out now (a bench or test that keeps none)."""
        return self.shape or Shape.of(self.vectors)


@dataclass(frozen=True)
class Choice:
    """The story chosen (None: start a new one) and how alike the best candidate was;
    ``scores``: every scored candidate's likeness (what a tie of two stories reads)."""

    story_id: int | None
    score: float
    scores: Mapping[int, float] = field(default_factory=dict)


def weigh(keys: set[str], counts: dict[str, int], total: int) -> dict[str, float]:
    """Rarer keys weigh more (inverse document frequency); entities more than words."""
    weights = {}
    idfs: dict[int, float] = {}
    for key in keys:
        count = counts.get(key, 0)
        idf = idfs.get(count)
        if idf is None:
            idf = idfs[count] = max(math.log((total + SMOOTHING) / (count + 1)), 0.1)
        weights[key] = round(idf * _kind_weight(key), 3)
    return weights


@dataclass(frozen=True)
class Evidence:
    """What a story must share with the article for a join in a young archive (see
    ``YOUNG_ARCHIVE``): one of its names or figures (not a small number or a year), or a word of
    its headline at least half of whose stored holders are that story's latest articles
    (``headline_words``: how many stored articles hold each)."""

    facts: frozenset[str]
    headline_words: dict[str, int]

    @classmethod
    def of(cls, keys: set[str], title_keys: set[str], counts: dict[str, int]) -> Evidence:
        return cls(frozenset(key for key in keys if key[:2] == "e:" or (
                       key[:2] == "n:" and _kind_weight(key) == KIND_WEIGHT["n"])),
                   {key: counts.get(key, 0) for key in title_keys if key[:2] == "l:"})

    def shared_by(self, story: Story) -> bool:
        keys = story.shaped().keys
        if keys & self.facts:
            return True
        return any(2 * sum(word in vector for vector in story.vectors) >= count
                   for word, count in self.headline_words.items() if word in keys)


def weigh_event(
    keys: set[str], counts: dict[str, int], total: int, *, events: Events,
    first: dict[str, int], tf: dict[str, int],
) -> dict[str, float]:
    """As ``weigh``, times where the key first appears and how often (see ``Events``)."""
    return placed(weigh(keys, counts, total), events=events, first=first, tf=tf)


def placed(weights: dict[str, float], *, events: Events, first: dict[str, int],
          tf: dict[str, int]) -> dict[str, float]:
    """``weigh``'s weights times where each key first appears and how often."""
    return {key: round(weight * events.place(first.get(key, 0))
                       * (1 + math.log(max(tf.get(key, 1), 1))), 3)
            for key, weight in weights.items()}


@lru_cache(maxsize=65536)
def _kind_weight(key: str) -> float:
    """Small numbers and years say little about which story an article belongs to."""
    if key[:1] == "n" and (len(key) <= 3 or YEAR.match(key)):
        return KIND_WEIGHT["n"] * COMMON_NUMBER
    return KIND_WEIGHT.get(key[:1], 1.0)


def index_keys(weights: dict[str, float], *, limit: int = INDEX_KEYS) -> list[str]:
    """The article's most distinctive names and words: what the candidate index asks and keeps.

    Names and numbers get up to half the places, since a follow-up written afresh shares its
    story's people, organisations and places more than its wording.
    """
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    facts = [key for key, weight in ranked if key[:1] in FACT_KINDS
             and weight >= MIN_INDEX_IDF * _kind_weight(key)][:INDEX_FACTS]
    chosen = set(facts)
    words = [key for key, _ in ranked if key not in chosen][:limit - len(facts)]
    return facts + words


def compact(weights: dict[str, float], *, limit: int = VECTOR_KEYS) -> dict[str, float]:
    """Its names and numbers and heaviest words: what is kept to compare later articles with."""
    facts = facts_only(weights)
    words = sorted(((k, w) for k, w in weights.items() if k not in facts),
                   key=lambda kv: (-kv[1], kv[0]))
    return {**facts, **dict(words[:max(limit - len(facts), limit // 2)])}


def shortlist(
    shared: dict[int, list[str]], weights: dict[str, float], *, limit: int = MAX_CANDIDATES,
    min_shared: int = 2,
) -> list[int]:
    """The candidate stories sharing the most distinctive weight with the article, among those
    sharing at least ``min_shared`` of its index keys."""
    get = weights.get
    scored = [(get(keys[0], 0.0) if len(keys) == 1 else math.fsum([get(k, 0.0) for k in keys]),
               story_id)
              for story_id, keys in shared.items() if len(keys) >= min_shared]
    return [story_id for _, story_id in heapq.nlargest(limit, scored)]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = math.fsum(w * b[k] for k, w in a.items() if k in b)
    if not dot:
        return 0.0
    norm = math.sqrt(_square(a) * _square(b))
    return dot / norm if norm else 0.0


def _square(vector: dict[str, float]) -> float:
    return math.fsum([w * w for w in vector.values()])


def facts_only(weights: dict[str, float]) -> dict[str, float]:
    return {k: w for k, w in weights.items() if k[:1] in FACT_KINDS}


def centroid_similarity(weights: dict[str, float], articles: list[dict]) -> float:
    """Cosine of the article with the story's centroid (its articles' vectors, each of unit
    length, summed), so every article counts once whatever its length."""
    if not articles:
        return 0.0
    return cosine(weights, centroid([article["k"] for article in articles]))


def centroid(vectors: list[dict[str, float]]) -> dict[str, float]:
    """The vectors, each of unit length, summed: every article counts once."""
    total: dict[str, float] = {}
    for vector in vectors:
        length = math.sqrt(_square(vector)) or 1.0
        for key, weight in vector.items():
            total[key] = total.get(key, 0.0) + weight / length
    return total


def story_similarity(weights: dict[str, float], articles: list[dict]) -> float:
    """How alike the article is to a story: all its words, averaged with its names and numbers.

    Words compare the article with the story's closest article or with the story as a whole;
    names and numbers (people, organisations, places, figures) with the story as a whole, which
    is what ties a follow-up written afresh to the story it follows.
    """
    if not articles:
        return 0.0
    merged: dict[str, float] = {}
    for article in articles:
        for key, weight in article["k"].items():
            merged[key] = max(merged.get(key, 0.0), weight)
    words = max(max(cosine(weights, a["k"]) for a in articles), cosine(weights, merged))
    facts = facts_only(weights)
    if not facts:
        return words
    return (words + cosine(facts, facts_only(merged))) / 2


@dataclass(frozen=True)
class Probe:
    """What event scoring needs of the article, worked out once for all its candidates."""

    weights: dict[str, float]
    square: float
    kept: dict[str, float]
    kept_total: float

    @classmethod
    def of(cls, weights: dict[str, float], kept: dict[str, float] | None = None) -> Probe:
        """``kept``: ``compact(weights)``, when already worked out."""
        kept = compact(weights) if kept is None else kept
        return cls(weights, _square(weights), kept, math.fsum(kept.values()))


def _cosine_known(a: dict[str, float], square_a: float, b: dict[str, float],
                  square_b: float) -> float:
    """``cosine`` with both squared lengths already known. The shared keys are found by a set
    intersection; ``math.fsum`` is exact, so the order of the terms cannot change a bit."""
    dot = math.fsum([a[k] * b[k] for k in a.keys() & b.keys()])
    if not dot:
        return 0.0
    norm = math.sqrt(square_a * square_b)
    return dot / norm if norm else 0.0


def coverage(weights: dict[str, float], vectors: list[dict[str, float]], *,
             probe: Probe | None = None, shape: Shape | None = None) -> float:
    """How much of the article the story's keys cover, or of the story the article's keys
    cover (each story article counted once whatever its length), whichever is more."""
    if not vectors:
        return 0.0
    probe = probe or Probe.of(weights)
    shape = shape or Shape.of(vectors)
    story_keys = shape.keys
    covered = math.fsum([probe.kept[k] for k in probe.kept.keys() & story_keys])
    theirs = math.fsum([math.fsum([vector[k] for k in vector.keys() & weights.keys()]) / total
                        for vector, total in zip(vectors, shape.totals, strict=True)])
    return max(covered / (probe.kept_total or 1.0), theirs / len(vectors))


def headlines_conflict(weights: dict[str, float], names: frozenset[str], story: Story) -> bool:
    """Each headline names someone or somewhere the other side never mentions."""
    keys = story.shape.keys if story.shape is not None else set().union(*story.vectors)
    return _conflict(weights, names, keys, story.headline_names)


def _conflict(weights: dict[str, float], names: frozenset[str], story_keys: AbstractSet[str],
              story_names: frozenset[str]) -> bool:
    """``headlines_conflict`` on the story's keys already gathered (a kept shape's), so
    event scoring does not gather them again for every article."""
    return bool(names - story_keys) and bool(story_names - weights.keys())


def event_similarity(weights: dict[str, float], names: frozenset[str], story: Story, *,
                     events: Events, probe: Probe | None = None) -> float:
    """The article's likeness to a story at event granularity (see ``Events``)."""
    if not story.vectors:
        return 0.0
    probe = probe or Probe.of(weights)
    shape = story.shaped()
    centroid = _cosine_known(weights, probe.square, shape.centroid, shape.centroid_square)
    if not centroid:
        return 0.0
    share = events.coverage_weight
    score = (centroid ** (1 - share)
             * coverage(weights, story.vectors, probe=probe, shape=shape) ** share)
    score *= events.decay(story.age_hours)
    if _conflict(weights, names, shape.keys, story.headline_names):
        score *= events.conflict_penalty
    closest = max(_cosine_known(weights, probe.square, v, square)
                  for v, square in zip(story.vectors, shape.squares, strict=True))
    if closest >= events.copy_similarity:
        score = max(score, events.threshold)
    if score < events.weak_join and _words_only(weights, shape) < events.word_floor:
        return 0.0
    return score


def _words_only(weights: dict[str, float], shape: Shape) -> float:
    """The cosine of the article's words with the story's centroid's, names and numbers
    left out: what tells a weak join of one event from another event of the same people."""
    return cosine({k: w for k, w in weights.items() if k[:2] == "l:"},
                  {k: w for k, w in shape.centroid.items() if k[:2] == "l:"})


def headline_names(title_keys: set[str]) -> frozenset[str]:
    """The people, organisations and places a headline names (nationalities aside)."""
    return frozenset(k for k in title_keys if k[:2] == "e:")


def choose(
    weights: dict[str, float], stories: dict[int, Story], *,
    threshold: float = JOIN_THRESHOLD, events: Events | None = None,
    names: frozenset[str] = frozenset(), kept: dict[str, float] | None = None,
) -> Choice:
    """The most alike story scoring at least the threshold: by ``story_similarity`` for running
    stories, by ``event_similarity`` with ``events``."""
    best = Choice(None, 0.0)
    scores: dict[int, float] = {}
    probe = Probe.of(weights, kept) if events is not None and stories else None
    for story_id, story in stories.items():
        if events is None:
            score = story_similarity(weights, [{"k": v} for v in story.vectors])
        else:
            score = event_similarity(weights, names, story, events=events, probe=probe)
        scores[story_id] = score
        if score > best.score:
            best = Choice(story_id, score)
    if events is not None:
        threshold = events.threshold
    return Choice(best.story_id if best.score >= threshold else None, best.score, scores)
