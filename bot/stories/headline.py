"""Whether an update's lead sentence tells the development its headline announces."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.stories.features import NAMED, ArticleFeatures, SentenceFeatures, entity_key
from bot.stories.topics import bases

SHARED_WORDS = 2
"""Headline words a lead must carry to tell the headline's news (one is often only the
story's topic, a place or a name)."""
MIN_LETTERS = 3
QUOTE_MARK = re.compile(r'["“”]')
"""Any double quotation mark, even round a single word a whole quote's pattern would not take:
the lead then gives someone's words."""


def content(features: ArticleFeatures) -> list[frozenset[str]]:
    """The headline's content words, each with the ``topics.bases`` it may stand for ("jobs"
    job, "cuts" cut) and, for a word of a name the article's body gives, that name's key
    ("Lukas" e:brandt: a person is known by the surname): headlines keep the plural and the
    present tense, and a first name is no word the story's words hold. Its stop words are the
    ones spaCy marked where it parsed it (``title_stops``): the storing process has no spaCy."""
    names = _name_keys(features)
    return [bases(w) | names.get(w, frozenset()) for w in features.title_words
            if len(w) >= MIN_LETTERS and w not in features.title_stops and not w.isdigit()]


def _name_keys(features: ArticleFeatures) -> dict[str, frozenset[str]]:
    """Each word of the body's names -> the keys of the names it is a word of."""
    found: dict[str, set[str]] = {}
    for entity in features.entities:
        if entity.label in NAMED and (key := entity_key(entity.label, entity.text)):
            key = "g" + key[1:] if entity.label == "NORP" else key
            for word in entity.words:
                found.setdefault(word, set()).add(key)
    return {word: frozenset(keys) for word, keys in found.items()}


def tells_headline(sentence: SentenceFeatures, words: Sequence[frozenset[str]],
                   story_words: frozenset[str], story_facts: frozenset[str] = frozenset()
                   ) -> bool:
    """Whether the sentence, in the writer's own words, tells what a headline bringing a word
    new to the story announces: it carries SHARED_WORDS of the headline's ``content`` words and
    quotes no one; such a lead is the development the desk must read first, before the quotes
    reacting to it (a lead quoting someone ranks as a quote: on real copy it was less often
    news). A headline word of a name is new only when the name is (``story_facts``)."""
    if sentence.quote or QUOTE_MARK.search(sentence.text):
        return False
    announces = any(not (story_words.intersection(w) or story_facts.intersection(w))
                    for w in words)
    shared = sum(1 for w in words if sentence.lemmas.intersection(w))
    return announces and shared >= SHARED_WORDS
