"""Where a test's dated stream starts: at a fixed hour of the day, back from the moment it
runs, so its reports fall on the same hours (and the same calendar days as one another)
whatever the hour the test runs at; a stream dated from ``now`` itself fell across midnight
at some hours of the day and not at others."""

from __future__ import annotations

from datetime import datetime, timedelta

HOUR = 8
"""The hour of the day (UTC) the pinned streams start at: that of the fixed ones."""


def recent_start(now: datetime, *, back: timedelta = timedelta(hours=23),
                 hour: int = HOUR) -> datetime:
    """The latest ``hour``:00 UTC at least ``back`` before ``now`` (``now`` in UTC): a stream
    spanning less than ``back`` is then wholly in the past, within a day more than ``back``
    of it."""
    start = (now - back).replace(hour=hour, minute=0, second=0, microsecond=0)
    return start if start <= now - back else start - timedelta(days=1)
