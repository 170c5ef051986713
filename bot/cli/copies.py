"""The line `wirewatch run` prints for an input that was an exact copy of an article already
stored: it makes no story event, so without it a file dropped twice, or an article that came
by a feed and by the folder, was met with silence (only `-v` logged it)."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.models import InboxResult
from storage.inbox import CopyCursor, copies_after


def copy_line(copy: InboxResult, copied: str | None) -> str:
    """Named by its own title, else its file or address (a file's title is read only later)."""
    article = f"#{copy.article_id} “{copied}”" if copied else f"#{copy.article_id}"
    return f"· no alert for “{copy.title or copy.origin}”: {copy.reason} ({article})"


def report_copies(db: Database, cursor: CopyCursor, echo: Callable[[str], None]) -> CopyCursor:
    """One line per exact copy finished after ``cursor``; returns the new cursor."""
    while copies := copies_after(db, cursor):
        for at, copy, copied in copies:
            echo(copy_line(copy, copied))
            cursor = at
    return cursor
