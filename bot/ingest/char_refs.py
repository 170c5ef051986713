"""Numeric character references that name no character (`&#xD800;`, `&#x110000;`, a number of
twelve digits), read as a browser reads them: U+FFFD. feedparser's fallback parser raised on
them, out of the whole feed."""

from __future__ import annotations

import re

_REFERENCE = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")
REPLACEMENT = b"&#xFFFD;"
LARGEST_CODE_POINT = 0x10FFFF


def mended(data: bytes) -> bytes:
    """The feed's bytes with each reference to no character made U+FFFD's."""
    return _REFERENCE.sub(_mended_one, data)


def _mended_one(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    digits = (hexadecimal or decimal).lstrip(b"0") or b"0"
    if len(digits) > (6 if hexadecimal else 7):
        return REPLACEMENT
    code = int(digits, 16 if hexadecimal else 10)
    if code > LARGEST_CODE_POINT or 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT
    return match.group(0)
