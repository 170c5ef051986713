"""What an article contributes to a story: content lemmas, entities, numbers, per sentence.

``bot.stories.reading`` makes them from spaCy's Doc; this module imports no spaCy, so a process
that only clusters and stores articles analysed elsewhere (worker processes) never loads it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from bot.models import ArticleParts

STOP_ENTITY_WORDS = {"the", "'s", "’s", "s"}
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
ALIASES = {("us",): ("united", "states"), ("uk",): ("united", "kingdom"),
           ("un",): ("united", "nations"), ("eu",): ("european", "union")}
WORDS = re.compile(r"\w+")
CACHED = 65536


class TokenView(NamedTuple):
    """One word of the article as topic matching sees it."""

    lower: str
    lemma: str
    sentence: int


class EntityView(NamedTuple):
    label: str
    words: tuple[str, ...]
    text: str
    sentence: int


@dataclass(frozen=True)
class SentenceFeatures:
    """A sentence's content: ``facts`` are entity and number keys, ``quote`` a direct quote,
    ``figures`` the counts, amounts and rates it states (not dates, times, ages or ordinals)."""

    text: str
    lemmas: frozenset[str]
    facts: frozenset[str]
    quote: bool
    people: frozenset[str] = frozenset()
    continues: bool = False
    hedged: bool = False
    figures: frozenset[Decimal] = frozenset()


@dataclass
class ArticleFeatures:
    """``keys`` are the body's; ``first`` says in which sentence each first appears, ``tf`` in
    how many; ``title_keys`` are what the headline names (used at event granularity)."""

    title: str
    title_words: tuple[str, ...]
    tokens: list[TokenView]
    entities: list[EntityView]
    sentences: list[SentenceFeatures]
    keys: set[str] = field(default_factory=set)
    first: dict[str, int] = field(default_factory=dict)
    tf: dict[str, int] = field(default_factory=dict)
    title_keys: set[str] = field(default_factory=set)


@lru_cache(maxsize=CACHED)
def entity_words(text: str) -> tuple[str, ...]:
    """An entity's words, lower case, without 'the', dots in initials, or possessive endings."""
    text = re.sub(r"['’]s\b", "", text.casefold()).replace(".", "")
    words = tuple(w for w in WORDS.findall(text) if w not in STOP_ENTITY_WORDS)
    return ALIASES.get(words, words)


def entity_key(label: str, text: str) -> str | None:
    """The key an entity is indexed under; a person is known by their surname."""
    words = entity_words(text)
    if not words:
        return None
    if label == "PERSON":
        return f"e:{words[-1]}"
    return "e:" + " ".join(words)


NUMBER_WORDS = {w: str(i) for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
                     "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
                     "dozen": "12"})


def number_keys(text: str) -> set[str]:
    """Numbers in a phrase, written as digits ("4,000" -> 4000, "two" -> 2)."""
    keys = {"n:" + d.replace(",", "") for d in DIGITS.findall(text)}
    if not keys:
        keys = {"n:" + NUMBER_WORDS[w] for w in WORDS.findall(text.casefold())
                if w in NUMBER_WORDS}
    return keys



def from_stored(*, title: str, body: str, parts: ArticleParts) -> ArticleFeatures:
    """Features for topic matching rebuilt from stored text, without spaCy (words, not lemmas):
    for articles stored before their words and lemmas were kept."""
    features = ArticleFeatures(title=title, title_words=tuple(
        w.casefold() for w in WORDS.findall(title)), tokens=[], entities=[], sentences=[])
    spans = [(s.start, s.end) for s in parts.sentences] or [(0, len(body))]
    starts = [start for start, _ in spans]
    for index, (start, end) in enumerate(spans):
        for word in WORDS.findall(body[start:end]):
            lower = word.casefold()
            features.tokens.append(TokenView(lower, lower, index))
    for entity in parts.entities:
        index = max(0, bisect_right(starts, entity.start) - 1)
        features.entities.append(EntityView(entity.label, entity_words(entity.text), entity.text,
                                            index))
    return features
