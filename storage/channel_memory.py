"""What Slack taught about a channel that a restart must not forget: the latest pausing or
resuming event applied to it, and that its settings allow no thread replies."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.models.times import utc_time

NO_THREADS_FOR = timedelta(days=1)
"""How long a channel is taken to allow no threads: its settings may change back, and one
refused reply a day is all it costs to find out."""


def later_event(db: Database, channel: str, event_time: int, kind: str) -> str | None:
    """The type of an event applied to ``channel`` after ``event_time`` (the event is then out
    of date), or None: this event is the newest, and is remembered as such. Call inside a
    transaction."""
    newest = db.execute(
        "INSERT INTO channel_events (channel, event_time, kind) VALUES (?, ?, ?) "
        "ON CONFLICT(channel) DO UPDATE SET event_time = excluded.event_time, "
        "kind = excluded.kind WHERE excluded.event_time >= channel_events.event_time",
        [channel, event_time, kind]).rowcount
    if newest:
        return None
    row = db.execute("SELECT kind FROM channel_events WHERE channel = ?", [channel]).fetchone()
    return str(row[0]) if row else None


def takes_no_threads(db: Database, channel: str, now: datetime) -> bool:
    row = db.execute("SELECT since FROM channels_without_threads WHERE channel = ?",
                     [channel]).fetchone()
    return bool(row) and now - utc_time(row[0]) < NO_THREADS_FOR


def remember_no_threads(db: Database, channel: str, now: datetime) -> None:
    """Call inside a transaction."""
    db.execute("INSERT INTO channels_without_threads (channel, since) VALUES (?, ?) "
               "ON CONFLICT(channel) DO UPDATE SET since = excluded.since",
               [channel, now.isoformat()])
