"""A name corrected without a note: a sentence the story told word for word but for one name,
spelled a little otherwise ("Harbour master Jon Smyth said …" → "Harbour master John Smith
said …"). A desk that printed the wrong name wants to hear of it; a rewrite giving a name in
another form (a surname alone, initials, another spelling sharing its first five letters) is
read as the same name before this is asked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.stories.schedule import NAMED, SCHEDULED

MOST_EDITS = 2
"""Letters changed, added or dropped, at the most, between the two spellings (and no more than
a third of the longer): "Smyth" → "Smith", not "Valdal" → "Valstad", another name."""


def replaced(new: str, facts: frozenset[str], earlier: Iterable[frozenset[str]],
             article: frozenset[str]) -> str | None:
    """The name (``e:`` key) the ``new`` one replaces in one of the ``earlier`` sentences using
    the same words (their facts): every other fact the same, that name used nowhere in the
    ``article`` (else two people are meant), spelled within MOST_EDITS of the new one."""
    ours = _plain(facts) - {new}
    for theirs in earlier:
        gone = [f for f in _plain(theirs) - facts if f[:2] == "e:"]
        if len(gone) == 1 and gone[0] not in article and _plain(theirs) - {gone[0]} == ours \
                and close(gone[0][2:], new[2:]):
            return gone[0]
    return None


def _plain(facts: Iterable[str]) -> frozenset[str]:
    """The facts, less the days named (a rewrite tells "on Monday" as "yesterday")."""
    return frozenset(f for f in facts if f[:2] not in (NAMED, SCHEDULED))


def close(a: str, b: str) -> bool:
    """Whether two spellings differ by few letters (MOST_EDITS, a third of the longer)."""
    return distance(a, b) <= min(MOST_EDITS, max(len(a), len(b)) // 3)


def distance(a: str, b: str) -> int:
    """Letters to change, add or drop to make one the other (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def line(old: str, new: str, text: str) -> str:
    """What's new: "Name corrected: Smyth → Smith", the new name as the sentence writes it, the
    old one from its key (the story keeps no text: a capital on each word)."""
    words = new[2:].split()
    found = re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE)
    written = found.group() if found else new[2:].title()
    return f"Name corrected: {old[2:].title()} → {written}"
