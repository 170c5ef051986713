"""A lead picture's caption and credit glued before the article's own headline in its first
paragraph, as some pages render them: `Crews leave the quay. | Jo Lind/Harbour Wire Strike ends
at the port` (perhaps a section's name between, and the first sentence after)."""

from __future__ import annotations

import re

from bot.ingest.furniture import ends_like_prose

CREDIT = re.compile(r"[A-Z][\w.'’&-]*(?:[ /-][A-Z][\w.'’&-]*){1,11}")
"""The photographer's and the agencies' names, capitalised, a slash between them
(`Ana Sousa/AFP/Getty Images`), perhaps a section's name after (`White House`)."""
BAR = " | "


def without_caption_over_title(first: str, title: str) -> str | None:
    """The first paragraph without a caption, its credit and the headline after them, when
    it holds them: what follows the headline if it reads as prose, else None (nothing left).
    Any other paragraph is given back as it is."""
    bar = first.find(BAR)
    at = first.find(title, bar + len(BAR)) if bar > 0 and title else -1
    if at < 0:
        return first
    credit = first[bar + len(BAR):at].strip()
    if "/" not in credit or not CREDIT.fullmatch(credit):
        return first
    rest = first[at + len(title):].strip()
    return rest if rest and ends_like_prose(rest) else None
