"""The stored topic queries the story stage reads, each parsed once a run. One a topic may no
longer have (no longer read, or matching nearly every article: stored before add refused it)
matches nothing, said in the log once a topic, so a desk learns why it went quiet and is not
flooded meanwhile."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.stories.query import Node, TopicQueryError, parse_query, too_broad
from bot.topic_names import shell_word

log = logging.getLogger("bot.stories.stage")
"""The story stage's log, where these lines were said before they moved here."""


class StoredQueries:
    """Parsed queries by their text; the topics already said to match nothing."""

    def __init__(self) -> None:
        self._read: dict[str, Node | Skipped] = {}
        self._said: set[tuple[str, str]] = set()

    def node(self, name: str, text: str) -> Node | None:
        """The topic's parsed query; None (said once) for one it may no longer have."""
        if text not in self._read:
            self._read[text] = _read(text)
        found = self._read[text]
        if not isinstance(found, Skipped):
            return found
        if (name, text) not in self._said:
            self._said.add((name, text))
            edit = f" {shell_word(name)} {shell_word(found.instead)}" if found.instead else ""
            log.warning("topic '%s' matches nothing: its query %r %s; wirewatch topics edit%s "
                        "(or /topics edit) mends it", name, text, found.why, edit)
        return None


@dataclass(frozen=True)
class Skipped:
    """Why a stored query matches nothing, and the query the check wrote for it (if any)."""

    why: str
    instead: str | None = None


def _read(text: str) -> Node | Skipped:
    try:
        node = parse_query(text)
    except TopicQueryError as exc:
        return Skipped(f"is no longer read ({exc.describe()})")
    broad = too_broad(node, text)
    if broad is None:
        return node
    return Skipped(f"would match nearly every article ({broad.why})", broad.instead)
