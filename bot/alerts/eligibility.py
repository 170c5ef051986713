"""Whether a stored article may alert: not a feed's backlog, not old news arriving late, not
a new event saying only what its running story said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Verdict, VerdictKind

BACKGROUND = "background: already in the feed at its first poll"
TOLD = "a new event that adds nothing to the running story it continues"


def told_already(verdict: Verdict) -> str | None:
    """Why a new event that adds nothing to the running story it continues alerts nobody: it
    reads as a duplicate would, and its thread already has all it says; None for any other."""
    if verdict.kind is VerdictKind.NEW and verdict.continues is not None and not verdict.adds:
        return TOLD
    return None


def alert_hold(*, background: bool, published: str | None, ingested_at: datetime,
               max_age_hours: float) -> str | None:
    """Why this article must not alert, or None if it may; ``max_age_hours`` 0 means no limit."""
    if background:
        return BACKGROUND
    when = _moment(published)
    if max_age_hours <= 0 or when is None:
        return None
    age = ingested_at - when
    if age <= timedelta(hours=max_age_hours):
        return None
    return (f"too old to alert: published {when:%Y-%m-%d %H:%M} UTC, {_span(age)} before it "
            f"arrived (limit {max_age_hours:g} h)")


def _moment(value: str | None) -> datetime | None:
    """An ISO 8601 time (naive means UTC); None when missing or unreadable."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _span(age: timedelta) -> str:
    hours = age.total_seconds() / 3600
    return f"{hours:.0f} h" if hours < 72 else f"{hours / 24:.0f} days"
