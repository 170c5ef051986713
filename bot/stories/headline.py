"""Whether an update's lead sentence tells the development its headline announces."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.stories.features import ArticleFeatures, SentenceFeatures
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
    job, "cuts" cut): headlines keep the plural and the present tense. Its stop words are
    the ones spaCy marked where it parsed it (``title_stops``): the storing process has no
    spaCy."""
    return [bases(w) for w in features.title_words
            if len(w) >= MIN_LETTERS and w not in features.title_stops and not w.isdigit()]


def tells_headline(sentence: SentenceFeatures, words: Sequence[frozenset[str]],
                   story_words: frozenset[str]) -> bool:
    """Whether the sentence, in the writer's own words, tells what a headline bringing a word
    new to the story announces: it carries SHARED_WORDS of the headline's ``content`` words and
    quotes no one; such a lead is the development the desk must read first, before the quotes
    reacting to it (a lead quoting someone ranks as a quote: on real copy it was less often
    news)."""
    if sentence.quote or QUOTE_MARK.search(sentence.text):
        return False
    announces = any(not story_words.intersection(w) for w in words)
    shared = sum(1 for w in words if sentence.lemmas.intersection(w))
    return announces and shared >= SHARED_WORDS
