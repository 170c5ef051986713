"""How long ago a stored time was, said only once it is a day or more: what a desk looking at
a list the morning after needs, without a clock's worth of minutes on every line."""

from __future__ import annotations

from datetime import datetime

from bot.activity import days_ago
from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text


def when_ago(value: str, now: datetime) -> str:
    """'2026-12-03 22:49 UTC', then ', 9 days ago' once that is a day or more."""
    days = days_ago(value, now)
    return when_text(value) + (f", {counted(days, 'day')} ago" if days is not None else "")
