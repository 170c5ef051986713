"""Since when a source has worked, or brought anything: a feed that died overnight, or that
answers every poll but has carried nothing new far longer than its usual gap, says so in
`sources list`, in ``bot.activity``'s words with the CLI's times."""

from __future__ import annotations

from datetime import datetime

from bot.activity import CLI_REMOVE, failing_advice, paused_words, quiet_feed_words, worked_words
from bot.cli.ages import when_ago
from bot.models import Source


def worked_line(row: Source, *, now: datetime) -> str | None:
    """For a paused feed, why; for a failing source, when it last worked (or that it never has)
    and what to do; None otherwise."""
    if paused := paused_words(row, remove=CLI_REMOVE):
        return paused
    worked = worked_words(row, lambda value: when_ago(value, now))
    return f"{worked}: {failing_advice(row.kind, row.id, remove=CLI_REMOVE)}" if worked else None


def quiet_line(row: Source, *, now: datetime) -> str | None:
    """For a feed that works but has been quiet far longer than its usual gap (or brought no
    entry since it was added), how long; a feed that stopped or moved looks so."""
    return quiet_feed_words(row, lambda value: when_ago(value, now), now=now)
