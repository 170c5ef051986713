"""Why a stored article posted nothing, in one line a newsroom user understands."""

from __future__ import annotations

MAX_AGE_SETTING = "WIREWATCH_ALERT_MAX_AGE_HOURS"
REWRITE = "a rewrite that adds no new facts"
NO_TOPIC = "no tracked topic matches this story"
LEFT_OUT = "every topic its story matches leaves it out"
ONLY_QUOTES = "only quote subscriptions alert (they need no topic)"
"""With no topic tracked, what a first run or the status says alerts all the same."""


def no_alert_reason(*, verdict: str | None, hold: str | None, has_topic: bool,
                    left_out: str | None = None) -> str | None:
    """The reason nothing alerts for this article, or None when it does alert; ``left_out``:
    its story matches topics, but their exclusions (NOT, ``source:``) leave this article out,
    and how ("" when not known)."""
    if hold:
        return f"{hold} ({MAX_AGE_SETTING})" if hold.startswith("too old") else hold
    if verdict not in ("new", "update"):
        return REWRITE if verdict == "duplicate" else f"verdict {verdict}"
    if left_out is not None:
        return f"{LEFT_OUT} ({left_out})" if left_out else LEFT_OUT
    return None if has_topic else NO_TOPIC
