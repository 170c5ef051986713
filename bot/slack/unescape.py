"""Slash-command text arrives HTML-escaped (&amp; &lt; &gt;); it is decoded once, here."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt.request import BoltRequest


def unescape(text: str) -> str:
    """Slack escapes three characters; ``&amp;`` goes last, so a typed ``&lt;`` stays ``&lt;``."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def unescape_command_text(req: BoltRequest, body: dict, next: Callable[[], object]) -> object:
    """Bolt middleware: every command's ``text`` is plain text from here on."""
    if body.get("command") and isinstance(body.get("text"), str):
        body["text"] = unescape(body["text"])
    return next()
