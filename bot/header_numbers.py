"""Numbers in HTTP headers (a length, a timestamp), read alike by the server and the fetcher."""

from __future__ import annotations

LONGEST_NUMBER = 18
"""Digits of a header number at most: 10¹⁸ bytes or seconds is past any real one."""


def digits(value: str) -> bool:
    """A header that is a whole number as HTTP writes one: ``str.isdigit`` also takes "²"
    (a Latin-1 byte in a header), and ``int`` refuses both it and over 4,300 digits with a
    traceback; no length or time needs more than LONGEST_NUMBER digits."""
    return value.isascii() and value.isdigit() and len(value) <= LONGEST_NUMBER
