"""When the matching data of closed stories is dropped: `wirewatch run` hourly, `wirewatch db
compact` on demand (storage/retention.py does the dropping)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.config import Settings
from bot.stories import running
from storage.retention import Compacted, compact, cutoff
from storage.source_notices import prune_told


def open_hours(settings: Settings) -> float:
    """How long a quiet story's matching data is still read: its quiet window, and at event
    granularity the running-story lookup's (a new event finds its running story's events)."""
    if settings.story_half_life_hours > 0:
        return max(settings.story_quiet_hours, running.QUIET_HOURS)
    return settings.story_quiet_hours


def kept_days(settings: Settings) -> float:
    """The days a closed story's matching data stays: ``WIREWATCH_STORY_DATA_DAYS``, but at
    event granularity never fewer than a running issue back after a quiet spell is looked for
    (``running.BACK_DAYS`` from its last article, its ``open_hours`` included): a shorter
    setting dropped those stories first, and the fallback then found nothing to continue."""
    if settings.story_half_life_hours <= 0 or settings.story_data_days <= 0:
        return settings.story_data_days
    return max(settings.story_data_days, running.BACK_DAYS - open_hours(settings) / 24)


def compact_story_data(db: Database, settings: Settings, *, now: datetime | None = None,
                       stopping: Callable[[], bool] | None = None) -> Compacted | None:
    """Drop the matching data of the stories closed (``open_hours``) for ``kept_days`` on the
    stream's clock and the desk's (the stream's alone on a replay), and the feeds' changes of
    health told ``WIREWATCH_STORY_DATA_DAYS`` ago on the desk's; None when that is 0."""
    if settings.story_data_days <= 0:
        return None
    now = now or datetime.now(UTC)
    told = (now - timedelta(days=settings.story_data_days)).isoformat(timespec="seconds")
    changes = Compacted(changes=prune_told(db, queued_before=told))
    before = cutoff(db, days=kept_days(settings), quiet_hours=open_hours(settings),
                    now=None if settings.story_stream_clock else now)
    if before is None:
        return changes
    return compact(db, before, now=now.isoformat(timespec="seconds"), stopping=stopping) + \
        changes
