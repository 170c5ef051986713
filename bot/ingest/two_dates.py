"""A string of two dates, a story's publication and its update (`Published 1 Dec, updated 2
Dec`): the dates in it, so the earlier can be taken and an update never makes it fresh."""

from __future__ import annotations

import re
from datetime import datetime

from bot.ingest.date_forms import MONTH_WORD
from bot.ingest.date_words import in_english
from bot.ingest.relative_dates import LONGEST, relative

_LABELS = ("last updated|updated|last modified|modified|edited|revised|first published|"
           "originally published|published|posted|aktualisiert|ver[öo]ffentlicht|"
           "mis à jour|publi[ée]|modifi[ée]|actualizado|publicado|aggiornato|pubblicato|"
           "bijgewerkt|gepubliceerd|atualizado")
_BETWEEN = re.compile(rf"\s*(?:[|;()\[\]·•]|\s[-–—/]\s|[/,](?=\d{{4}}-\d\d)|"
                      rf",?\s*\b(?:{_LABELS})\b\s*:?)\s*", re.I)
"""What stands between two dates in one string: `Published 1 Dec, updated 2 Dec`,
`1 December 2026 | Updated 2 December 2026`, `2026-12-01 (updated 2026-12-02)`, an ISO 8601
interval `2026-12-01/2026-12-02`."""
_MONTH = rf"(?<![a-z])(?:{MONTH_WORD})(?![a-z])\.?"
_A_DAY = re.compile(rf"\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{_MONTH}\s*\d|"
                    rf"\d(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH}|\d{{4}}-?W\d\d", re.I)
"""A piece of the string that names a day, not only a time of day (`10:00 ET`)."""


def dates_in(value: str, now: datetime) -> list[str]:
    """The pieces of ``value`` that each name a day (`Dec 2, 2026 10:00 a.m. ET (1500 GMT)`:
    one, the time in brackets naming none)."""
    if len(value) > LONGEST or not _BETWEEN.search(value):  # no date is longer
        return []
    pieces = _BETWEEN.split(value)
    return [p for p in pieces if _A_DAY.search(in_english(p)) or relative(p, now) is not None]
