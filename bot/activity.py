"""When a topic last had a story, and since when a feed worked or brought anything: one rule
under `topics list`, `sources list`, `/topics`, `/wirewatch status` and App Home, so the CLI
and Slack never call the same topic or feed quiet differently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Source, Topic

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


def days_ago(value: str, now: datetime) -> int | None:
    """Whole days since ``value``, once that is a day or more; None before."""
    waited = age(value, now)
    return waited.days if waited >= LONG else None


def quiet_topic_days(topic: Topic, latest: str | None, *, now: datetime) -> int | None:
    """Days since a topic no story has matched was added, once a day or more; None for one
    that has had a story, or was added less than a day ago."""
    return None if latest else days_ago(topic.created_at, now)


def failing(row: Source) -> bool:
    return bool(row.failures)


def quiet_feed_days(row: Source, *, now: datetime) -> int | None:
    """Days a working feed has brought no new entry (since it was added, if none ever), once
    a day or more: a feed that stopped, or moved while the old address still answers."""
    if row.kind != "feed" or row.failures or not row.last_success_at:
        return None
    return days_ago(row.last_item_at or row.added_at, now)
