"""Reading an article's published time, however a feed, CMS or scraper writes it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dateutil import parser as dateparser
from dateutil import tz

from bot.ingest.date_forms import MINUS_SIGNS, as_dateutil_reads, names_a_date
from bot.ingest.date_words import in_english
from bot.ingest.relative_dates import relative
from bot.ingest.two_dates import TimeOfDay, dates_in
from bot.ingest.unix_time import is_bare_number, is_unix_time, unix_time
from bot.ingest.zones import offset_as_written, zone_named

_DAY_MONTH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")
_DOTNET = re.compile(r"\s*/?Date\((-?\d{1,16})(?:([+-])([01]\d)([0-5]\d)|[+-]\d{4})?\)/?\s*")
"""A date as .NET's JSON serializer writes it, `/Date(1796198400000)/` (milliseconds since the
epoch, then perhaps the writer's offset, which does not change the moment; one of 20 hours or
more, which no zone has, is read as none)."""
AHEAD = timedelta(days=2)
"""A date written without its year that falls further ahead than this is last year's
(`Dec 30` read on 2 January: dateutil took this year's, a year ahead)."""
_SOME_YEAR = 4
"""A leap year no article is dated in: dateutil's default year, to see that none was written."""
_ISO_WEEK = re.compile(r"\s*\d{4}-?W\d\d(?:-?\d)?(?:T\S+)?\s*", re.I)
"""An ISO 8601 week date, `2026-W49-3` (no date to dateutil) or `2026W493` (the year 493)."""
_ISO_8601 = re.compile(r"[12]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
                       r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?"
                       r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?")
"""A date as a feed or a CMS writes it for machines (`2026-12-02T10:00:00Z`), in years 1000 to
2999, with up to nine decimals of a second (past six cut, as ``_read`` cuts them) or none and an
offset under a day: read at once as ``_read`` reads it."""
_PLACE_ZONE = re.compile(r"\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)"
                         r"(?:/[A-Z][A-Za-z_-]+)+")
"""A zone named by its place (`2026-12-02 10:00 Europe/Berlin`), which dateutil skips."""


LONGEST = 300
"""No date a feed, a CMS or a line of the copy writes is longer (two dates with their labels
and zones in words take about 150 characters); a longer string, or a run of spaces, made the
patterns here search for seconds, and a feed's 1 MB "date" for hours: it is no date. Spaces are
read as one."""


@dataclass(frozen=True)
class Published:
    """A published time as read: ``moment`` in UTC (ISO 8601, what is stored and compared),
    ``offset`` the minutes east of UTC of the zone its writer dated it in (None for UTC, or for
    a time written without a zone, which is read as UTC), and ``written`` the same moment in
    that zone, which reads back as the same moment and offset."""

    moment: str
    offset: int | None
    written: str


def normalise_time(value: str | None) -> str | None:
    """Any reasonable date string to ISO 8601 in UTC, or None (``published_time``)."""
    read = published_time(value)
    return read.moment if read else None


def published_time(value: str | None) -> Published | None:
    """Any reasonable date string as a moment and the offset it was written in, or None. A date
    without a zone is read as UTC. A date both ways readable (02/12/2026: 2 December to a
    British desk, 12 February to an American one) is read the way nearer the clock: news is
    dated near its arrival. Unix time, times relative to now and month names in other languages
    are read too (``unix_time``, in UTC; ``relative_dates``, in the zone written after it, UTC
    when none; ``date_words``); a string only of a number too short for Unix time (`2026`) is
    none. A string of two dates (published, then updated) is the earlier."""
    when = _as_written(value)
    if when is None:
        return None
    offset = round((when.utcoffset() or timedelta()).total_seconds() / 60) or None
    try:
        moment = when.astimezone(UTC)
        written = moment.astimezone(timezone(timedelta(minutes=offset or 0)))
    except OverflowError:  # before year 1 or after 9999 in UTC (or, rounded, where written)
        return None
    return Published(moment.isoformat(), offset, written.isoformat())


def _as_written(value: str | None) -> datetime | None:
    """The moment ``value`` names, in the zone it was written in (UTC when none)."""
    if value:
        value = " ".join(value.translate(MINUS_SIGNS).split())
    if not value or len(value) > LONGEST or is_bare_number(value):
        return None
    dotnet = _DOTNET.fullmatch(value)
    if is_unix_time(value) or dotnet:
        try:
            stamped = unix_time(int(dotnet.group(1)) if dotnet else value)
        except ValueError:
            return None
        return stamped.astimezone(_dotnet_zone(dotnet)) if stamped and dotnet else stamped
    return _iso_8601(value) or _read(value)


def _iso_8601(value: str) -> datetime | None:
    """The moment of a date in ISO 8601's shape (``_ISO_8601``), read without dateutil, whose
    fuzzy reading cost about 30 times as much for the same moment; None for another shape or
    a day no month has (`2026-02-30`, left to ``_read``)."""
    if not _ISO_8601.fullmatch(value):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _read(value: str) -> datetime | None:
    """The moment of a date in any other shape: two dates, a relative one, words, dateutil."""
    now = datetime.now(UTC)
    days = dates_in(value, now)
    if len(days) > 1:
        read = [when for when in (_piece(p, now) for p in days) if when is not None]
        return min(read) if read else None
    return _one_date(value, now) or (_piece(days[0], now) if days else None)


def _dotnet_zone(found: re.Match[str]) -> tzinfo:
    """The offset after a .NET date's milliseconds (`-0500`), UTC when none is read."""
    sign, hours, minutes = found.group(2, 3, 4)
    if not sign:
        return UTC
    return timezone((-1 if sign == "-" else 1) * timedelta(hours=int(hours), minutes=int(minutes)))


def _one_date(value: str, now: datetime) -> datetime | None:
    value = as_dateutil_reads(value)
    moment = relative(value, now)
    return moment.replace(microsecond=0) if moment is not None else _absolute(value, now)


def _piece(piece: str | datetime | TimeOfDay, now: datetime) -> datetime | None:
    """A piece of a string of dates (``two_dates.dates_in``), a relative one read already."""
    if isinstance(piece, datetime):
        return piece.replace(microsecond=0)
    if isinstance(piece, TimeOfDay):
        return _time_of_day(piece, now)
    return _absolute(piece, now)


def _time_of_day(piece: TimeOfDay, now: datetime) -> datetime | None:
    """A time on another piece's day, moved a day so the update is never before the
    publication (`Dec 2 2026 11:00 PM EST | Updated 1:00 AM EST`: 1:00 on 3 December)."""
    when, day = _absolute(piece.piece, now), _absolute(piece.day, now)
    if when is None or day is None:
        return when
    if piece.update and when < day:
        return when + timedelta(days=1)
    if not piece.update and when > day:
        return when - timedelta(days=1)
    return when


def _absolute(value: str, now: datetime) -> datetime | None:
    """A date that is not relative to now, as ``as_dateutil_reads`` has written it."""
    if _ISO_WEEK.fullmatch(value):
        return _week_date(value)
    value = as_dateutil_reads(in_english(value))
    if not names_a_date(value):
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
    return when if when.tzinfo else when.replace(tzinfo=UTC)


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
        zoned = when if when.tzinfo else when.replace(tzinfo=place or UTC)
        zoned.astimezone(UTC)  # raises for a moment that in UTC is before year 1 or after 9999
        return zoned
    except (ValueError, ArithmeticError, TypeError):  # in UTC, before year 1 or after 9999;
        return None  # decimal's InvalidOperation for thirty nines and "hours"


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
