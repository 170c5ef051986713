"""A date given as Unix time: seconds, or milliseconds as JavaScript and many CMSs write it
(or microseconds), in a JSON number or a string of digits."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

DIGITS = re.compile(r"\s*-?\d{9,}(?:\.\d+)?\s*")
"""Nine digits or more: eight are a compact date (20261202), which dateutil reads."""
_NUMBER = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*")
_COMPACT_DATE = re.compile(r"\s*\d{8}\s*")
EARLIEST = 100_000_000  # March 1973: fewer seconds than this are no article's date
LATEST = 4_102_444_800  # 2100-01-01
UNITS = (1, 1_000, 1_000_000)
ABSURD = ("which is no Unix time of an article (seconds, milliseconds or microseconds between "
          "1973 and 2100); send ISO 8601 (2026-12-02T09:00:00Z) or Unix seconds")
TOO_SHORT = ("a number too short to be Unix time, and no date; send ISO 8601 "
             "(2026-12-02T09:00:00Z) or Unix seconds")


def unix_time(value: object) -> datetime | None:
    """The moment a number (or a string of nine digits or more) stands for; None for 0, as
    clocks write an empty date. A number no clock would write raises ValueError saying so."""
    number = _number(value)
    if number == 0:
        return None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{value!r}, {ABSURD}")
    for unit in UNITS:
        seconds = number / unit
        if seconds < LATEST:
            if seconds < EARLIEST:
                break
            return datetime.fromtimestamp(seconds, UTC)
    raise ValueError(f"{value!r}, {ABSURD}")


def is_unix_time(value: object) -> bool:
    """A JSON number (not true or false) or a string of nine digits or more."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float) or (isinstance(value, str) and
                                              DIGITS.fullmatch(value) is not None)


def _number(value: object) -> float:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value) if abs(value) < 10 ** 30 else math.inf
    if isinstance(value, float):
        return value
    return float(str(value).strip())


def is_bare_number(value: object) -> bool:
    """A string that is only a number too short to be Unix time (`-1`, `2026`), which
    dateutil reads as a day of this month; an eight-digit compact date (20261202) is a date."""
    return (isinstance(value, str) and _NUMBER.fullmatch(value) is not None
            and DIGITS.fullmatch(value) is None and _COMPACT_DATE.fullmatch(value) is None)
