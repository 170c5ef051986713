"""A date line of the copy with more on it than ``furniture.published_of`` reads: its label
after the date (`Wed, 02 Dec 2026 | Updated 10:00`), a byline before or after it (`Posted
on December 2, 2026 by Ana Ruiz`, `By Ana Ruiz | December 2, 2026`), or the outlet's name
beside it (`Published 2 Dec 2026 10:00 GMT | Harbour Wire`, `By Ana Ruiz, Harbour Wire |
December 2, 2026`). Such a line stayed in the copy as its first paragraph (the summary's,
what's new's, `/who-said`'s)."""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.ingest import furniture
from bot.ingest.date_lines import LABELS, plain_words
from bot.ingest.dates import normalise_time

_BY_AFTER = re.compile(r"^(?P<when>.*?\d.*?)\s*(?:[|·•]\s*|\s[-–—]\s+|,?\s+)(?P<by>[Bb]y\s+\S.*)$")
_BY_BEFORE = re.compile(r"^(?P<by>[Bb]y\s+\S.*?)\s*(?:[|·•,]|\s[-–—])\s*(?P<when>.*\d.*)$")
_LABEL = re.compile(rf"\b(?:{LABELS})\b", re.I)
_OUTLET_AFTER = re.compile(r"^(?P<when>.*\d.*?)\s*(?:[|·•]|\s[-–—])\s*(?P<outlet>[^|·•\d]+)$")
_OUTLET_BEFORE = re.compile(r"^(?P<outlet>[^|·•\d]+?)\s*(?:[|·•]|\s[-–—])\s*(?P<when>.*\d.*)$")
OUTLET_WORDS = 4
_BY = re.compile(r"[Bb]y\s")
_SEPARATOR = re.compile(r"[|·•]|\s[-–—]")
"""What the byline's and the outlet's patterns cannot match without: most lines lack it, and
the patterns, looking for it after every digit, cost many times what a look for it does."""


class DateLine(NamedTuple):
    when: str | None
    byline: str | None
    outlet: str | None = None


def dated_byline_of(line: str) -> DateLine | None:
    """The date, byline and outlet of such a line (the date or the byline at least), or None
    for a line that is not one: the rest of it must be a date a line of the copy gives alone."""
    line = line.strip()
    if len(line) > 160:
        return None
    for pattern in (_BY_BEFORE, _BY_AFTER) if _BY.search(line) else ():
        found = pattern.match(line)
        byline = furniture.byline_of(found.group("by")) if found else None
        dated = _outlet_and_date(found.group("when"), labelled=False) if found and byline else None
        if dated:
            return DateLine(dated[0], byline, dated[1])
    dated = _outlet_and_date(line, labelled=True)
    return DateLine(dated[0], None, dated[1]) if dated else None


def _outlet_and_date(text: str, *, labelled: bool) -> tuple[str, str | None] | None:
    """The date of ``text`` and the outlet named beside it, if one is: an outlet's name stands
    for a label (`December 2, 2026 | Harbour Wire`)."""
    when = _date_of(text, labelled=labelled)
    if when:
        return when, None
    for pattern in (_OUTLET_AFTER, _OUTLET_BEFORE) if _SEPARATOR.search(text) else ():
        found = pattern.match(text)
        if found and is_outlet(found.group("outlet")):
            when = _date_of(found.group("when"), labelled=False)
            if when:
                return when, found.group("outlet").strip()
    return None


def is_outlet(text: str) -> bool:
    """A few capitalised words that are not a date's, a label's or a byline's: 'Harbour Wire',
    'HARBOUR WIRE Network' (not 'Monday', 'Last updated', 'By Ana Ruiz' or 'The company')."""
    words = text.split()
    return (0 < len(words) <= OUTLET_WORDS and furniture.names_a_source(text)
            and not set(plain_words(text)) <= furniture.DATE_WORDS and not _LABEL.search(text)
            and furniture.byline_of(text) is None and not furniture.ends_like_prose(text))


def _date_of(text: str, *, labelled: bool) -> str | None:
    """The date a line of only a date gives: after a label (`Published …`), or with one
    after it; without any, only beside a byline or an outlet (``labelled``: one is needed)."""
    published = furniture.published_of(text)
    if published and not published[0]:
        return published[1] if normalise_time(published[1]) else None
    if published or not furniture.only_a_date(text):
        return None
    if labelled and not _LABEL.search(text):
        return None
    return text if normalise_time(text) else None
