"""Hourly and daily quote digests: at each period's end, the held quotes go to the outbox."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.alerts.digest import period_end
from bot.models import QuotePick
from storage import quote_subscriptions as store
from storage.db import transaction


def queue_quote_digests(db: Database, *, now: datetime, timezone: str = "UTC",
                        daily_hour: int = 8) -> int:
    """Queue one outbox message per digest whose period ended with quotes in it; the sender
    posts it exactly once like any alert. Returns how many were queued."""
    tz = ZoneInfo(timezone)
    queued = 0
    for sub in store.running_quote_subscriptions(db):
        if sub.mode not in ("hourly", "daily"):
            continue
        until = _iso(period_end(now, mode=sub.mode, tz=tz, daily_hour=daily_hour))
        since = sub.last_digest_at or sub.created_at
        if since >= until:
            continue
        with transaction(db):
            quotes = store.take_digest_items(db, sub.id, until)
            if quotes:
                queued += store.queue_quote_alert(
                    db, story_id=None, article_id=None, target=sub.target_id,
                    items=[QuotePick(quote_id, sub.id) for quote_id in quotes],
                    at=until) is not None
            store.set_quote_digest(db, sub.id, until)
    return queued


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
