"""A name corrected without a note: a sentence the story told word for word but for one name,
spelled a little otherwise ("Harbour master Jon Smyth said …" → "Harbour master John Smith
said …"). A desk that printed the wrong name wants to hear of it; a rewrite giving a name in
another form (a surname alone, initials, another spelling sharing its first five letters) is
read as the same name before this is asked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.stories.schedule import NAMED, SCHEDULED

PREFIX = "Name corrected: "
ARROW = " → "
PARTICLES = "|".join(("al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do",
                      "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von"))
"""Lower-case words a surname is written with before the word its key keeps ("de la Cruz")."""
_WRITTEN_BEFORE = re.compile(rf"(?<![\w'’-])(?:(?:{PARTICLES})[ -])*"
                             r"(?:(?:[A-Z][a-z]?|[a-z])['’])?\Z")
"""What a name's particles and the letter and apostrophe before it are, right before it."""
BEFORE_REACH = 60
"""Characters before a name in which they are looked for (a dozen particles): looked for from
every place of a longer run, a text of particles before the name ("de de de …", 24 KB) took
seconds, and an article's megabyte hours."""
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
    """What's new: "Name corrected: Smyth → Smith." (a whole sentence: shown with no ellipsis),
    the new name as the sentence writes it; the old one from its key (a capital on each word)
    until ``as_written`` finds how the story wrote it."""
    written = spelled(new[2:].split(), text) or new[2:].title()
    return f"{PREFIX}{old[2:].title()}{ARROW}{written}."


def as_written(item: str, texts: Iterable[str]) -> str:
    """The "Name corrected" line with the old name as the first of the story's ``texts`` holding
    it writes it ("McDonald", not "Mcdonald"); any other what's-new line as it is."""
    if not item.startswith(PREFIX) or ARROW not in item:
        return item
    old, new = item[len(PREFIX):].split(ARROW, 1)
    found = next((name for text in texts if (name := spelled(old.lower().split(), text))), None)
    return f"{PREFIX}{found or old}{ARROW}{new}"


def spelled(words: list[str], text: str) -> str | None:
    """The name of these (key) words as ``text`` writes it, with the particles and the letter
    and apostrophe written before them ("de la Cruz", "O'Neil": the key keeps a surname's last
    word)."""
    if not words:
        return None
    core = re.compile(r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    for found in core.finditer(text):
        before = _WRITTEN_BEFORE.search(text, max(0, found.start() - BEFORE_REACH), found.start())
        if before is not None:
            return text[before.start():found.end()]
    return None
