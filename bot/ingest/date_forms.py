"""Dates as CMSs and word processors write them, rewritten into what dateutil reads, and the
strings that name no date at all (which dateutil's fuzzy reading dated anyway)."""

from __future__ import annotations

import re

from bot.ingest.date_words import ENGLISH
from bot.ingest.zones import OFFSETS, REGIONS

MINUS_SIGNS = dict.fromkeys(map(ord, "\u2010\u2011\u2212\ufe63\uff0d"), "-")
"""Hyphens and minus signs word processors and typographic CMSs put in dates: dateutil read
`10:00:00−05:00` (U+2212) as five hours ahead of UTC, and `2026‑12‑02` (U+2011) as no date."""
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\u2013\u2014](?=\d)")
"""`2026–12–02` with en dashes, as autocorrect writes it."""
MONTH_WORD = "|".join([*ENGLISH[1:], *(m[:3] for m in ENGLISH[1:]), "sept"])
_DAY_RANGES = (
    re.compile(rf"\b(\d{{1,2}})\s*-\s*\d{{1,2}}(?=\.?\s+(?:{MONTH_WORD})\b)", re.I),
    re.compile(rf"\b((?:{MONTH_WORD})\.?\s+\d{{1,2}})\s*-\s*\d{{1,2}}\b(?![:.\d])", re.I))
"""A range of days, `1-2 Dec 2026`, `Dec 1-2, 2026` (dateutil read the year 2001 or 2002): its
first day, as of two dates the earlier is taken."""
_AT = r"(?:\b(?:al|ao|a|am|à)\s+)?"
"""`al mediodía`, `ao meio-dia`, `am Mittag`: the word for `at` of a time the relative reading
does not take before digits (`ayer al mediodía`)."""
NOON = ("noon|mittags?|(?<!-)(?<!après )midi(?![-\\w])|mediod[ií]a|mezzogiorno|mezzod[iì]|"
        "middaguur|meio[-\\s]dia")
MIDNIGHT = "midnight|mitternacht|minuit|medianoche|mezzanotte|middernacht|meia[-\\s]noite"
"""Noon and midnight in English, German, French, Spanish, Italian, Dutch and Portuguese."""
_SPOKEN = ((re.compile(rf"{_AT}\b(?:12(?:[:.]00)?\s*(?:uhr\s*)?)?(?:{NOON})\b", re.I), " 12:00"),
           (re.compile(rf"{_AT}\b(?:12(?:[:.]00)?\s*(?:uhr\s*)?)?(?:{MIDNIGHT})\b", re.I),
            " 00:00"),
           (re.compile(r"\b(?<!:\d\d:)(\d{1,2})\.(\d\d)\s*(?=[ap]\.?\s?m\b|uhr\b)", re.I),
            r"\1:\2 "),
           (re.compile(r"(?<![\d.])(?<!:\d\d:)(\d{1,2})\.(\d\d)(?![\d.])"
                       r"(?=\s*(?:[A-Z]{2,5}\b|[+-]\d\d|$))"), r"\1:\2"))
"""`noon` (read as 00:00), `midnight` (the day's start, as ISO 8601 has it), `10.30am` and
`10.30 Uhr` (10:00; with a date `2.12.2026 um 10.30 Uhr`, no date), and `10.00 GMT` or a
date ending `10.00` (no date) as dateutil reads them; not seconds' decimals (`10:00:05.25Z`
was read as 05:25, then no date)."""
_A_DAY_OR_TIME = re.compile(
    rf"(?<![a-z])(?:{MONTH_WORD})(?![a-z])|\d{{1,4}}[/.-]\d{{1,2}}|\d{{1,4}}\s\d{{1,2}}\s\d{{2,4}}|"
    r"\d{8}|\d(?:st|nd|rd|th)\b|\d\s*[年月日]|\d:\d\d|\d\s*[ap]\.?m\b|\d\s?h\s?\d\d", re.I)
"""What a date names, in English: a month, a date in digits, or a time of day (`10:00 ET` is
today's). A string of none (`Page 12`, `Part 3 of 5`, `Week 49`, `Published in 2025`) is no
date, where dateutil's fuzzy reading took its numbers for a day, a month or a year."""
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_A_MONTH = re.compile(rf"(?<![a-z])(?:{MONTH_WORD})(?![a-z])|\d{{1,4}}[/.-]\d{{1,2}}|"
                      r"\d{1,4}\s\d{1,2}\s\d{2,4}|\d{8}|\d\s*月", re.I)
"""A year with no month that can be read (`2 listopada 2026`, `śr, 02 lis 2026`, a month in a
language ``date_words`` does not know): dateutil skipped the word and took the day for the
month, 2 February. Such a date is none."""
_US_ZONE = re.compile(r"(?<![/\w])(Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?"
                      r"(?:\s+Time)?\b(?![/\s]+Europe|/)", re.I)
"""`10:00 a.m. Eastern` (`Eastern Time`, `Pacific Standard Time`), dropped by dateutil for UTC:
the region's abbreviation, which ``zones.regional`` reads."""


_ZONE_NAME = "|".join(sorted((*OFFSETS, *REGIONS), key=len, reverse=True))
_DOTTED_ZONE = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})(?!\w)")
"""`E.T.`, `E.S.T.`, as some style books write a zone: dateutil skipped it for UTC."""
_HALF_DAY = re.compile(r"(?<=\d)\s*([AaPp])\.\s?[Mm]\.")
"""`10:00 A.M.`: dateutil took the `M.` for a zone, dropping the zone written after it."""
_MILITARY = re.compile(rf"(?<![\w:.,/+-])([01]\d|2[0-3])([0-5]\d)(?=\s*\(?(?:{_ZONE_NAME})\b)")
"""A wire's time before its zone, `1200 GMT`, `0930 GMT`: dateutil read the year 1200 or 930."""
_RESTATED = re.compile(rf"\s*\(\s*(?:\d{{1,2}}:\d\d|\d{{4}})\s*(?:{_ZONE_NAME})\s*\)")
"""`10:00 a.m. ET (1500 GMT)`: the wire's same moment again, in brackets after a time."""
_A_CLOCK = re.compile(r"\d:\d\d|\d\s*[ap]\.?\s?m\b", re.I)
_YEAR_LIKE = re.compile(r"(?<![\w:.,/+-])(?:19|20)\d\d(?!\d)")


def as_dateutil_reads(value: str) -> str:
    """``value`` with its hyphens plain, its spoken times in digits and a range of days its
    first day (after month names are English: ``date_words.in_english``)."""
    value = _DASH_BETWEEN_DIGITS.sub("-", value.translate(MINUS_SIGNS))
    value = _HALF_DAY.sub(lambda found: f" {found.group(1).lower()}m", _without_restated(value))
    value = _DOTTED_ZONE.sub(_undotted, _MILITARY.sub(lambda t: _as_clock(t, value), value))
    for written, plain in (*_SPOKEN, *((days, r"\1") for days in _DAY_RANGES)):
        value = written.sub(plain, value)
    return _US_ZONE.sub(lambda found: found.group(1)[0].upper() + "T", value)


def _without_restated(value: str) -> str:
    restated = _RESTATED.search(value)
    if restated and _A_CLOCK.search(value, 0, restated.start()):
        return value[:restated.start()] + value[restated.end():]
    return value


def _undotted(found: re.Match[str]) -> str:
    letters = found.group(1).replace(".", "")
    return letters if letters in OFFSETS or letters in REGIONS else found.group(1)


def _as_clock(found: re.Match[str], value: str) -> str:
    """A four-digit time before a zone as `HH:MM`; not the string's only year (`2 Dec 2026
    GMT`)."""
    if _YEAR_LIKE.fullmatch(found.group(0)) and len(_YEAR_LIKE.findall(value)) < 2:
        return found.group(0)
    return f"{found.group(1)}:{found.group(2)}"


def names_a_date(value: str) -> bool:
    """A month, a date in digits or a time of day, and a readable month wherever a year is."""
    return bool(_A_DAY_OR_TIME.search(value)) and not (_YEAR.search(value)
                                                        and not _A_MONTH.search(value))
