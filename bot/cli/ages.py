"""How long ago a stored time was, said only once it is a day or more: what a desk looking at
a list the morning after needs, without a clock's worth of minutes on every line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text

LONG = timedelta(days=1)
"""A wait this long or longer has its length said."""


def moment(value: str) -> datetime:
    """A stored ISO time; one that cannot be read counts as now (nothing said of its age)."""
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return datetime.now(UTC)
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def age(value: str, now: datetime) -> timedelta:
    return now - moment(value)


def when_ago(value: str, now: datetime) -> str:
    """'2026-12-03 22:49 UTC', then ', 9 days ago' once that is a day or more."""
    waited = age(value, now)
    return when_text(value) + (f", {counted(waited.days, 'day')} ago" if waited >= LONG else "")
