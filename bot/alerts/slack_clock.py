"""Where in a conversation's history the post of one try can be, by Slack's clock: Slack stamps
a post by its own, and this machine's may run fast or slow of it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

from bot.models import LookWindow

LATE_POST_WINDOW = 120.0
"""Seconds after a try whose answer never came (the client's timeout, a gateway's 504, the
process killed during the call) in which Slack may still make its post: until then the try is
looked for again before each retry, never posted again; a post Slack makes later than that
is posted twice."""
KNOWN_MARGIN_S = 300.0
"""How far either side of the try the window reaches once Slack's clock is known (from the ts
of a post this run made): the clock may have been set since, and a pass's posts take time."""
UNKNOWN_MARGIN_S = 24 * 3600.0
"""The same before this run has posted anything: this machine's clock may be hours out (set to
local time as if it were UTC) and set right since; reading further costs pages only."""


def late_waits(client_timeout: float) -> tuple[float, float]:
    """For a client that waits ``client_timeout`` seconds for an answer: how long after a try
    whose answer never came it is first looked for (three timeouts: ANSWER_LATE_WAIT for 10 s),
    and its late window (twelve: LATE_POST_WINDOW)."""
    return 3 * client_timeout, 12 * client_timeout


class SlackClock:
    """How far Slack's clock is ahead of this machine's, as the latest post's ts said."""

    def __init__(self, wall: Callable[[], float] = time.time) -> None:
        self._wall = wall
        self._ahead: float | None = None
        self._lock = threading.Lock()

    def heard(self, ts: str) -> None:
        """Slack answered a post with ``ts``, stamped at most the call's length ago."""
        try:
            stamped = float(ts)
        except ValueError:
            return
        with self._lock:
            self._ahead = stamped - self._wall()

    def answered(self, headers: Mapping[str, Any] | None) -> None:
        """Slack answered a call (start-up's auth.test) with these headers: until a post's ts
        tells it, its Date (whole seconds, well within ``KNOWN_MARGIN_S``) sets the clock, so a
        run's first try's span is minutes, not two days of a busy channel's history."""
        value = _header(headers, "date")
        try:
            stamped = parsedate_to_datetime(value).timestamp() if value else None
        except (TypeError, ValueError):
            return
        if stamped is None:
            return
        with self._lock:
            if self._ahead is None:
                self._ahead = stamped - self._wall()

    def now(self) -> float | None:
        """Slack's time now; None until a post or start-up told it."""
        with self._lock:
            ahead = self._ahead
        return None if ahead is None else self._wall() + ahead

    def window(self, late_window: float = LATE_POST_WINDOW) -> LookWindow:
        """The window for a try made now: its post is stamped after it starts and, at the
        latest, ``late_window`` seconds later."""
        with self._lock:
            ahead = self._ahead
        now = self._wall() + (ahead or 0.0)
        margin = UNKNOWN_MARGIN_S if ahead is None else KNOWN_MARGIN_S
        return LookWindow(now - margin, now + late_window + margin)


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value[0] if isinstance(value, list) and value else value)
    return None
