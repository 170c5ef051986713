"""Why a stored article posted nothing, in one line a newsroom user understands."""

from __future__ import annotations

MAX_AGE_SETTING = "WIREWATCH_ALERT_MAX_AGE_HOURS"
REWRITE = "a rewrite that adds no new facts"
NO_TOPIC = "no tracked topic matches this story"
SOURCE_LEFT_OUT = "its source is left out (source: in the query) by every topic its story matches"
ONLY_QUOTES = "only quote subscriptions alert (they need no topic)"
"""With no topic tracked, what a first run or the status says alerts all the same."""


def no_alert_reason(*, verdict: str | None, hold: str | None, has_topic: bool,
                    left_out: bool = False) -> str | None:
    """The reason nothing alerts for this article, or None when it does alert; ``left_out``:
    its story matches topics, but their ``source:`` terms leave this article out."""
    if hold:
        return f"{hold} ({MAX_AGE_SETTING})" if hold.startswith("too old") else hold
    if verdict not in ("new", "update"):
        return REWRITE if verdict == "duplicate" else f"verdict {verdict}"
    if left_out:
        return SOURCE_LEFT_OUT
    return None if has_topic else NO_TOPIC
