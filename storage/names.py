"""Names stored without the characters Slack never shows: a topic named "Ukr\\u200baine" or
"\\u202eUkraine" reads as "Ukraine" on every desk's screen (``mrkdwn.clean`` drops them) and is
another topic, so it could pass for one a desk follows."""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Control characters (a tab and a line end aside), the soft hyphen, zero-width characters and
joiners, and the marks, embeddings, overrides and isolates of bidirectional text."""


def visible(name: str) -> str:
    """``name`` without the characters nobody sees, and the spaces around it."""
    return INVISIBLE.sub("", name).strip()
