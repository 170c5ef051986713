"""A JSON list read one item at a time: a reader that stops early (a batch limit) or keeps few
of its items (a file's failures) never holds millions (10 MB of ``[{},{},…]`` decoded whole by
``json.loads`` peaked at 327 MB)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterator
from typing import Any

_DECODER = json.JSONDecoder()
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
"""What ``raw_decode`` calls (typeshed omits it): one call less on each item."""
_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_SPACES = " \t\n\r"
"""JSON's spaces; the empty string is in it too, so a comma at the text's end takes the
pattern's way (a slice compared: a third faster than ``str.startswith`` on each item)."""


def is_list(text: str) -> bool:
    """The text is a JSON list (or opens like one), as ``json.loads`` reads past its spaces."""
    return text.startswith("[", _skip(text, 0))


def items(text: str) -> Iterator[Any]:
    """The items ``json.loads(text)`` would give for a list, each as it is decoded. Where the
    text is no JSON, the items before the fault are given, then the ``JSONDecodeError`` (or
    ``RecursionError``, ``ValueError``) ``json.loads`` raises there, message and place alike."""
    bracket = _skip(text, 0)
    first = _skip(text, bracket + 1)
    if text.startswith("]", first):
        end = first + 1
    else:
        end = yield from _values(text, bracket, first)
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)


def _values(text: str, bracket: int, start: int) -> Generator[Any, None, int]:
    """The values from ``start`` on, a comma between each and the list's end after the last;
    returns the place after that end."""
    previous, scan = -1, _SCAN
    while True:
        try:
            value, end = scan(text, start)
        except StopIteration as stop:  # as raw_decode says it, without its call on each item
            if previous >= 0:  # no value after a comma
                raise _fault(text, bracket, previous) from None
            raise json.JSONDecodeError("Expecting value", text, stop.value) from None
        yield value
        if text[end:end + 1] == "," and text[end + 1:end + 2] not in _SPACES:
            previous, start = start, end + 1  # the common case, a comma alone: no pattern
            continue
        comma = _COMMA.match(text, end)
        if comma is None:
            break
        previous, start = start, comma.end()
    end = _skip(text, end)
    if not text.startswith("]", end):
        raise _fault(text, bracket, start)
    return end + 1


def _skip(text: str, place: int) -> int:
    """The place past JSON's spaces from ``place``."""
    match = _SPACE.match(text, place)
    return match.end() if match else place


def _fault(text: str, bracket: int, start: int) -> json.JSONDecodeError:
    """``json.loads``'s own error for a list gone wrong after the item at ``start`` (its words
    differ between Python versions): the items before are blanked, line ends kept, so only that
    item is decoded again and the fault keeps its line and column."""
    blank = "\n".join(" " * len(line) for line in text[bracket + 1:start].split("\n"))
    try:
        json.loads(text[:bracket + 1] + blank + text[start:])
    except json.JSONDecodeError as exc:
        return json.JSONDecodeError(exc.msg, text, exc.pos)
    return json.JSONDecodeError("Expecting ',' delimiter", text, start)
