"""A channel named in /subscribe or /unsubscribe: the command acts where it is typed, so the
answer says where to type what."""

from __future__ import annotations

import re

from handlers.common import echo

CHANNEL_NAMED = re.compile(r"<#([CG][A-Z0-9]{1,20})(?:\|[^<>]*)?>")
"""A channel mention as Slack sends it in a command's text (`<#C0PUB|pub>`, `<#C0PUB|>`)."""
NAMED_WHERE = re.compile(r"(?:\b(?:in|to)\s+)?" + CHANNEL_NAMED.pattern, re.IGNORECASE)
"""The mention with the word that sends the command there (`in #pub`)."""
SHOWN_MENTION = re.compile(r"<[@!][^<>|]*\|@?([^<>|]+)>")
"""A mention as Slack sends it (`<@U0ANNA|anna>`, `<!subteam^S0DESK|@desk>`), to show as typed."""


def without_channels(text: str) -> str:
    """``text`` with every channel it names left out."""
    return " ".join(NAMED_WHERE.sub(" ", text).split())


def shown_notify(notify: str | None) -> str:
    """`` notify @anna``, as typed (nothing when no one was named)."""
    return "" if notify is None else " notify " + SHOWN_MENTION.sub(r"@\1", notify)


def type_it_there(verb: str, again: str, channel: str) -> str:
    """``again``: the command to type in ``channel``, as the person meant it."""
    return (f"`/{verb}` acts on the channel it is typed in (or on you, with `me`), not on a "
            f"channel it names: type `{echo(again, 400)}` in <#{channel}> itself. Nothing was "
            "changed.")
