"""`topics add Port strike` without quotes: one name of two words, or a name and a query?

Typed without quotes, a one-word name followed by plain words reads both ways, and the two
differ a lot (the topic "Port" with the query strike alerts on every strike anywhere). The CLI
and Slack's /topics add refuse that case with the quoted forms; anything with query syntax, or
quoted, is taken as typed."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from difflib import get_close_matches

from bot.stories.query import unsearched

QUERY_SYNTAX = re.compile(r"\b(?:AND|OR|NOT)\b|[()\"*:“”„«»]")


def plain_words(words: Sequence[str]) -> bool:
    """Words with nothing of the query language in them (AND, OR, NOT, parentheses, quotes,
    prefix*, field:): they read as the rest of a name as much as a query."""
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


def closest_name(typed: str, names: Sequence[str]) -> str | None:
    """The one of ``names`` within a typo of ``typed`` (case aside), if any: what to offer
    back when no topic is named so."""
    by_letters = {name.casefold(): name for name in names}
    close = get_close_matches(typed.casefold(), list(by_letters), n=1, cutoff=0.75)
    return by_letters[close[0]] if close else None


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
