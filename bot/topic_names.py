"""`topics add Port strike` without quotes: one name of two words, or a name and a query?

Typed without quotes, a one-word name followed by plain words reads both ways, and the two
differ a lot (the topic "Port" with the query strike alerts on every strike anywhere). The CLI
and Slack's /topics add refuse that case with the quoted forms; anything with query syntax, or
quoted, is taken as typed."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from bot.stories.query import unsearched

QUERY_SYNTAX = re.compile(r"\b(?:AND|OR|NOT)\b|[()\"*:“”„«»]|(?:^|\s)[-−]\w")
"""What makes words a query: an operator, a bracket, a quote, a prefix, a field, or a word
after a dash (`-strike`, an exclusion the query then explains)."""


def plain_words(words: Sequence[str]) -> bool:
    """Words with nothing of the query language in them (``QUERY_SYNTAX``): they read as the
    rest of a name as much as a query."""
    return bool(words) and not any(QUERY_SYNTAX.search(word) for word in words)


def slack_typed(name: str) -> str:
    """A topic's name as a slash command takes it: quoted when it has more than one word."""
    return f'"{name}"' if len(name.split()) > 1 else name


def shell_quoted(text: str) -> str:
    """``text`` as one shell argument, in the docs' double quotes when that is safe."""
    return f'"{text}"' if re.fullmatch(r"[\w .,&'-]+", text) else shlex.quote(text)


def shell_word(text: str) -> str:
    """``text`` as one shell argument, bare when the shell reads it as typed ("Port"), else
    quoted ("AT&T" bare would run a command in the background)."""
    return text if shlex.quote(text) == text else shell_quoted(text)


def close_names(typed: str, names: Sequence[str], most: int = 3) -> list[str]:
    """The ``names`` a name that names no topic was likely typed for, nearest first (at most
    ``most``, none when none is close): the same but for case, plural or punctuation; a letter
    or two off (one in a short name); or a name it begins (of three letters or more)."""
    key = _name_key(typed)
    near = [(rank, name.casefold(), name) for name in names
            if key and (rank := _nearness(key, _name_key(name))) is not None]
    return [name for *_, name in sorted(near)[:most]]


def _nearness(typed: str, name: str) -> tuple[int, int] | None:
    """How near a typed name's key is to a topic's, nearer first; None when not near."""
    if typed == name:
        return 0, 0
    most = 0 if len(typed) < 4 else 1 if len(typed) < 8 else 2
    if abs(len(typed) - len(name)) <= most and (off := _letters_off(typed, name)) <= most:
        return 1, off
    if len(typed) >= 3 and name.startswith(typed):
        return 2, len(name) - len(typed)
    return None


def _name_key(name: str) -> str:
    """A name as compared: case, punctuation and plural endings aside ("Ferries" → "ferry")."""
    return " ".join(_singular(word) for word in re.findall(r"\w+", name.casefold()))


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(?:[sxz]|ch|sh)es$", word):
        return word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") \
        else word


def _letters_off(a: str, b: str) -> int:
    """Letters added, dropped, changed or two swapped to make ``a`` into ``b``."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        now = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, now[j - 1] + 1, row[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            now.append(cost)
        before, row = row, now
    return row[-1]


def named_with(first: str, words: Sequence[str], names: Sequence[str]
               ) -> tuple[str, str] | None:
    """The topic a name typed without quotes names with the words after it (`topics edit Port
    strikes 'strike AND port'`: "Port strikes", case aside; the longest such), and the words
    left after it; None when no run of them names one."""
    by_letters = {name.casefold(): name for name in names}
    split = " ".join(words).split()
    for end in range(len(split), 0, -1):
        found = by_letters.get(" ".join([first, *split[:end]]).casefold())
        if found is not None:
            return found, " ".join(split[end:])
    return None


def unsearched_note(name: str, edit: str) -> str:
    """Said when a topic's query was made from its name and the name has signs no query of
    words searches for ("C++" tracks C); ``edit`` is the command that changes the query."""
    signs = unsearched(name)
    if not signs:
        return ""
    return (f"Its query is its name's words alone: “{signs}” is not searched for. To say "
            f"what you mean: {edit}")
