"""A channel's choice about a story (muted, marked important) as its buttons make, undo and
say it: one shape for both, so a mute and a mark read alike and undo alike."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit, plain
from storage.db import transaction
from storage.mutes import story_title

Carried = list[tuple[int, str]]
"""The stories (id, title) of reports moved out of a story, whose choice came with it."""


def shown_title(db: Database, story_id: int) -> str:
    """The story's title as these messages set it in bold: plain, cut to fit."""
    return fit(plain(story_title(db, story_id), 150), 300)


def carried_titles(carried: Carried) -> str:
    """The carried stories' titles, in bold, for the line that says they were undone too."""
    return ", ".join(f"*{fit(plain(name, 150), 300)}*" for _, name in carried)


def already(title: str, done: str, first: str | None) -> str:
    """The answer to a choice made there already: by whom, and that nothing changed."""
    by = f", by <@{first}>" if first else ""
    return f"*{title}* is already {done} in this channel{by}: nothing changed."


def undone(db: Database, *, story_id: int, channel: str, undo: Callable[..., bool],
           carried_of: Callable[..., Carried]) -> tuple[bool, Carried]:
    """Undo the choice in one transaction, with those the reports moved out of the story since
    carried with it (made with this one, so taken back with it); False: there was none."""
    with transaction(db):
        removed = undo(db, story_id=story_id, channel=channel)
        carried = carried_of(db, story_id=story_id, channel=channel) if removed else []
        for moved, _ in carried:
            undo(db, story_id=moved, channel=channel)
    return removed, carried
