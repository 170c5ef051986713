"""A section's heading in title case told from an outlet's name, both set alone above the copy
(`Key Facts`, `What We Know` against `Harbour Wire`), by the words each is made of: an outlet's
name is a proper name or a publication's noun; a heading is ordinary words."""

from __future__ import annotations

import re

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


def is_heading(line: str, copy: list[str]) -> bool:
    """A line of ordinary words, not a name: it opens with a question word, or each of its
    words is a heading's, a pronoun or auxiliary, or one ``copy`` writes in lower case (a
    proper name never is); a publication's noun in it makes it a name."""
    words = _words(line)
    if not words or PUBLICATION.intersection(words):
        return False
    if words[0] in QUESTION:
        return True
    text = "\n".join(copy)
    return all(word in HEADING or word in CLOSED or _in_lower_case(word, text) for word in words)


def is_no_name(line: str, copy: list[str]) -> bool:
    """Not an outlet's name: a heading, or a line holding a pronoun or an auxiliary, as a
    headline may (`Dockers Did Not Strike`)."""
    words = _words(line)
    if PUBLICATION.intersection(words):
        return False
    return bool(CLOSED.intersection(words)) or is_heading(line, copy)


def _words(line: str) -> list[str]:
    return [without_possessive(word.casefold()) for word in WORD.findall(line)]


def _in_lower_case(word: str, text: str) -> bool:
    """``text`` writes ``word`` (case-folded) in lower case, bare or with its `'s`."""
    return word[:1].islower() and re.search(
        rf"(?<![\w'’-]){re.escape(word)}(?:['’]s)?(?![\w'’-])", text) is not None
