"""Counts of a half and more, written as the decimals the relative reader takes (`an hour and a
half ago`, `une heure et demie`, `vor anderthalb Stunden`, `1½ hours`: an hour, or no date)."""

from __future__ import annotations

import re

_ONE = r"an?|one|un['’]|une?|una?|uma?|eine?|een"
_HALF = r"half|demie?|media|medio|mezz[ao]|meia|halbe?"
_AND = r"and\s+a|et|y|e|und\s+eine?|en\s+een"
_AFTER_UNIT = re.compile(rf"\b(?P<count>\d{{1,4}}|{_ONE})\s*(?P<unit>[^\W\d_]+)\s+(?:{_AND})\s+"
                         rf"(?:{_HALF})\b", re.I)
"""`an hour and a half`, `2 hours and a half`, `une heure et demie`, `una hora y media`,
`un'ora e mezza`, `uma hora e meia`."""
_BEFORE_UNIT = re.compile(r"\b(?P<count>\d{1,4}|an?|one)\s+and\s+a\s+half\b", re.I)
"""`one and a half hours`, `2 and a half days`."""
_ONE_AND_A_HALF = re.compile(r"\b(?:anderthalb|eineinhalb|anderhalf)\b", re.I)
"""German and Dutch words for one and a half."""
_SIGN = re.compile(r"(?<![\d.,])(\d{0,4})\s*½")
_HALF_A_UNIT = re.compile(
    r"\bhalf\s+an?\s+hour\b|\b(?:einer\s+)?halben\s+stunde\b|\bune\s+demi-heure\b|"
    r"\bmedia\s+hora\b|\bmezz['’]\s*ora\b|\b(?:een\s+)?half\s+uur\b|\bmeia\s+hora\b", re.I)
"""Half an hour in the seven languages (`vor einer halben Stunde`, `il y a une demi-heure`,
`hace media hora`, `mezz'ora fa`, `een half uur geleden`, `há meia hora`)."""


def with_halves(value: str) -> str:
    """``value`` with each count of a half as a decimal (`1.5 hour`), half an hour as minutes."""
    value = _SIGN.sub(lambda found: f"{found.group(1) or 0}.5 ", value)
    value = _ONE_AND_A_HALF.sub("1.5", value)
    value = _AFTER_UNIT.sub(lambda found: f"{_whole(found.group('count'))}.5 "
                                          f"{found.group('unit')}", value)
    value = _BEFORE_UNIT.sub(lambda found: f"{_whole(found.group('count'))}.5", value)
    return _HALF_A_UNIT.sub("30 minutes", value)


def _whole(count: str) -> int:
    return int(count) if count.isdigit() else 1
