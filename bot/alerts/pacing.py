"""Slack's pace, shared by alerts and digests: about one message a second per channel, and a
global pause for as long as a 429's Retry-After says."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock_step import waiting


class Pacer:
    def __init__(self, per_channel_interval: float = 1.0) -> None:
        self.per_channel_interval = per_channel_interval
        self._next_post: dict[str, datetime] = {}
        self._paused_until: datetime | None = None
        self._pause_s = 0.0  # the length of that pause, as Slack asked for it

    def paused(self, now: datetime) -> bool:
        """True while Slack asked us (with a 429) to wait; a pause further off than Slack asked
        for was set before the clock stepped back, and is over."""
        return waiting(self._paused_until, now, self._pause_s)

    def ready(self, channel: str, now: datetime) -> bool:
        return not self.paused(now) and not waiting(self._next_post.get(channel), now,
                                                     self.per_channel_interval)

    def posted(self, channel: str, now: datetime) -> None:
        self._next_post[channel] = now + timedelta(seconds=self.per_channel_interval)

    def rate_limited(self, delay: float, now: datetime) -> None:
        self._paused_until, self._pause_s = now + timedelta(seconds=delay), delay
