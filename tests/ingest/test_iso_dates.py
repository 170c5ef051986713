"""Dates in ISO 8601's shape are read without dateutil (``dates._iso_8601``), as fast as a feed
of thousands of entries needs, and as the general reading (``dates._read``) reads them."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest import dates
from bot.ingest.dates import published_time


def two(top: int) -> st.SearchStrategy[str]:
    """Two digits from 00 to ``top`` (one past the field's last value, to try it)."""
    return st.integers(min_value=0, max_value=top).map(lambda n: f"{n:02d}")


FRACTION = st.integers(min_value=1, max_value=10).flatmap(
    lambda n: st.tuples(st.sampled_from(".,"), st.text("0123456789", min_size=n, max_size=n))
    .map("".join))
ZONE = st.one_of(st.just(""), st.just("Z"), st.tuples(
    st.sampled_from("+-"), two(24), st.sampled_from(["", ":"]), two(60)).map("".join))
TIME = st.tuples(st.sampled_from("T "), two(24), two(60),
                 st.one_of(st.just(""), two(60).map(":".__add__)),
                 st.one_of(st.just(""), FRACTION), ZONE).map(
    lambda p: f"{p[0]}{p[1]}:{p[2]}{p[3]}{p[4] if p[3] else ''}{p[5]}")
YEAR = st.one_of(st.integers(min_value=1900, max_value=2100),
                 st.integers(min_value=0, max_value=9999))
ISO = st.tuples(YEAR, two(13), two(32), st.one_of(st.just(""), TIME)).map(
    lambda p: f"{p[0]:04d}-{p[1]}-{p[2]}{p[3]}")


@settings(max_examples=300, deadline=None)
@given(ISO)
def test_a_date_in_iso_shape_is_read_as_the_general_reading_reads_it(value):
    """Any year, month, day, time, decimals of a second and offset, real or not: where the
    quick reading gives a moment, the general one gives the same, in the same zone."""
    quick = dates._iso_8601(value)
    if quick is not None:
        slow = dates._read(value)
        assert slow is not None and slow.isoformat() == quick.isoformat(), value


def test_a_feeds_dates_in_iso_shape_keep_their_moment_and_zone():
    """Seconds, milliseconds, an offset and none (read as UTC); a day no month has is left to
    the general reading."""
    cases = {"2026-12-02T10:00:00Z": ("2026-12-02T10:00:00+00:00", None),
             "2026-12-02T10:00:00.250Z": ("2026-12-02T10:00:00.250000+00:00", None),
             "2026-12-02T10:00:00+05:30": ("2026-12-02T04:30:00+00:00", 330),
             "2026-12-02 10:00": ("2026-12-02T10:00:00+00:00", None),
             "2026-12-02": ("2026-12-02T00:00:00+00:00", None)}
    for value, (moment, offset) in cases.items():
        read = published_time(value)
        assert read is not None and (read.moment, read.offset) == (moment, offset), value
    assert dates._iso_8601("2026-02-30T10:00:00Z") is None
    assert dates._iso_8601("2026-12-02T10:00:00.25") == datetime(2026, 12, 2, 10, 0, 0, 250000,
                                                                   tzinfo=UTC)


DAYS = ["2019-05-03T", "2019-05-03 ", "Fri, 03 May 2019 ", "3 May 2019 ", "May 3, 2019 "]
FRACTIONS = {"": 0, ".5": 500000, ".25": 250000, ",25": 250000, ".05": 50000, ".250": 250000,
             ".2500": 250000, ".250000": 250000, ".2500009": 250000}
ZONES = {"": 0, "Z": 0, "+02:00": 120, "+0200": 120, "-05:00": -300, " -0500": -300,
         " GMT": 0, " UT": 0, " EST": -300, " CET": 60}


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_seconds_written_with_any_number_of_decimals_keep_them_in_every_form(fraction):
    """ISO 8601 and RFC 822's shapes, every zone a feed writes: one or two decimals
    (`05.25+02:00`) were read as the time 05:25, then no date, and the article went undated."""
    for day in DAYS:
        for zone, minutes in ZONES.items():
            value = f"{day}14:22:05{fraction}{zone}"
            written = datetime(2019, 5, 3, 14, 22, 5, FRACTIONS[fraction], tzinfo=UTC)
            read = published_time(value)
            assert read is not None, value
            assert read.moment == (written - timedelta(minutes=minutes)).isoformat(), value
            assert read.offset == (minutes or None), value
