"""When a failing source is tried again, in the words of the run's line on a failure: the same
words whether the failure is said as it happens or as a later run starts."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from bot.durations import span_words, utc_time


def next_try(next_attempt_at: str | None, now: datetime) -> str:
    """'in 20 seconds (at 19:38:15 UTC)', 'in 3 days (at 2026-12-08 19:38:15 UTC)': when, from
    ``now``; its day too when that is not ``now``'s (a wait of hours or days)."""
    if not next_attempt_at:
        return "at the next poll"
    after = utc_time(next_attempt_at)
    seconds = math.ceil((after - now).total_seconds())
    wait = span_words(timedelta(seconds=seconds))
    day = "" if after.date() == now.astimezone(UTC).date() else f"{after:%Y-%m-%d} "
    return f"in {wait} (at {day}{after:%H:%M:%S} UTC)"
