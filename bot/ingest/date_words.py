"""Month names dateutil does not know, which its fuzzy reading skips and so misreads: those of
other European languages (a German CMS's `02 Dez 2026` was read as 2 February)."""

from __future__ import annotations

import re

from bot.ingest.accents import unaccented

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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names, Monday first (the order of ``date.weekday()``)."""
_ENGLISH_SHORT = {name[:3].casefold() for name in ENGLISH[1:]}
_BY_NAME = {name: ENGLISH[month] for month, names in MONTHS.items() for name in names.split()}
_WORD = re.compile(r"[^\W\d_]+\.?")
_WEEKDAY_FIRST = re.compile(r"^\s*[^\W\d_]{2,12}\.?(?P<comma>,)?\s*(?=\d{1,2}\.?\s+"
                            r"(?P<month>[^\W\d_]+))")
"""A weekday before a comma and a day, as feeds write dates (`Di, 02 Dez 2026`), or before a
day and a month without the comma (`mar 01 dic 2026`): the Spanish and Italian `mar.`
(Tuesday) would otherwise be read as March."""
_ENGLISH_AGO = re.compile(r"(?:\d|\ban?\b|\bone\b)\s*[^\W\d_]+\.?\s+ago\b", re.I)


def in_english(value: str) -> str:
    """The date with its month name in English and without a leading weekday (English left
    alone where it says `ago`, which is August in Spanish and Italian)."""
    if _ENGLISH_AGO.search(value):
        return value
    return _WORD.sub(_english_month, _WEEKDAY_FIRST.sub(_without_weekday, value))


def _without_weekday(found: re.Match[str]) -> str:
    month = plain_word(found.group("month"))
    is_month = month in _BY_NAME or month[:3] in _ENGLISH_SHORT
    return "" if found.group("comma") or is_month else found.group(0)


def _english_month(found: re.Match[str]) -> str:
    return _BY_NAME.get(plain_word(found.group(0)), found.group(0))


def plain_word(word: str) -> str:
    """A date word as the tables hold it: lower case, no accents, no abbreviating dot."""
    return unaccented(word.rstrip("."))
