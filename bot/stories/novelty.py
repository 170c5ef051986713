"""Deciding new, duplicate or update, and which sentences of an update are actually new."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from bot.models import SentenceContent
from bot.stories import figures
from bot.stories.features import SentenceFeatures

MIN_CONTENT = 3
NUMBER_COVERED = 0.9
NAME_COVERED = 0.5
QUOTE_COVERED = 0.5
CLAIM_UNION = 0.15
CLAIM_BEST = 0.15
CLAIM_NOVEL_WORDS = 5
CONTINUATION_COVERED = 0.5
NOVEL_FACT_PREFIXES = ("e:", "n:", "d:")


@dataclass(frozen=True)
class StoredSentence:
    lemmas: frozenset[str]
    facts: frozenset[str]
    quote: bool
    figures: frozenset[Decimal] = frozenset()


class _Story(NamedTuple):
    """What the story's earlier sentences said, taken together."""

    facts: frozenset[str]
    words: frozenset[str]
    figures: frozenset[Decimal]


class _Index(NamedTuple):
    """The story's distinct earlier sentences: lemma -> sentences, and each one's figures."""

    postings: dict[str, list[int]]
    figures: list[list[frozenset[Decimal]]]


def stored(sentences: list[SentenceContent]) -> list[StoredSentence]:
    """Sentences as the story tables keep them; rows written before figures were kept use
    their numbers."""
    return [StoredSentence(frozenset(s.lemmas), frozenset(s.facts), s.quote, frozenset(
        figures.decode(s.figures if s.figures is not None
                       else (f[2:] for f in s.facts if f[:2] == "n:"))))
        for s in sentences]


def whats_new(
    sentences: list[SentenceFeatures], earlier: list[StoredSentence], weights: dict[str, float],
) -> list[str]:
    """Sentences that bring facts, quotes or claims no earlier sentence of the story had."""
    story = _story(earlier)
    index = _index(earlier)
    found: list[str] = []
    seen: set[frozenset[str]] = set()
    previous: SentenceFeatures | None = None
    for sentence in sentences:
        if len(sentence.lemmas) + len(sentence.facts) < MIN_CONTENT:
            continue
        content = sentence.lemmas | sentence.facts
        if content in seen:
            continue
        seen.add(content)
        best, covers = _best_cover(sentence, index, weights)
        if _is_new(sentence, previous, best, story, weights) or (
                best >= NUMBER_COVERED and _changed_figure(sentence, covers, index)):
            found.append(sentence.text)
            previous = sentence
        else:
            previous = None
    return found


def _is_new(
    sentence: SentenceFeatures, previous: SentenceFeatures | None, best: float, story: _Story,
    weights: dict[str, float],
) -> bool:
    """New facts, a new quote, a new claim, or more of the new development just before it.

    A new figure counts unless the sentence restates an earlier one almost word for word; a
    new name, date, time or age only in a sentence that is mostly new (a rewrite reframes
    "on Tuesday" as "March 4" or "0830 GMT" as "9:30 a.m. local time")."""
    total = math.fsum(_w(weights, "l:" + lemma) for lemma in sentence.lemmas) or 1e-9
    novel_facts = {f for f in sentence.facts - story.facts if f.startswith(NOVEL_FACT_PREFIXES)
                   and (f[0] == "n" or not all(known(w, story.words) for w in f[2:].split()))}
    if best < NUMBER_COVERED and not all(figures.known(v, story.figures)
                                         for v in sentence.figures):
        return True
    if novel_facts and best < NAME_COVERED:
        return True
    if sentence.quote and best < QUOTE_COVERED:
        return True
    if previous is not None and best < CONTINUATION_COVERED and (
            sentence.continues or _same_person(previous, sentence)):
        return True
    if sentence.hedged:
        return False
    novel = [lemma for lemma in sentence.lemmas if lemma not in story.words]
    union = 1 - math.fsum(_w(weights, "l:" + lemma) for lemma in novel) / total
    return union < CLAIM_UNION and best < CLAIM_BEST and len(novel) >= CLAIM_NOVEL_WORDS


def known(word: str, story_words: frozenset[str]) -> bool:
    """A word the story has used, allowing other forms of a name (Moldova, Moldovans)."""
    if word in story_words:
        return True
    if len(word) < 5:
        return False
    for other in story_words:
        if other[:5] == word[:5]:
            common = len(os.path.commonprefix([word, other]))
            if common >= max(5, min(len(word), len(other)) - 3):
                return True
    return False


def _same_person(previous: SentenceFeatures, sentence: SentenceFeatures) -> bool:
    """Whether the sentence names someone the previous new sentence named."""
    mentioned = sentence.people | sentence.facts | {"e:" + lemma for lemma in sentence.lemmas}
    return bool(previous.people & mentioned)


def _story(earlier: list[StoredSentence]) -> _Story:
    facts = frozenset().union(*(s.facts for s in earlier))
    lemmas = frozenset().union(*(s.lemmas for s in earlier))
    return _Story(facts, lemmas | {w for f in facts for w in f[2:].split()},
                  frozenset().union(*(s.figures for s in earlier)))


def _changed_figure(sentence: SentenceFeatures, covers: list[int], index: _Index) -> bool:
    """A restatement of earlier sentences with a figure they did not have in place of one they
    had: the toll that rose, the rate that was cut again."""
    if not sentence.figures:
        return False
    earlier = [list(f) for i in covers for f in index.figures[i]]
    return figures.changed(list(sentence.figures), earlier)


def _index(earlier: list[StoredSentence]) -> _Index:
    """Lemma -> the distinct earlier sentences using it (copies in a story count once)."""
    distinct: dict[frozenset[str], set[frozenset[Decimal]]] = {}
    for s in earlier:
        if s.lemmas:
            distinct.setdefault(s.lemmas, set()).add(s.figures)
    postings: dict[str, list[int]] = {}
    for number, lemmas in enumerate(distinct):
        for lemma in lemmas:
            postings.setdefault(lemma, []).append(number)
    return _Index(postings, [list(f) for f in distinct.values()])


def _best_cover(
    sentence: SentenceFeatures, index: _Index, weights: dict[str, float]
) -> tuple[float, list[int]]:
    """The largest weighted share of the sentence's lemmas found in one earlier sentence, and
    the earlier sentences covering at least NUMBER_COVERED of it. Lemmas are summed in sorted
    order: a set's order follows the process's hash seed, and a float sum follows its order."""
    covered: dict[int, float] = {}
    total = 0.0
    for lemma in sorted(sentence.lemmas):
        weight = _w(weights, "l:" + lemma)
        total += weight
        for number in index.postings.get(lemma, ()):
            covered[number] = covered.get(number, 0.0) + weight
    if not total:
        return 0.0, []
    best = max(covered.values(), default=0.0) / total
    return best, [n for n, w in covered.items() if w / total >= NUMBER_COVERED]


def _w(weights: dict[str, float], key: str) -> float:
    return weights.get(key, 1.0)
