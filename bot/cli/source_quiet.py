"""Since when a source has worked, or brought anything: a feed that died overnight, or that
answers every poll but has carried nothing new for days, says so in `sources list`."""

from __future__ import annotations

from datetime import datetime

from bot.activity import failing, quiet_feed_days
from bot.alerts.mrkdwn import counted
from bot.cli.ages import when_ago
from bot.models import Source


def worked_line(row: Source, *, now: datetime) -> str | None:
    """For a failing source, when it last worked (or that it never has); None otherwise."""
    if not failing(row):
        return None
    if not row.last_success_at:
        return f"has not worked since it was added, {when_ago(row.added_at, now)}"
    return f"last worked {when_ago(row.last_success_at, now)}"


def quiet_line(row: Source, *, now: datetime) -> str | None:
    """For a feed that works but has brought no new entry in a day or more, how long; a feed
    that stopped or moved to another address while the old one still answers looks so."""
    days = quiet_feed_days(row, now=now)
    if days is None:
        return None
    latest = f"latest {when_ago(row.last_item_at, now)}" if row.last_item_at else \
        "none since it was added"
    return (f"no new entry in {counted(days, 'day')} ({latest}); if its site still "
            "publishes, the feed may have stopped or moved: open it in a browser")
