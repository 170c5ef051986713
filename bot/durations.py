"""How long something lasted or has been, in the words every desk line uses (a feed's silence,
a run's last heartbeat, an article's age on arrival), so the same span never reads two ways;
and, by its name here, the one reader of a stored time those spans start from
(``bot.models.times.utc_time``)."""

from __future__ import annotations

from datetime import timedelta

from bot.models.times import utc_time

__all__ = ["span_words", "utc_time"]

UNITS = (("day", 86400), ("hour", 3600), ("minute", 60))


def span_words(span: timedelta) -> str:
    """'3 days', '9 hours', '40 minutes', '12 seconds': the largest unit that gives at least
    two whole ones (rounded down, a glance's precision); a negative span reads as none."""
    seconds = max(0, int(span.total_seconds()))
    for unit, size in UNITS:
        if seconds >= 2 * size:
            return f"{seconds // size} {unit}s"
    return "1 second" if seconds == 1 else f"{seconds} seconds"
