"""The one reader of a stored ISO time, here so storage/ (which may import only bot.models)
and bot/ read a time the same way."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_time(value: str) -> datetime:
    """A stored ISO time, aware and in UTC: a naive one is UTC, as storage writes them, never
    the machine's local time (which moved a feed's next try by the machine's offset)."""
    found = datetime.fromisoformat(value)
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)
