"""Whether a sentence adds to the one before it, by where its adding word stands."""

from __future__ import annotations

import re
from collections.abc import Sequence

ADDING = re.compile(r"\b(?:also|further|in addition|additionally|furthermore)\b", re.IGNORECASE)
"""The words that may add to what the sentence before told, found cheaply first (most
sentences have none)."""
OPENING = frozenset({"also", "additionally", "furthermore"})
BEFORE_VERB = frozenset({"also", "additionally", "further"})
HELPERS = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might",
                     "shall", "should", "must", "not", "n't"})
"""Verbs and words that may stand between a subject, the adding word and its verb ("will also
create", "has also")."""
CLAUSE_WORDS = frozenset({"who", "which", "that", "whose", "whom", "where", "when", "if"})
"""Words opening another clause than the sentence's own: an adding word after them adds to it."""
Word = tuple[str, str, bool]
"""A word in lower case, its lemma, and whether it is a verb."""
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
"""Typographic apostrophes read as the plain one: the parse lemmatises "\u2019s" as written."""


def adds(words: Sequence[Word]) -> bool:
    """Whether the sentence's words (punctuation kept as words) add to the sentence before:
    the adding word opens it ("Also on Tuesday, …", "In addition, …", "Further, …") or stands
    right after its subject, before its verb ("The deal, reached at dawn, also sets up …",
    "will also create"); not inside another clause ("drivers who also work nights", "said the
    talks would also resume"), nor "further" of a noun ("further talks")."""
    if not words:
        return False
    words = [(lower.translate(APOSTROPHES), lemma, verb) for lower, lemma, verb in words]
    first = words[0][0]
    if first in OPENING or first == "in" and len(words) > 1 and words[1][0] == "addition":
        return True
    if first == "further" and len(words) > 1 and not words[1][0].isalnum():
        return True
    return any(lower in BEFORE_VERB and _after_subject(words[:at]) and
               _verb_follows(words[at + 1:], _helps(*words[at - 1][:2]))
               for at, (lower, _, _) in enumerate(words) if at)


def _after_subject(before: Sequence[Word]) -> bool:
    """Whether the words before the adding word are only a subject (with its helpers): no verb
    of their own nor a clause's opening, leaving out what commas set off ("The deal, struck at
    dawn, also …")."""
    segments: list[list[Word]] = [[]]
    for word in before:
        if word[0] == ",":
            segments.append([])
        else:
            segments[-1].append(word)
    kept = [*segments[0], *segments[-1]] if len(segments) > 1 else segments[0]
    return bool(kept) and not any(
        lower in CLAUSE_WORDS or verb and not _helps(lower, lemma) for lower, lemma, verb in kept)


def _verb_follows(after: Sequence[Word], helped: bool) -> bool:
    """Whether a verb comes next, past helpers and "-ly" words ("also sets", "also repeatedly
    denied"), or a helper was the verb itself ("is also the first", "also had two"; ``helped``:
    one stands right before the adding word)."""
    for lower, lemma, verb in after:
        if _helps(lower, lemma):
            helped = True
        elif not lower.endswith("ly"):
            return verb or helped
    return helped


def _helps(lower: str, lemma: str) -> bool:
    """Whether the word is a helper: by its lemma, or a verb written short after an apostrophe
    ("'s", "'ve", "'ll"), which only helpers are, whatever lemma the parse gave it."""
    return lemma in HELPERS or lower[:1] == "'" and lower[1:].isalpha()
