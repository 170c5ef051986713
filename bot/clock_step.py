"""Noticing that the wall clock stepped back (NTP setting a fast clock right, a VM restored
from a snapshot): the scheduler's interval jobs are timed on it, and would all wait for it to
catch up, alert delivery, digests, feed polls and folder scans alike."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

STEP_S = 30.0
"""A step back smaller than this is left alone: at worst a job runs that much late."""


class ClockWatch:
    """Compares the wall clock with the monotonic one, which no one sets."""

    def __init__(self, wall: Callable[[], float] = time.time,
                 mono: Callable[[], float] = time.monotonic) -> None:
        self._wall, self._mono = wall, mono
        self._offset = wall() - mono()

    def stepped_back(self) -> float:
        """Seconds the wall clock went back since the last look (0: it did not, or hardly)."""
        offset = self._wall() - self._mono()
        back, self._offset = self._offset - offset, offset
        return back if back > STEP_S else 0.0


def waiting(until: datetime | None, now: datetime, longest: float) -> bool:
    """True before ``until``; a wait of more than ``longest`` seconds, the most it was ever
    set for, is over: the wall clock stepped back since it was set."""
    return until is not None and now < until <= now + timedelta(seconds=longest)
