"""Which channel events came after the one already applied: Slack resends an event it got no
quick answer to (a minute later, then five), whether or not the first try got through, so an
archive can arrive again after the unarchive that followed it."""

from __future__ import annotations

import threading


class ChannelEventOrder:
    """The time and type of the latest pausing or resuming event applied to each channel."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: dict[str, tuple[int, str]] = {}

    def later_than(self, channel: str, event_time: object, kind: str) -> str | None:
        """The type of an event applied to ``channel`` after ``event_time`` (the event is then
        out of date), or None: the event is the newest, and is remembered as such. An event
        without a time is taken as the newest."""
        if not isinstance(event_time, int) or isinstance(event_time, bool):
            return None
        with self._lock:
            latest = self._latest.get(channel)
            if latest and latest[0] > event_time:
                return latest[1]
            self._latest[channel] = (event_time, kind)
            return None
