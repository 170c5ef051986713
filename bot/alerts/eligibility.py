"""Whether a stored article may alert: not a feed's backlog, not old news arriving late, not
a late copy of what a running story's thread already has."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from bot.durations import span_words
from bot.models.times import utc_time

BACKGROUND = "background: already in the feed at its first poll"
TOLD = "a late copy of the running story it continues, adding nothing to it"
"""Why a new event that is a near copy of one of its running story's articles and adds nothing
to it alerts nobody (``bot.stories.stage.StoryResult.repeats``): it reads as a duplicate
would, and the running story's thread already has all it says."""


def alert_hold(*, background: bool, published: str | None, ingested_at: datetime,
               max_age_hours: float, offset: int | None = None) -> str | None:
    """Why this article must not alert, or None if it may; ``max_age_hours`` 0 means no limit;
    ``offset``: the minutes east of UTC its time was written in."""
    if background:
        return BACKGROUND
    when = _moment(published)
    if max_age_hours <= 0 or when is None:
        return None
    age = ingested_at - when
    if age <= timedelta(hours=max_age_hours):
        return None
    return (f"too old to alert: published {_as_given(when, offset)}, {span_words(age)} before it "
            f"arrived (limit {max_age_hours:g} h)")


def _as_given(when: datetime, offset: int | None) -> str:
    """A date given without a time (midnight where it was written) as that day, as timelines
    show it; any other time in UTC."""
    written = when.astimezone(timezone(timedelta(minutes=offset or 0)))
    if written.time() == time(0):
        return f"{written:%Y-%m-%d}"
    return f"{when:%Y-%m-%d %H:%M} UTC"


def _moment(value: str | None) -> datetime | None:
    """An ISO 8601 time (naive means UTC); None when missing or unreadable."""
    if not value:
        return None
    try:
        return utc_time(value.strip())
    except (ValueError, OverflowError):
        return None
