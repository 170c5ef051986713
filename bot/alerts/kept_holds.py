"""A running bot's ``Pacer`` whose holds (a 429's Retry-After) are kept in its database, so the
next start (a deploy, a crash) honours one still on, and so does any other process on the same
database (a digest sent from the command line). A hold over by then is ignored: the ``Pacer``
holds nothing past its end, nor one further off than Slack asked for (a clock stepped back)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.alerts.pacing import Pacer
from bot.clock_step import waiting
from bot.models.times import utc_time
from storage.db import StorageError, open_db
from storage.slack_holds import keep_hold, kept_holds

log = logging.getLogger(__name__)


def kept_pacer(path: str | Path) -> Pacer:
    """A ``Pacer`` for the database at ``path``, holding what earlier runs kept there; one in
    memory only for a database in memory."""
    if str(path) in ("", ":memory:"):
        return Pacer()
    pacer = Pacer(keep=lambda key, until, delay, now: _keep(path, key, until, delay, now))
    now = datetime.now(UTC)
    for key, until, delay in _read(path):
        ends = utc_time(until)
        pacer.restore(key, ends, delay)
        if waiting(ends, now, delay):
            log.info("Slack's hold of %s, met by an earlier run, kept until %s UTC (%.0f s "
                     "more): nothing is sent there before then", held_what(key),
                     f"{ends:%H:%M:%S}", (ends - now).total_seconds())
    return pacer


def held_what(key: str) -> str:
    """A kept hold's key in an operator's words: what it holds back."""
    kind, _, name = key.partition(":")
    if kind == "method":
        return f"Web API method {name}"
    return f"channel {name}" if kind == "channel" else "every call"


def _read(path: str | Path) -> list[tuple[str, str, float]]:
    """The holds kept at ``path`` (none, said, when the database cannot be read)."""
    try:
        db = open_db(path, migrate=False)
        try:
            return kept_holds(db)
        finally:
            db.close()
    except (sqlite3.Error, StorageError) as exc:
        log.warning("could not read Slack's holds kept in the database: %s", exc)
        return []


def _keep(path: str | Path, key: str, until: datetime, delay: float, now: datetime) -> None:
    """Keep a hold on a connection of its own, after the call Slack held back (never inside a
    transaction of the caller's); a write refused leaves the hold in memory only, said."""
    try:
        db = open_db(path, migrate=False)
        try:
            with db.conn:
                keep_hold(db, key, until=until.isoformat(), seconds=delay, now=now.isoformat())
        finally:
            db.close()
    except (sqlite3.Error, StorageError) as exc:
        log.warning("Slack's hold of %s (%.0f s) kept in memory only: %s", key, delay, exc)
