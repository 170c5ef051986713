"""What to say of an answer in JSON where a feed was asked for: a JSON Feed (jsonfeed.org),
a format feedparser does not read, or some other JSON (an API's answer): neither is XML, so
feedparser's 'not well-formed' was no help."""

from __future__ import annotations

import json

JSON_FEED_VERSION = "jsonfeed.org/version/"


def json_answer(data: bytes) -> str | None:
    """Why ``data`` is no feed when it is JSON (what follows the address), else None."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
        return None
    try:
        read = json.loads(data.decode("utf-8-sig"))
    except (UnicodeError, ValueError, RecursionError):
        return None
    version = read.get("version") if isinstance(read, dict) else None
    if isinstance(version, str) and JSON_FEED_VERSION in version:
        return ("is a JSON Feed, which wirewatch does not read: add the site's RSS or Atom feed "
                "instead (look for its RSS link), or ask the publisher for one")
    return "answered JSON data, not an RSS or Atom feed; check the address in a browser"
