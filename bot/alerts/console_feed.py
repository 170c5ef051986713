"""Printing every topic alert to the terminal, resuming after a restart where it left off."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.console import render_text
from storage.alerts import alert_view, topic_events_after
from storage.db import transaction
from storage.state import get_state, set_state

CURSOR_KEY = "console_cursor"


def print_pending(db: Database, echo: Callable[[str], None]) -> int:
    """Print alerts not yet shown; returns how many were printed.

    The cursor is saved after each alert, so a kill can repeat at most the one alert printed
    just before it (a terminal cannot share the database's transaction)."""
    cursor = int(get_state(db, CURSOR_KEY, "0") or 0)
    printed = 0
    while events := topic_events_after(db, cursor):
        for event in events:
            view = alert_view(db, event["story_id"], event["article_id"], event["verdict"])
            echo(render_text(view) + "\n")
            cursor = event["id"]
            printed += 1
            with transaction(db):
                set_state(db, CURSOR_KEY, str(cursor))
    return printed
