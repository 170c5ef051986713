"""Dates written relative to the moment they are read, which dateutil misreads: `3 hours ago`
was 03:00 today, `2 days ago at 10:00` and `yesterday at 10:00` were 10:00 today."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo

from dateutil.relativedelta import relativedelta

from bot.ingest import date_words
from bot.ingest.half_counts import with_halves
from bot.ingest.zones import zone_named

UNITS = {
    "seconds": "s sec secs second seconds moment moments sekunde sekunden sek seconde secondes "
               "segundo segundos secondo secondi seconden",
    "minutes": "m min mins minute minutes minuten minuto minutos minuti minuut",
    "hours": "h hr hrs hour hours stunde stunden std heure heures hora horas ora ore uur",
    "days": "d day days tag tage tagen jour jours día días dia dias giorno giorni dag dagen",
    "weeks": "w wk wks week weeks woche wochen semaine semaines semana semanas settimana "
             "settimane weken",
    "months": "mo mos month months monat monate monaten mois mes meses mês mese mesi maand "
              "maanden",
    "years": "y yr yrs year years jahr jahre jahren an ans année années año años ano anos "
             "anno anni jaar jaren",
}
_UNIT = {_word: unit for unit, words in UNITS.items() for _word in words.split()}
_COUNTED_ONLY = ("s", "m", "h", "d", "w", "y", "an", "mo")
"""Units that are a unit only after a count (`3h`; `un an`): alone, `y` is Spanish `and`."""
_UNIT_WORD = "|".join(sorted((w for w in _UNIT if w not in _COUNTED_ONLY), key=len, reverse=True))
_SHORT_UNIT = "|".join(_COUNTED_ONLY)
COUNTS = {
    1: "a an one ein eine einem einer un une uno una een één um uma",
    2: "two zwei deux dos due twee dois duas",
    3: "few several some paar einigen quelques unos unas algunos algunas alcuni alcune "
       "qualche enkele alguns algumas three drei trois tres tre drie três",
    4: "four vier quatre cuatro quattro quatro",
    5: "five fünf funf cinq cinco cinque vijf",
    6: "six sechs seis sei zes",
    7: "seven sieben sept siete sette zeven",
    8: "eight acht huit ocho otto oito",
    9: "nine neun neuf nueve nove negen",
    10: "ten zehn dix diez dieci tien dez",
    12: "twelve zwölf zwolf douze doce dodici twaalf doze",
    15: "fifteen fünfzehn quinze quince quindici vijftien",
    20: "twenty zwanzig vingt veinte venti twintig vinte",
    30: "thirty dreißig dreissig trente treinta trenta dertig trinta",
}
"""Counts in words, in the seven languages; a vague one (`a few minutes ago`, read as 2 August
before) as three. `three days ago` was a day ago (`three` skipped as a label's word, `days`
alone one), `vor drei Tagen` no date."""
_COUNT = {_word: n for n, words in COUNTS.items() for _word in words.split()}
_COUNT_WORD = "|".join(sorted((re.escape(w) for w in _COUNT), key=len, reverse=True))
_COUNTED = (rf"(?:\d{{1,4}}(?:[.,]\d{{1,2}}(?!\d))?\s*|(?:(?:a|ein)\s+)?(?:{_COUNT_WORD})\s+|"
            r"un['’]\s*)")
_AMOUNT = (rf"(?<![^\W_])(?:{_COUNTED}(?:{_SHORT_UNIT}|{_UNIT_WORD})|(?:{_UNIT_WORD}))"
           r"\b\.?")
_AMOUNT_PARTS = re.compile(rf"(?<![^\W_])(?:(?P<count>{_COUNTED})(?P<unit>{_SHORT_UNIT}|"
                           rf"{_UNIT_WORD})|(?P<alone>{_UNIT_WORD}))\b", re.I)
DAYS_BACK = {
    0: "today heute aujourd'hui aujourd’hui hoy oggi vandaag hoje now eben l'instant l’instant "
       "ahora adesso zojuist agora",
    1: "yesterday gestern hier ayer ieri gisteren ontem",
    2: "vorgestern avant-hier anteayer altroieri eergisteren anteontem",
}
_DAY_WORD = {word: days for days, words in DAYS_BACK.items() for word in words.split()}
_WEEKDAYS_ABROAD = (
    "montag lundi lunes lunedi maandag segunda segunda-feira mo lun ma seg",
    "dienstag mardi martes martedi dinsdag terca terca-feira tues di ter",
    "mittwoch mercredi miercoles mercoledi woensdag quarta quarta-feira mi mer mie wo qua",
    "donnerstag jeudi jueves giovedi donderdag quinta quinta-feira thur thurs do jeu jue gio qui",
    "freitag vendredi viernes venerdi vrijdag sexta sexta-feira fr ven vie vr sex",
    "samstag sonnabend samedi sabado zaterdag sa sam sab za",
    "sonntag dimanche domingo domenica zondag so dim dom zo",
)
WEEKDAYS = tuple(f"{day.casefold()} {day[:3].casefold()} {abroad}"
                 for day, abroad in zip(date_words.WEEKDAYS, _WEEKDAYS_ABROAD, strict=True))
"""Each weekday's names, Monday first: the English (``date_words.WEEKDAYS``), whole and cut to
three letters, then those of the other six languages and the longer English cuts."""
_WEEKDAY = {word: day for day, words in enumerate(WEEKDAYS) for word in words.split()}
"""Weekday names, whole or as feeds shorten them (`Mon`, `Mi`, `mer`; not `mar`, March in
English): `Updated Monday at 10:00`, `Mon 10:00` is the latest Monday (dateutil read the next
one, days ahead, and `Mon 10:00` a year back)."""
_TIME_OF_DAY = (
    r"(?:[\s,]+(?:at|um|à|a\s+las?|alle|om|às)?\s*"
    r"(?P<hour>\d{1,2})(?:(?:[:.]|\s?h\s?)(?P<minute>\d\d)|\s?h\b|(?=\s*[ap]\.?\s?m\b))"
    r"\s*(?P<half>[ap]\.?\s?m\b\.?)?\s*(?:uhr|horas?|heures?|hrs)?\.?"
    r"\s*(?P<zone>[+-]\d\d:?\d\d|(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d\d)?|[A-Za-z]{1,5})?)?\W*$")
"""A time of day after the relative part (`at 10:00`, `um 10:00 Uhr`, `à 10h`, `9:30 pm`),
perhaps with its zone (`GMT`, `EST`, `CET`, `+01:00`, `UTC+1`)."""
_JOINED = r"(?:\s*(?:,|and|und|et|y|e|en)\s*|\s*)"
"""What joins two amounts (`1 day and 2 hours`, `1 Tag, 2 Stunden`): one way only to read the
spaces around a joining word. An optional word between two runs of spaces let each space go to
either, so a string of amounts that was no date took twice as long for each amount more
(`hours hours … x` of 181 characters: hours)."""
_LABEL = r"^\s*(?:(?!vor\b|il\b|hace\b|há\b)[^\W\d_]+\W+){0,3}?"
_AGO = re.compile(_LABEL + r"(?P<before>vor|il y a|hace|há)?\s*"
                  rf"(?P<amounts>{_AMOUNT}(?:{_JOINED}{_AMOUNT})*)"
                  r"\s*(?P<after>ago|fa|geleden|atrás)?" + _TIME_OF_DAY, re.I)
"""`3 hours ago`, `3h ago`, `Published 5 mins ago`, `1 day and 2 hours ago`, `a few minutes
ago`, `2 months ago`; German `vor 3 Stunden`, French `il y a 3 heures`, Spanish `hace 3
horas`, Italian `3 ore fa`, Dutch `3 uur geleden`, Portuguese `há 3 horas`; each perhaps with
a time of day."""
LONGEST = 200
"""Longer strings are not read as relative (the patterns stay cheap on any input)."""
_DAY = re.compile(_LABEL + r"(?P<day>[^\W\d_]+(?:['’-][^\W\d_]+)?)\.?" + _TIME_OF_DAY, re.I)
"""`yesterday`, `today at 9:30 pm`, `gestern um 10:00`, `hier à 10h00`, `ayer a las 10:00`,
`ieri alle 10:00`, `gisteren om 10:00`, `ontem às 10:00`."""
_ZONE_ONLY = re.compile(r"[+-]\d\d:?\d\d|(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d\d)?", re.I)


def relative(value: str, now: datetime) -> datetime | None:
    """The moment a date relative to ``now`` names, in the zone written after it (UTC when
    none), or None when ``value`` is none. With a time of day, that time on the day named, in
    that zone (the day counted in that zone)."""
    if len(value) > LONGEST:
        return None
    value = with_halves(value)
    found = _AGO.match(value)
    if found and bool(found.group("before")) != bool(found.group("after")):
        back = relativedelta()
        for amount in _AMOUNT_PARTS.finditer(found.group("amounts")):
            unit = _UNIT[(amount.group("unit") or amount.group("alone")).casefold()]
            back += _amount(unit, _count(amount.group("count")))
        return _on_day(now, found, lambda _: back)
    found = _DAY.match(value)
    word = date_words.plain_word(found.group("day")) if found else ""
    if found and word in _DAY_WORD:
        return _on_day(now, found, lambda _: timedelta(days=_DAY_WORD[word]))
    if found and word in _WEEKDAY:
        return _on_day(now, found, lambda local: timedelta(
            days=(local.weekday() - _WEEKDAY[word]) % 7))
    return None


def is_weekday(value: str) -> bool:
    """Whether ``value`` is a weekday, perhaps labelled or with a time (`Monday`, `Mon 10:00`),
    which ``relative`` reads as the latest such day."""
    found = _DAY.match(with_halves(value)) if len(value) <= LONGEST else None
    return bool(found and date_words.plain_word(found.group("day")) in _WEEKDAY)


def _count(written: str | None) -> float:
    words = (written or "").casefold().replace("'", " ").replace("’", " ").split()
    if words and words[-1][:1].isdigit():
        return float(words[-1].replace(",", "."))
    return _COUNT.get(words[-1], 1) if words else 1


_SMALLER = {"years": ("months", 12), "months": ("days", 30), "weeks": ("days", 7),
            "days": ("hours", 24), "hours": ("minutes", 60), "minutes": ("seconds", 60)}
"""What a part of each unit is counted in (`1.5 hours` as an hour and 30 minutes)."""


def _amount(unit: str, count: float) -> relativedelta:
    """``count`` of ``unit``, a part of one in the unit below (a part of a second dropped)."""
    whole = int(count)
    smaller, per = _SMALLER.get(unit, (unit, 0))
    if smaller == unit:
        return relativedelta(**{unit: whole})
    return relativedelta(**{unit: whole}) + relativedelta(**{smaller: round((count - whole) * per)})


def is_relative(value: str) -> bool:
    return relative(value, datetime.now(UTC)) is not None


def _on_day(now: datetime, found: re.Match[str],
            back: Callable[[datetime], timedelta | relativedelta]) -> datetime | None:
    """``back`` from now, in the zone written (UTC if none), at the time of day written if any."""
    zone = _zone(found.group("zone"))
    if zone is None:
        return None
    local = now.astimezone(zone)
    try:
        day = local - back(local)
    except (ValueError, OverflowError):  # `2026 years ago`: before year 1, no date
        return None
    if found.group("hour") is None:
        return day
    hour, minute = int(found.group("hour")), int(found.group("minute") or 0)
    half = (found.group("half") or "").casefold()
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day.date(), time(hour, minute), tzinfo=zone)


def _zone(written: str | None) -> tzinfo | None:
    """The zone after a time of day; UTC when none is written or the name is of no one offset
    (`IST`), as for any date; None for an offset no zone has."""
    if not written:
        return UTC
    if _ZONE_ONLY.fullmatch(written):
        sign = -1 if "-" in written else 1
        digits = re.sub(r"\D", "", written)
        hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else \
            (int(digits), 0)
        if hours > 14 or minutes > 59:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    named = zone_named(written)
    if isinstance(named, int):
        return timezone(timedelta(seconds=named))
    return named or UTC

