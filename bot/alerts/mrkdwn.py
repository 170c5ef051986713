"""Putting untrusted text into Slack messages: escaped so it never pings or links, cut to fit."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """Slack's three control characters; text can then never become a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str) -> str:
    """Drop control and direction-override characters that would garble a message."""
    return _CONTROL.sub("", text or "")


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis when too long."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 0)]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def fit(text: str, limit: int) -> str:
    """Escaped mrkdwn of at most ``limit`` characters, never ending inside an entity."""
    raw = clean(text)
    out = escape(raw)
    while len(out) > limit:
        raw = cut(raw, len(raw) - (len(out) - limit) - 1)
        out = escape(raw)
    return out


def plain(text: str, limit: int, *, fallback: str = "(untitled)") -> str:
    """Plain text for headers and buttons: cleaned, one line, cut, never empty."""
    one_line = " ".join(clean(text).split())
    return cut(one_line or fallback, limit)
