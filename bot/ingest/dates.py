"""Reading an article's published time, however a feed, CMS or scraper writes it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from dateutil import parser as dateparser
from dateutil import tz

from bot.ingest.date_words import ENGLISH, in_english
from bot.ingest.relative_dates import LONGEST, relative
from bot.ingest.unix_time import is_bare_number, is_unix_time, unix_time
from bot.ingest.zones import offset_as_written, zone_named

_DAY_MONTH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")
_SPOKEN = ((re.compile(r"\b(?:12(?::00)?\s*)?noon\b", re.I), "12:00"),
           (re.compile(r"\b(?:12(?::00)?\s*)?midnight\b", re.I), "00:00"),
           (re.compile(r"\b(\d{1,2})\.(\d\d)\s*(?=[ap]\.?\s?m\b|uhr\b)", re.I), r"\1:\2 "),
           (re.compile(r"(?<![\d.])(\d{1,2})\.(\d\d)(?![\d.])(?=\s*(?:[A-Z]{2,5}\b|[+-]\d\d|$))"),
            r"\1:\2"))
"""`noon` (read as 00:00), `midnight` (the day's start, as ISO 8601 has it), `10.30am` and
`10.30 Uhr` (10:00; with a date `2.12.2026 um 10.30 Uhr`, no date), and `10.00 GMT` or a
date ending `10.00` (no date) as dateutil reads them."""
_DOTNET = re.compile(r"\s*/?Date\((-?\d{1,16})(?:[+-]\d{4})?\)/?\s*")
"""A date as .NET's JSON serializer writes it, `/Date(1796198400000)/` (milliseconds since the
epoch, then perhaps the writer's offset, which does not change the moment)."""
AHEAD = timedelta(days=2)
"""A date written without its year that falls further ahead than this is last year's
(`Dec 30` read on 2 January: dateutil took this year's, a year ahead)."""
_SOME_YEAR = 4
"""A leap year no article is dated in: dateutil's default year, to see that none was written."""
MINUS_SIGNS = dict.fromkeys(map(ord, "\u2010\u2011\u2212\ufe63\uff0d"), "-")
"""Hyphens and minus signs word processors and typographic CMSs put in dates: dateutil read
`10:00:00−05:00` (U+2212) as five hours ahead of UTC, and `2026‑12‑02` (U+2011) as no date."""
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\u2013\u2014](?=\d)")
"""`2026–12–02` with en dashes, as autocorrect writes it."""
_MONTH_WORD = "|".join([*ENGLISH[1:], *(m[:3] for m in ENGLISH[1:]), "sept"])
_DAY_RANGES = (
    re.compile(rf"\b(\d{{1,2}})\s*-\s*\d{{1,2}}(?=\.?\s+(?:{_MONTH_WORD})\b)", re.I),
    re.compile(rf"\b((?:{_MONTH_WORD})\.?\s+\d{{1,2}})\s*-\s*\d{{1,2}}\b(?![:.\d])", re.I))
"""A range of days, `1-2 Dec 2026`, `Dec 1-2, 2026` (dateutil read the year 2001 or 2002): its
first day, as of two dates the earlier is taken."""
_ISO_WEEK = re.compile(r"\s*\d{4}-?W\d\d(?:-?\d)?(?:T\S+)?\s*", re.I)
"""An ISO 8601 week date, `2026-W49-3` (no date to dateutil) or `2026W493` (the year 493)."""
_LABELS = ("last updated|updated|last modified|modified|edited|revised|first published|"
           "originally published|published|posted|aktualisiert|ver[öo]ffentlicht|"
           "mis à jour|publi[ée]|modifi[ée]|actualizado|publicado|aggiornato|pubblicato|"
           "bijgewerkt|gepubliceerd|atualizado")
_BETWEEN = re.compile(rf"\s*(?:[|;()\[\]·•]|\s[-–—/]\s|[/,](?=\d{{4}}-\d\d)|"
                      rf",?\s*\b(?:{_LABELS})\b\s*:?)\s*", re.I)
"""What stands between two dates in one string: `Published 1 Dec, updated 2 Dec`,
`1 December 2026 | Updated 2 December 2026`, `2026-12-01 (updated 2026-12-02)`, an ISO 8601
interval `2026-12-01/2026-12-02`."""
_PLACE_ZONE = re.compile(r"\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)"
                         r"(?:/[A-Z][A-Za-z_-]+)+")
"""A zone named by its place (`2026-12-02 10:00 Europe/Berlin`), which dateutil skips."""
_MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_A_DAY = re.compile(rf"\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{_MONTH}\s*\d|"
                    rf"\d(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH}|\d{{4}}-?W\d\d", re.I)
"""A piece of the string that names a day, not only a time of day (`10:00 ET`)."""
_A_DAY_OR_TIME = re.compile(
    rf"(?<![a-z])(?:{_MONTH_WORD})(?![a-z])|\d{{1,4}}[/.-]\d{{1,2}}|\d{{1,4}}\s\d{{1,2}}\s\d{{2,4}}|"
    r"\d{8}|\d(?:st|nd|rd|th)\b|\d\s*[年月日]|\d:\d\d|\d\s*[ap]\.?m\b|\d\s?h\s?\d\d", re.I)
"""What a date names, in English: a month, a date in digits, or a time of day (`10:00 ET` is
today's). A string of none (`Page 12`, `Part 3 of 5`, `Week 49`, `Published in 2025`) is no
date, where dateutil's fuzzy reading took its numbers for a day, a month or a year."""
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_A_MONTH = re.compile(rf"(?<![a-z])(?:{_MONTH_WORD})(?![a-z])|\d{{1,4}}[/.-]\d{{1,2}}|"
                      r"\d{1,4}\s\d{1,2}\s\d{2,4}|\d{8}|\d\s*月", re.I)
"""A year with no month that can be read (`2 listopada 2026`, `śr, 02 lis 2026`, a month in a
language ``date_words`` does not know): dateutil skipped the word and took the day for the
month, 2 February. Such a date is none."""


def normalise_time(value: str | None) -> str | None:
    """Any reasonable date string to ISO 8601 (UTC when no zone is given), or None. A date
    both ways readable (02/12/2026: 2 December to a British desk, 12 February to an American
    one) is read the way nearer the clock: news is dated near its arrival. Unix time, times
    relative to now and month names in other languages are read too (``unix_time``,
    ``relative_dates``, ``date_words``); a string only of a number too short for Unix time
    (`2026`) is none. A string of two dates (published, then updated) is the earlier."""
    if value:
        value = _DASH_BETWEEN_DIGITS.sub("-", value.translate(MINUS_SIGNS))
    if not value or is_bare_number(value):
        return None
    dotnet = _DOTNET.fullmatch(value)
    if is_unix_time(value) or dotnet:
        try:
            stamped = unix_time(int(dotnet.group(1)) if dotnet else value)
        except ValueError:
            return None
        return stamped.isoformat() if stamped else None
    now = datetime.now(UTC)
    pieces = _BETWEEN.split(value) if len(value) <= LONGEST else []  # no date is longer
    days = [p for p in pieces if _A_DAY.search(in_english(p)) or relative(p, now) is not None]
    if len(days) > 1:
        read = [when for when in (_one_date(p, now) for p in days) if when is not None]
        return min(read).isoformat() if read else None
    when = _one_date(value, now)
    return when.isoformat() if when else None


def _one_date(value: str, now: datetime) -> datetime | None:
    for spoken, written in _SPOKEN:
        value = spoken.sub(written, value)
    moment = relative(value, now)
    if moment is not None:
        return moment.replace(microsecond=0)
    if _ISO_WEEK.fullmatch(value):
        return _week_date(value)
    value = in_english(value)
    for days in _DAY_RANGES:
        value = days.sub(r"\1", value)
    if not _A_DAY_OR_TIME.search(value) or (_YEAR.search(value)
                                             and not _A_MONTH.search(value)):
        return None
    when = _parsed(value, now, dayfirst=False)
    if when is not None and _both_ways(value):
        other = _parsed(value, now, dayfirst=True)
        if other is not None and abs(other - now) < abs(when - now):
            when = other
    return when


def _week_date(value: str) -> datetime | None:
    """An ISO week date's day (the week's Monday if no day is given); None for a week no year
    has (`2026-W54`)."""
    try:
        when = datetime.fromisoformat(value.strip().upper())
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _parsed(value: str, now: datetime, *, dayfirst: bool) -> datetime | None:
    named = _PLACE_ZONE.search(value)
    place = tz.gettz(named.group(0)) if named else None
    default = now.replace(year=_SOME_YEAR, hour=0, minute=0, second=0, microsecond=0,
                          tzinfo=None)
    try:
        when = dateparser.parse(offset_as_written(value), fuzzy=True, dayfirst=dayfirst,
                                tzinfos=_zone, default=default)
        if when.year == _SOME_YEAR:
            when = _in_the_year_before_now(when, now)
        return (when if when.tzinfo else when.replace(tzinfo=place or UTC)).astimezone(UTC)
    except (ValueError, OverflowError, TypeError):  # in UTC, before year 1 or after 9999
        return None


def _in_the_year_before_now(when: datetime, now: datetime) -> datetime:
    """A date written without its year: this year's, or last year's if that is further ahead
    than ``AHEAD`` (29 February in a year without one raises ValueError: no date)."""
    this_year = when.replace(year=now.year)
    ahead = (this_year if this_year.tzinfo else this_year.replace(tzinfo=UTC)) - now
    return when.replace(year=now.year - 1) if ahead > AHEAD else this_year


def _both_ways(value: str) -> bool:
    """A day and a month that could be either (both 12 or under, not equal), year last."""
    found = _DAY_MONTH_YEAR.search(value)
    if not found:
        return False
    first, second = int(found.group(1)), int(found.group(2))
    return first != second and 1 <= first <= 12 and 1 <= second <= 12


def _zone(name: str | None, offset: int | None) -> int | tzinfo | None:
    """dateutil's tzinfos hook: a named zone's offset, or None for a name of no one offset."""
    if offset is not None or not name:
        return offset
    return zone_named(name)
