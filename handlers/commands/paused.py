"""A paused subscription in `/subscribe`'s listing: said paused, with why and how it resumes,
as App Home and `/wirewatch status` say it (a listing that read as working hid a channel
wirewatch had been removed from)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.alerts.pause import comeback, explain
from bot.models.subscriptions import Following


def paused_note(row: Following) -> str:
    """' · paused: why' for a paused subscription, nothing for one that works."""
    return f" · paused: {explain(row.paused_reason)}" if row.paused_at else ""


def resume_lines(rows: Iterable[Following]) -> list[str]:
    """How the paused ones resume, each way said once."""
    return list(dict.fromkeys(comeback(row.paused_reason) for row in rows if row.paused_at))
