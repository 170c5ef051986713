"""Dates written in words dateutil does not know, which its fuzzy reading skips and so misreads:
month names in other European languages (a German CMS's `02 Dez 2026` was read as 2 February)
and times relative to now (`3 hours ago` was read as 03:00 today)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

MONTHS = {
    1: "jan januar janner janvier janv enero ene gennaio gen januari janeiro",
    2: "februar fevrier fevr febrero febbraio februari fevereiro fev",
    3: "mar marz maerz mrz mars marzo maart mrt marco",
    4: "avril avr abril abr aprile",
    5: "mai mayo maggio mag mei maio",
    6: "juni juin junio giugno giu junho",
    7: "juli juillet juil julio luglio lug julho",
    8: "aout agosto ago augustus",
    9: "septembre septiembre setiembre settembre set setembro",
    10: "oktober okt octobre octubre ottobre ott outubro out",
    11: "novembre noviembre novembro",
    12: "dezember dez dec decembre diciembre dic dicembre dezembro",
}
ENGLISH = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_BY_NAME = {name: ENGLISH[month] for month, names in MONTHS.items() for name in names.split()}
_WORD = re.compile(r"[^\W\d_]+\.?")
_WEEKDAY_FIRST = re.compile(r"^\s*[^\W\d_]{2,12}\.?,\s*(?=\d{1,2}\.?\s+[^\W\d_])")
"""A weekday before a comma and a day, as feeds write dates (`Di, 02 Dez 2026`): the Spanish
`mar.` (Tuesday) would otherwise be read as March."""
UNITS = {
    "seconds": "s sec secs second seconds sekunde sekunden seconde secondes segundo segundos",
    "minutes": "m min mins minute minutes minuten minuto minutos",
    "hours": "h hr hrs hour hours stunde stunden heure heures hora horas",
    "days": "d day days tag tage tagen jour jours dia dias",
    "weeks": "w wk wks week weeks woche wochen semaine semaines semana semanas",
}
_UNIT = {word: unit for unit, words in UNITS.items() for word in words.split()}
_AGO = re.compile(r"^\s*(?:(?!vor\b|il\b|hace\b)[^\W\d_]+\W+)?(?P<before>vor|il y a|hace)?"
                  r"\s*(?P<count>\d{1,4}|an?|one)\s*(?P<unit>[^\W\d_]+)\.?"
                  r"\s*(?P<after>ago)?"
                  r"(?:[\s,]+(?:at|um|à|a\s+las?|alle|om|às)?\s*(?P<hour>\d{1,2})[:h.](?P<minute>\d\d)"
                  r"\s*(?P<half>[ap]\.?m\b)?)?\W*$", re.I)
"""`3 hours ago`, `3h ago`, `Published 5 mins ago`; German `vor 3 Stunden`, French `il y a 3
heures`, Spanish `hace 3 horas`; each perhaps with a time of day (`2 days ago at 10:00`, `vor
2 Tagen um 10:00`, `il y a 2 jours à 10h00`)."""
_ENGLISH_AGO = re.compile(r"(?:\d|\ban?\b|\bone\b)\s*[^\W\d_]+\.?\s+ago\b", re.I)


def in_english(value: str) -> str:
    """The date with its month name in English and without a leading weekday (English left
    alone where it says `ago`, which is August in Spanish and Italian)."""
    if _ENGLISH_AGO.search(value):
        return value
    return _WORD.sub(_english_month, _WEEKDAY_FIRST.sub("", value))


def ago(value: str, now: datetime) -> datetime | None:
    """The moment `3 hours ago` (`an hour ago`, `vor 3 Stunden`) names, or None; with a time
    of day (`2 days ago at 10:00`), that time on the day it names, in UTC as a date written
    without a zone is."""
    found = _AGO.match(value)
    if not found or bool(found.group("before")) == bool(found.group("after")):
        return None
    unit = _UNIT.get(_plain(found.group("unit")))
    if unit is None:
        return None
    count = int(found.group("count")) if found.group("count").isdigit() else 1
    moment = now - timedelta(**{unit: count})
    if found.group("hour") is None:
        return moment
    return _at_time_of_day(moment, found)


def _at_time_of_day(moment: datetime, found: re.Match[str]) -> datetime | None:
    hour, minute = int(found.group("hour")), int(found.group("minute"))
    half = (found.group("half") or "").casefold()
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _english_month(found: re.Match[str]) -> str:
    return _BY_NAME.get(_plain(found.group(0)), found.group(0))


def _plain(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.rstrip(".").casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))
