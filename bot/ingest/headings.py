"""A section's heading in title case told from an outlet's name, both set alone above the copy
(`Key Facts`, `What We Know` against `Harbour Wire`), by the words each is made of: an outlet's
name is a proper name or a publication's noun; a heading is ordinary words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.ingest.possessive import without_possessive

QUESTION = frozenset({"what", "why", "how", "who", "where", "when", "which"})
"""Words a heading opens with (`What We Know`, `Why It Matters`); no outlet's name does."""
CLOSED = frozenset({
    "i", "we", "you", "it", "they", "he", "she", "us", "our", "your", "their", "its", "this",
    "these", "those", "here", "there", "is", "are", "was", "were", "be", "do", "does", "did",
    "has", "have", "had", "can", "will", "should", "need", "now", "next", "so", "far"})
"""Pronouns, auxiliaries and pointing words: a heading's (`How We Got Here`), never a name's."""
HEADING = frozenset({
    "key", "fast", "quick", "top", "main", "latest", "live", "fact", "facts", "point", "points",
    "takeaway", "takeaways", "highlight", "highlights", "update", "updates", "background",
    "timeline", "summary", "context", "explainer", "analysis", "things", "know", "glance",
    "numbers", "details", "matters", "happened", "happens", "comes", "stand", "stands",
    "questions", "answers"})
"""Words English news pages make section headings of (`Key Facts`, `Key Takeaways`)."""
PUBLICATION = frozenset({
    "news", "press", "post", "times", "herald", "journal", "wire", "tribune", "gazette",
    "chronicle", "review", "register", "examiner", "observer", "telegraph", "mail", "express",
    "standard", "network", "radio", "tv", "television", "media", "agency", "magazine",
    "monitor", "record", "courier", "bulletin", "dispatch", "mirror", "globe", "daily",
    "weekly", "today", "reporter", "sentinel", "ledger", "digest", "broadcasting", "channel",
    "star", "sun", "leader"})
"""Nouns a publication names itself by (`Harbour Press`, `Northhaven Evening Post`)."""
WORD = re.compile(r"[^\W\d_][\w'’-]*")
RUN = re.compile(r"[\w'’-]+")
"""A word of the copy as a whole: what a word of a line is looked for as, bare or with `'s`."""


class LowerCase:
    """Which words a copy writes in lower case (bare or with its `'s`), from each paragraph on,
    found in one pass: a search of the rest of the copy for each line above it read a hostile
    copy of thousands of such lines again for every one (quadratic)."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self._last: dict[str, int] = {}
        for index, paragraph in enumerate(paragraphs):
            for run in RUN.findall(paragraph):
                if run[:1].islower():
                    self._last[run] = index

    def writes(self, word: str, after: int = -1) -> bool:
        """A paragraph past ``after`` writes ``word`` (case-folded) in lower case."""
        return word[:1].islower() and any(
            self._last.get(form, -1) > after for form in (word, word + "'s", word + "’s"))


def is_heading(line: str, copy: LowerCase, after: int = -1) -> bool:
    """A line of ordinary words, not a name: it opens with a question word, or each of its
    words is a heading's, a pronoun or auxiliary, or one ``copy`` writes in lower case past
    paragraph ``after`` (a proper name never is); a publication's noun in it makes it a name."""
    words = _words(line)
    if not words or PUBLICATION.intersection(words):
        return False
    if words[0] in QUESTION:
        return True
    return all(word in HEADING or word in CLOSED or copy.writes(word, after) for word in words)


def is_no_name(line: str, copy: LowerCase, after: int = -1) -> bool:
    """Not an outlet's name: a heading, or a line holding a pronoun or an auxiliary, as a
    headline may (`Dockers Did Not Strike`)."""
    words = _words(line)
    if PUBLICATION.intersection(words):
        return False
    return bool(CLOSED.intersection(words)) or is_heading(line, copy, after)


def _words(line: str) -> list[str]:
    return [without_possessive(word.casefold()) for word in WORD.findall(line)]
