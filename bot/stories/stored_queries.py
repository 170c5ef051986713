"""The stored topic queries the story stage reads, each parsed once a run. One a topic may no
longer have (no longer read, or matching nearly every article: stored before add refused it)
matches nothing, said in the log once a topic, so a desk learns why it went quiet and is not
flooded meanwhile; ``excluded`` is the one rule every reader of a topic's ties asks."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.stories.query import Node, TopicQueryError, parse_query, too_broad
from bot.stories.topics import Matcher
from bot.topic_names import shell_word

log = logging.getLogger("bot.stories.stage")
"""The story stage's log, where these lines were said before they moved here."""


class StoredQueries:
    """Parsed queries by their text; the topics already said to match nothing."""

    def __init__(self) -> None:
        self._read: dict[str, Node | Skipped] = {}
        self._said: set[tuple[str, str]] = set()

    def node(self, name: str, text: str) -> Node | Skipped:
        """The topic's parsed query, or why it matches nothing (said once)."""
        if text not in self._read:
            self._read[text] = stored_query(text)
        found = self._read[text]
        if isinstance(found, Skipped) and (name, text) not in self._said:
            self._said.add((name, text))
            edit = f" {shell_word(name)} {shell_word(found.instead)}" if found.instead else ""
            log.warning("topic '%s' matches nothing: its query %r %s (%s); wirewatch topics "
                        "edit%s (or /topics edit) mends it", name, text, found.what,
                        found.detail, edit)
        return found


@dataclass(frozen=True)
class Skipped:
    """Why a stored query matches nothing, in short and in full, and the query the check wrote
    for it (if any)."""

    what: str
    detail: str
    instead: str | None = None


def stored_query(text: str) -> Node | Skipped:
    """The stored query parsed, or why it matches nothing until the desk edits it."""
    try:
        node = parse_query(text)
    except TopicQueryError as exc:
        return Skipped("is no longer read", exc.message)
    broad = too_broad(node, text)
    if broad is None:
        return node
    return Skipped("would match nearly every article", broad.why, broad.instead)


def excluded(matcher: Matcher, query: Node | Skipped) -> str | None:
    """Why a topic tied to the article's story does not alert it: the query's exclusions (NOT,
    ``source:``) leave it out, or the query matches nothing (a tie made before it was refused
    stays, but alerts nothing until the query is mended); None when it alerts."""
    if isinstance(query, Skipped):
        return f"its query matches nothing until edited: it {query.what}"
    return matcher.excluded_by(query)
