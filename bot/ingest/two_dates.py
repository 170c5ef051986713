"""A string of two dates, a story's publication and its update (`Published 1 Dec, updated 2
Dec`): the dates in it, so the earlier can be taken and an update never makes it fresh."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.ingest.date_forms import MONTH_WORD, as_dateutil_reads
from bot.ingest.date_lines import LABELS
from bot.ingest.date_words import in_english
from bot.ingest.relative_dates import LONGEST, is_weekday, relative

_LABEL = re.compile(rf"\b(?:{LABELS})\b", re.I)
_BETWEEN = re.compile(rf"\s*(?:[|;()\[\]·•]|\s[-–—/]\s|[/,](?=\d{{4}}-\d\d)|"
                      rf",?\s*\b(?:{LABELS})\b\s*:?)\s*|(?<=[\dZz])\s+(?=\d{{4}}-\d\d-\d\d)", re.I)
"""What stands between two dates in one string: `Published 1 Dec, updated 2 Dec`,
`1 December 2026 | Updated 2 December 2026`, `2026-12-01 (updated 2026-12-02)`, an ISO 8601
interval `2026-12-01/2026-12-02`, a space between two ISO moments."""
_MONTH = rf"(?<![a-z])(?:{MONTH_WORD})(?![a-z])\.?"
_A_DAY = re.compile(rf"\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{_MONTH}\s*\d|"
                    rf"\d(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH}|\d{{4}}-?W\d\d", re.I)
"""A piece of the string that names a day, not only a time of day (`10:00 ET`)."""
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d){1,2}(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{1,2}\s*[ap]\.?\s?m\b"
                    r"\.?|\b\d{1,2}\s?h\s?\d\d\b", re.I)
"""A time of day, once ``as_dateutil_reads`` has written it in digits (`noon`, `10.00 GMT`)."""
_UPDATE = re.compile(r"\b(?:last\s+)?(?:updated|modified|edited|revised|aktualisiert|"
                     r"mis à jour|modifi[ée]|actualizado|aggiornato|bijgewerkt|atualizado)\b", re.I)
"""The labels of an update, of those of ``date_lines.LABELS``."""


@dataclass(frozen=True)
class TimeOfDay:
    """A time read on the day another piece names (``day``, its own time there too), and the
    update never before the publication: when the time is the update (``update``), on the
    next day if it would be earlier (`Dec 2 11:00 PM | Updated 1:00 AM`); when the day's piece
    is, on the day before if it would be later."""

    piece: str
    day: str
    update: bool


def dates_in(value: str, now: datetime) -> list[str | datetime | TimeOfDay]:
    """The pieces of ``value`` that each name a day (`Dec 2, 2026 10:00 a.m. ET (1500 GMT)`:
    one, the time in brackets naming none), as dateutil reads them, or the moment a relative
    one names (read once here). A time before the day it is of, or after a label, is read on
    that day (`Published 10:00 AM EST | Updated 11:00 AM EST Dec 2 2026`: two). A weekday
    beside a piece naming a day is that day's, right or not (`Monday | December 2, 2026`, a
    CMS template's stale weekday, was last Monday): its time, if any, read on that day."""
    if len(value) > LONGEST or not _BETWEEN.search(value):  # no date is longer
        return []
    pieces = [(as_dateutil_reads(piece), labelled, update)
              for piece, labelled, update in _pieces(value)]
    days = [i for i, (piece, _, _) in enumerate(pieces) if _A_DAY.search(in_english(piece))]
    found: dict[int, str | datetime | TimeOfDay] = {}
    for i, (piece, labelled, update) in enumerate(pieces):
        moment = None if days and is_weekday(piece) else relative(piece, now)
        if moment is not None or i in days:
            found.setdefault(i, moment or piece)
        elif days and (labelled or i < days[-1]) and _CLOCK.search(piece):
            day, on_it = _nearest(i, days), pieces[_nearest(i, days)]
            found[i] = f"{piece} {_CLOCK.sub(' ', on_it[0])}"
            if not _CLOCK.search(on_it[0]):
                found[day] = ""
            elif update != on_it[2]:
                found[i] = TimeOfDay(str(found[i]), on_it[0], update=update)
    return [piece for _, piece in sorted(found.items()) if piece]


def _pieces(value: str) -> list[tuple[str, bool, bool]]:
    """The pieces between separators, each with whether a label (`Updated`) stands before it
    and whether it is an update's, by that label or its own first word (none empty:
    `Published 1 Dec | Updated 2 Dec` is two)."""
    pieces, start, label = [], 0, ""
    for between in _BETWEEN.finditer(value):
        pieces.append((value[start:between.start()], label))
        start, label = between.end(), between.group(0) if _LABEL.search(between.group(0)) else ""
    return [(piece, bool(label), bool(_UPDATE.search(label) or _UPDATE.match(piece.strip())))
            for piece, label in [*pieces, (value[start:], label)] if piece]


def _nearest(index: int, days: list[int]) -> int:
    """The piece naming a day that the time at ``index`` is of: the next, else the last before."""
    return next((day for day in days if day > index), days[-1])
