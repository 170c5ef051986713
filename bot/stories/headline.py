"""Whether an update's lead sentence tells the development its headline announces."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from bot.stories.features import SentenceFeatures

SHARED_WORDS = 2
"""Headline words a lead must carry to tell the headline's news (one is often only the
story's topic, a place or a name)."""
MIN_LETTERS = 3
QUOTE_MARK = re.compile(r'["“”]')
"""Any double quotation mark, even round a single word a whole quote's pattern would not take:
the lead then gives someone's words."""


def forms(word: str) -> tuple[str, ...]:
    """A headline word and the lemmas it may stand for ("jobs" job, "cuts" cut, "talks" talk):
    headlines keep the plural and the present tense."""
    found = [word]
    if word.endswith("ies"):
        found.append(word[:-3] + "y")
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    return tuple(found)


def content(title_words: Iterable[str]) -> list[tuple[str, ...]]:
    """The headline's content words, each with its ``forms``."""
    return [forms(w) for w in title_words
            if len(w) >= MIN_LETTERS and w not in STOP_WORDS and not w.isdigit()]


def tells_headline(sentence: SentenceFeatures, title_words: Iterable[str],
                   story_words: frozenset[str]) -> bool:
    """Whether the sentence, in the writer's own words, tells what a headline bringing a word
    new to the story announces: it carries SHARED_WORDS of the headline's words and quotes no
    one; such a lead is the development the desk must read first, before the quotes reacting
    to it (a lead quoting someone ranks as a quote: on real copy it was less often news)."""
    if sentence.quote or QUOTE_MARK.search(sentence.text):
        return False
    words = content(title_words)
    announces = any(not story_words.intersection(w) for w in words)
    shared = sum(1 for w in words if sentence.lemmas.intersection(w))
    return announces and shared >= SHARED_WORDS
