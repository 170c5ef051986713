"""Deciding new, duplicate or update, and which sentences of an update are actually new."""

from __future__ import annotations

import os
from dataclasses import dataclass

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


def stored(sentences: list[list]) -> list[StoredSentence]:
    """Sentences as the story tables keep them: [lemmas, facts, quote]."""
    return [StoredSentence(frozenset(s[0]), frozenset(s[1]), bool(s[2])) for s in sentences]


def whats_new(
    sentences: list[SentenceFeatures], earlier: list[StoredSentence], weights: dict[str, float],
) -> list[str]:
    """Sentences that bring facts, quotes or claims no earlier sentence of the story had."""
    story_facts = frozenset().union(*(s.facts for s in earlier)) if earlier else frozenset()
    story_lemmas = frozenset().union(*(s.lemmas for s in earlier)) if earlier else frozenset()
    story_words = story_lemmas | {w for f in story_facts for w in f[2:].split()}
    postings = _postings(earlier)
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
        best = _best_cover(sentence, postings, weights)
        if _is_new(sentence, previous, best, story_facts, story_words, weights):
            found.append(sentence.text)
            previous = sentence
        else:
            previous = None
    return found


def _is_new(
    sentence: SentenceFeatures, previous: SentenceFeatures | None, best: float,
    story_facts: frozenset[str], story_words: frozenset[str], weights: dict[str, float],
) -> bool:
    """New facts, a new quote, a new claim, or more of the new development just before it."""
    total = sum(_w(weights, "l:" + lemma) for lemma in sentence.lemmas) or 1e-9
    novel_facts = {f for f in sentence.facts - story_facts if f.startswith(NOVEL_FACT_PREFIXES)
                   and (f[0] == "n" or not all(known(w, story_words) for w in f[2:].split()))}
    if any(f[0] == "n" for f in novel_facts) and best < NUMBER_COVERED:
        return True
    if any(f[0] != "n" for f in novel_facts) and best < NAME_COVERED:
        return True
    if sentence.quote and best < QUOTE_COVERED:
        return True
    if previous is not None and best < CONTINUATION_COVERED and (
            sentence.continues or _same_person(previous, sentence)):
        return True
    if sentence.hedged:
        return False
    novel = [lemma for lemma in sentence.lemmas if lemma not in story_words]
    union = 1 - sum(_w(weights, "l:" + lemma) for lemma in novel) / total
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


def _postings(earlier: list[StoredSentence]) -> dict[str, list[int]]:
    """Lemma -> the distinct earlier sentences using it (copies in a story count once)."""
    distinct = {s.lemmas for s in earlier if s.lemmas}
    postings: dict[str, list[int]] = {}
    for index, lemmas in enumerate(distinct):
        for lemma in lemmas:
            postings.setdefault(lemma, []).append(index)
    return postings


def _best_cover(
    sentence: SentenceFeatures, postings: dict[str, list[int]], weights: dict[str, float]
) -> float:
    """The largest weighted share of the sentence's lemmas found in one earlier sentence."""
    covered: dict[int, float] = {}
    total = 0.0
    for lemma in sentence.lemmas:
        weight = _w(weights, "l:" + lemma)
        total += weight
        for index in postings.get(lemma, ()):
            covered[index] = covered.get(index, 0.0) + weight
    return max(covered.values(), default=0.0) / total if total else 0.0


def _w(weights: dict[str, float], key: str) -> float:
    return weights.get(key, 1.0)
