"""Time-zone abbreviations that dates in news copy use, as offsets from UTC in seconds.

dateutil knows only UTC and GMT by name and reads any other abbreviation as no zone at all,
which put every "EDT" feed date four hours off. RFC 822 defines the North American names;
the others are the ones that mean one offset only, in English or German (`MEZ`, `MESZ`; IST,
CST-as-China, AST and the like mean two or more and stay unknown, so those dates are read as
UTC, as before).
"""

from __future__ import annotations

import re
from datetime import tzinfo

from dateutil import tz

HOUR = 3600

OFFSETS: dict[str, int] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -5 * HOUR, "EDT": -4 * HOUR, "CST": -6 * HOUR, "CDT": -5 * HOUR,
    "MST": -7 * HOUR, "MDT": -6 * HOUR, "PST": -8 * HOUR, "PDT": -7 * HOUR,
    "AKST": -9 * HOUR, "AKDT": -8 * HOUR, "HST": -10 * HOUR,
    "NST": -(3 * HOUR + 1800), "NDT": -(2 * HOUR + 1800),
    "BST": HOUR, "WEST": HOUR, "CET": HOUR, "CEST": 2 * HOUR, "MET": HOUR, "MEST": 2 * HOUR,
    "EET": 2 * HOUR, "EEST": 3 * HOUR, "MSK": 3 * HOUR,
    "JST": 9 * HOUR, "KST": 9 * HOUR, "HKT": 8 * HOUR, "SGT": 8 * HOUR,
    "AWST": 8 * HOUR, "ACST": 9 * HOUR + 1800, "ACDT": 10 * HOUR + 1800,
    "AEST": 10 * HOUR, "AEDT": 11 * HOUR, "NZST": 12 * HOUR, "NZDT": 13 * HOUR,
    "WAT": HOUR, "CAT": 2 * HOUR, "SAST": 2 * HOUR, "EAT": 3 * HOUR, "PKT": 5 * HOUR,
    "NPT": 5 * HOUR + 2700, "ICT": 7 * HOUR, "WIB": 7 * HOUR, "PHT": 8 * HOUR,
    "MEZ": HOUR, "MESZ": 2 * HOUR, "OEZ": 2 * HOUR, "OESZ": 3 * HOUR, "WEZ": 0, "WESZ": HOUR,
}

SIGNED_NAME = re.compile(r"\b(?:GMT|UTC|UT)\s*(?=[+-]\d)")
"""'GMT+2' as pages write it (a JavaScript date's 'GMT+0200'), meaning two hours ahead."""

REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
           "PT": "America/Los_Angeles"}


def regional(name: str) -> tzinfo | None:
    """The zone of "10 a.m. ET": standard or daylight time as the date falls (dateutil's own
    copy of the zone database, so a slim image without tzdata reads it too)."""
    region = REGIONS.get(name.upper())
    return tz.gettz(region) if region else None


def zone_named(name: str) -> int | tzinfo | None:
    """A zone abbreviation's offset in seconds, or its region's zone (ET), or None."""
    known = OFFSETS.get(name.upper())
    return known if known is not None else regional(name)


def offset_as_written(value: str) -> str:
    """``value`` with 'GMT+2' written as '+2': dateutil reads 'GMT+2' as a POSIX zone string,
    where the sign means hours behind, and would put the date four hours off."""
    return SIGNED_NAME.sub("", value)
