"""A date line of the copy with more on it than ``furniture.published_of`` reads: its label
after the date (`Wed, 02 Dec 2026 | Updated 10:00`), or a byline before or after it (`Posted
on December 2, 2026 by Ana Ruiz`, `By Ana Ruiz | December 2, 2026`). Such a line stayed in the
copy as its first paragraph (the summary's, what's new's, `/who-said`'s)."""

from __future__ import annotations

import re

from bot.ingest import furniture
from bot.ingest.date_lines import LABELS
from bot.ingest.dates import normalise_time

_BY_AFTER = re.compile(r"^(?P<when>.*?\d.*?)\s*(?:[|·•]\s*|\s[-–—]\s+|,?\s+)(?P<by>[Bb]y\s+\S.*)$")
_BY_BEFORE = re.compile(r"^(?P<by>[Bb]y\s+\S.*?)\s*(?:[|·•,]|\s[-–—])\s*(?P<when>.*\d.*)$")
_LABEL = re.compile(rf"\b(?:{LABELS})\b", re.I)


def dated_byline_of(line: str) -> tuple[str | None, str | None] | None:
    """The date and byline of such a line (either may be None, not both), or None for a line
    that is not one: the rest of it must be a date a line of the copy gives alone."""
    line = line.strip()
    if len(line) > 160:
        return None
    for pattern in (_BY_BEFORE, _BY_AFTER):
        found = pattern.match(line)
        byline = furniture.byline_of(found.group("by")) if found else None
        when = _date_of(found.group("when"), labelled=False) if found and byline else None
        if when:
            return when, byline
    when = _date_of(line, labelled=True)
    return (when, None) if when else None


def _date_of(text: str, *, labelled: bool) -> str | None:
    """The date a line of only a date gives: after a label (`Published …`), or with one
    after it; without any, only beside a byline (``labelled``: one is needed)."""
    published = furniture.published_of(text)
    if published and not published[0]:
        return published[1] if normalise_time(published[1]) else None
    if published or not furniture.only_a_date(text):
        return None
    if labelled and not _LABEL.search(text):
        return None
    return text if normalise_time(text) else None
