"""Slack's pace, shared by alerts and digests: about one message a second per channel, and a
global pause for as long as a 429's Retry-After says."""

from __future__ import annotations

from datetime import datetime, timedelta


class Pacer:
    def __init__(self, per_channel_interval: float = 1.0) -> None:
        self.per_channel_interval = per_channel_interval
        self._next_post: dict[str, datetime] = {}
        self._paused_until: datetime | None = None

    def paused(self, now: datetime) -> bool:
        """True while Slack asked us (with a 429) to wait."""
        return self._paused_until is not None and now < self._paused_until

    def ready(self, channel: str, now: datetime) -> bool:
        return not self.paused(now) and self._next_post.get(channel, now) <= now

    def posted(self, channel: str, now: datetime) -> None:
        self._next_post[channel] = now + timedelta(seconds=self.per_channel_interval)

    def rate_limited(self, delay: float, now: datetime) -> None:
        self._paused_until = now + timedelta(seconds=delay)
