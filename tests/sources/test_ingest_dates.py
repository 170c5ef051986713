"""Published times as clumsy CMSs and scrapers write them, posted to /ingest over real HTTP and
stored by the worker with spaCy in a real SQLite file (audit of 2 December, night). Invented
copy; the expected moments are worked out here from the clock, not read from the code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytest
from dateutil import tz
from dateutil.relativedelta import relativedelta

from tests.sources.stories import FERRY
from tests.sources.test_http_ingest import article, post

GMT = UTC
EST = timezone(timedelta(hours=-5))
CET = timezone(timedelta(hours=1))
NEW_YORK = tz.gettz("America/New_York")


def stored_published(endpoint, published) -> str | None:
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, published=published))
    assert status == 200, body
    return dbs.get()["articles"].get(body["results"][0]["article_id"])["published"]


def stored_with_line(endpoint, line: str) -> dict:
    """The article stored from copy that opens with ``line``."""
    port, dbs = endpoint
    status, body, _ = post(port, article((FERRY[0], f"{line}\n\n{FERRY[1]}")))
    assert status == 200, body
    return dbs.get()["articles"].get(body["results"][0]["article_id"])


def on_day(days_back: int, hour: int, minute: int, zone: tzinfo | None) -> str:
    """``hour:minute`` in ``zone``, ``days_back`` days before today there, in UTC."""
    return there(days_back, hour, minute, zone).astimezone(UTC).isoformat()


def there(days_back: int, hour: int, minute: int, zone: tzinfo | None) -> datetime:
    """``hour:minute`` in ``zone``, ``days_back`` days before today there."""
    day = datetime.now(zone).date() - timedelta(days=days_back)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize("written, days, hour, minute, zone", [
    ("2 days ago at 10:00 GMT", 2, 10, 0, GMT), ("3 days ago at 9:30 pm EST", 3, 21, 30, EST),
    ("Updated 2 days ago at 10:00 +01:00", 2, 10, 0, CET),
    ("yesterday at 10:00", 1, 10, 0, UTC), ("today at 9:30 pm", 0, 21, 30, UTC),
    ("Yesterday, 10:00 CET", 1, 10, 0, CET), ("yesterday at noon ET", 1, 12, 0, NEW_YORK),
    ("gestern um 10:00 Uhr", 1, 10, 0, UTC), ("hier à 10h00", 1, 10, 0, UTC),
    ("ayer a las 10:00", 1, 10, 0, UTC), ("ieri alle 10:00", 1, 10, 0, UTC),
    ("gisteren om 10:00", 1, 10, 0, UTC), ("ontem às 10:00", 1, 10, 0, UTC),
    ("avant-hier à 10h", 2, 10, 0, UTC)])
def test_a_relative_day_with_a_time_and_a_zone_is_that_time_in_that_zone_on_that_day(
        endpoint, written, days, hour, minute, zone):
    """With a zone after the time the relative part was not read at all, and dateutil gave
    that time today; `yesterday at 10:00` (and `gestern um`, `hier à`, `ayer a las`, `ieri
    alle`, `gisteren om`, `ontem às`) was 10:00 today too."""
    assert stored_published(endpoint, written) == on_day(days, hour, minute, zone)


def test_a_weekday_is_the_latest_such_day_not_the_next(endpoint):
    """`Updated Monday at 10:00` was read as next Monday, days ahead."""
    days = datetime.now(UTC).weekday()  # Monday is 0
    assert stored_published(endpoint, "Updated Monday at 10:00") == on_day(days, 10, 0, UTC)


@pytest.mark.parametrize("written, utc", [
    ("Dec 2, 2026 noon", "2026-12-02T12:00:00+00:00"),
    ("noon ET, Dec. 2, 2026", "2026-12-02T17:00:00+00:00"),
    ("10.30am Dec 2 2026", "2026-12-02T10:30:00+00:00"),
    ("2026-W49-3", "2026-12-02T00:00:00+00:00"),
    ("2026W493", "2026-12-02T00:00:00+00:00"),
    ("2026-W49-3T10:00:00+01:00", "2026-12-02T09:00:00+00:00"),
    ("2026-12-02 10:00 Europe/Berlin", "2026-12-02T09:00:00+00:00"),
    ("2 Dec 2026 10:00 SAST", "2026-12-02T08:00:00+00:00"),
])
def test_noon_dotted_times_week_dates_and_zones_by_place_are_read(endpoint, written, utc):
    """`noon` was 00:00, `10.30am` 10:00, `2026W493` the year 493 (`2026-W49-3` no date), and a
    zone named by its place or as South Africa writes it (`SAST`) was dropped for UTC."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written, utc", [
    ("Published 1 Dec 2026, updated 2 Dec 2026", "2026-12-01T00:00:00+00:00"),
    ("Published: 1 December 2026 | Updated: 2 December 2026", "2026-12-01T00:00:00+00:00"),
    ("2026-12-01 (updated 2026-12-02)", "2026-12-01T00:00:00+00:00"),
    ("Updated 2 Dec 2026 11:00 GMT, first published 1 Dec 2026 10:00 GMT",
     "2026-12-01T10:00:00+00:00"),
    ("Veröffentlicht am 1. Dezember 2026, aktualisiert am 2. Dezember 2026",
     "2026-12-01T00:00:00+00:00"),
])
def test_a_string_of_two_dates_is_the_earlier_so_an_update_never_makes_a_story_fresh(
        endpoint, written, utc):
    """Two dates in one string were no date at all (stored undated, so placed by its arrival
    and never held as too old), or a moment between them (`2026-12-01 (updated 2026-12-02)`
    was 22:26 on the 1st). The earlier is when it was published."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written", [
    "Published 10:00 AM EST | Updated 11:00 AM EST Dec 2 2026",
    "Posted 10:00 AM EST, last updated 11:00 AM EST Dec 2 2026",
    "Published 10:00 AM | Updated 11:00 AM EST Dec 2 2026",
    "Dec 2 2026 10:00 AM EST | Updated 11:00 AM EST",
])
def test_the_times_of_a_day_written_once_are_read_on_it_and_the_first_taken(endpoint, written):
    """The day written once, after the second time (or before the first): only the time
    beside it was read, so the update's hour dated the story, an hour late."""
    assert stored_published(endpoint, written) == "2026-12-02T15:00:00+00:00"


def test_a_week_no_year_has_is_no_date(endpoint):
    assert stored_published(endpoint, "2026-W54") is None


@pytest.mark.parametrize("written, before", [
    ("2 months ago", relativedelta(months=2)), ("vor 2 Monaten", relativedelta(months=2)),
    ("il y a un an", relativedelta(years=1)), ("3 ore fa", relativedelta(hours=3)),
    ("3 uur geleden", relativedelta(hours=3)), ("há 3 horas", relativedelta(hours=3)),
    ("1 day and 2 hours ago", relativedelta(days=1, hours=2)),
    ("hace 1 día y 2 horas", relativedelta(days=1, hours=2)),
    ("a few minutes ago", relativedelta(minutes=3)), ("moments ago", relativedelta()),
])
def test_months_years_several_units_and_vague_counts_ago_are_that_long_before(
        endpoint, written, before):
    """`2 months ago` was 00:00 today (an old story made fresh), `vor 2 Monaten` the 2nd of
    this month, `3 ore fa` and `há 3 horas` the 3rd (days ahead), `1 day and 2 hours ago`
    02:00 on the 1st, `hace 1 día y 2 horas` the 1st, and `a few minutes ago` or `moments ago`
    2 August (`ago` is August in Spanish)."""
    assert_read_as_before(endpoint, written, before)


def test_a_date_without_its_year_is_never_months_ahead(endpoint):
    """`December 30` read early in December was this year's, four weeks ahead: a day written
    without a year that lies more than two days ahead is last year's."""
    ahead = datetime.now(UTC).date() + timedelta(days=20)
    if (ahead.month, ahead.day) == (2, 29):
        ahead += timedelta(days=1)
    written = f"Published {ahead:%B} {ahead.day} at 10:00"
    expected = datetime(ahead.year - 1, ahead.month, ahead.day, 10, tzinfo=UTC)
    assert stored_published(endpoint, written) == expected.isoformat()


def test_a_dotnet_json_date_is_read(endpoint):
    """`/Date(1796198400000)/`, as .NET's JSON serializer writes dates, was no date (stored
    undated)."""
    an_hour_ago = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    millis = int(an_hour_ago.timestamp()) * 1000
    assert stored_published(endpoint, f"/Date({millis}+0100)/") == an_hour_ago.isoformat()


def test_a_german_dotted_time_is_read(endpoint):
    """`2.12.2026 um 10.30 Uhr` was no date (stored undated)."""
    assert stored_published(endpoint, "2.12.2026 um 10.30 Uhr") == "2026-12-02T10:30:00+00:00"


@pytest.mark.parametrize("written, utc", [
    ("2026-12-02T10:00:05.5Z", "2026-12-02T10:00:05.500000+00:00"),
    ("2026-12-02T10:00:05.25+02:00", "2026-12-02T08:00:05.250000+00:00"),
    ("Wed, 02 Dec 2026 10:00:05.25 GMT", "2026-12-02T10:00:05.250000+00:00"),
    ("Wed, 02 Dec 2026 10:00:05.05 -0500", "2026-12-02T15:00:05.050000+00:00"),
])
def test_seconds_with_one_or_two_decimals_are_read(endpoint, written, utc):
    """A CMS that trims a time's trailing zeros writes `05.25`: read as the time 05:25 it made
    no date, and the article was stored undated."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("line, utc", [
    ("Published 1 Dec 2026, updated 2 Dec 2026", "2026-12-01T00:00:00+00:00"),
    ("Harbour Wire | Published 1 Dec 2026 10:00 GMT | Updated 2 Dec 2026 11:00 GMT",
     "2026-12-01T10:00:00+00:00"),
    ("Updated 2 Dec 2026, first published 1 Dec 2026", "2026-12-01T00:00:00+00:00"),
    ("First published on Tue 1 Dec 2026 10.00 GMT", "2026-12-01T10:00:00+00:00"),
    ("Published noon ET, Dec. 2, 2026", "2026-12-02T17:00:00+00:00"),
    ("Updated yesterday at 10:00", None),
    ("Posted 10:00 AM EST | Last updated 11:00 AM EST Dec 2 2026", "2026-12-02T15:00:00+00:00"),
])
def test_a_date_line_of_the_copy_with_two_dates_or_spoken_times_is_furniture(endpoint, line, utc):
    """Such a line stayed in the copy as its first paragraph (in the summary, what's new and
    `/who-said`), and the article was undated; `First published …` made `First` its source
    too, and `10.00 GMT` was no time. The earlier date dates the article; a relative one
    (`yesterday`, written before the page was read) dates nothing."""
    stored = stored_with_line(endpoint, line)
    assert (stored["published"], line in stored["body"]) == (utc, False), stored
    assert stored["source"] != "First"


@pytest.mark.parametrize("written", ["Page 12", "Part 3 of 5", "Week 49", "Published in 2025",
                                     "Room 101", "Q4 2026"])
def test_a_string_that_names_no_day_is_no_date(endpoint, written):
    """A CMS field holding something else (`Page 12`, `Part 3 of 5`): dateutil's fuzzy reading
    took its numbers for a day (the 12th), a month and day (5 March), a year (2049, 101) or
    today in that year; now no date, stored undated as an unreadable date is."""
    assert stored_published(endpoint, written) is None


@pytest.mark.parametrize("written, utc", [
    ("2026-12-02T10:00:00\u221205:00", "2026-12-02T15:00:00+00:00"),
    ("Tue, 01 Dec 2026 10:00:00 \u22120500", "2026-12-01T15:00:00+00:00"),
    ("2026\u201112\u201102", "2026-12-02T00:00:00+00:00"),
    ("2026\u201312\u201302", "2026-12-02T00:00:00+00:00"),
])
def test_minus_signs_and_dashes_of_word_processors_are_read_as_hyphens(endpoint, written, utc):
    """A typographic minus (U+2212) in the offset was read as a plus, ten hours off, or made the
    date unreadable; a non-breaking hyphen or en dashes between the digits made it no date."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written", ["2026 12 02", "02Dec2026", "2026年12月2日"])
def test_dates_without_separators_stay_dates_under_the_no_day_rule(endpoint, written):
    """Read by dateutil all along; the rule that a string naming no day is no date, as first
    landed (1d93920), took these for none (spaces for separators, a month glued to its
    digits, Chinese and Japanese 年月日)."""
    assert stored_published(endpoint, written) == "2026-12-02T00:00:00+00:00"


@pytest.mark.parametrize("written, utc", [
    ("2026-12-01/2026-12-02", "2026-12-01T00:00:00+00:00"),
    ("2026-12-01T10:00:00Z/2026-12-02T10:00:00Z", "2026-12-01T10:00:00+00:00"),
    ("1-2 December 2026", "2026-12-01T00:00:00+00:00"),
    ("Dec 1-2, 2026", "2026-12-01T00:00:00+00:00"),
])
def test_an_interval_or_a_range_of_days_is_its_first_day(endpoint, written, utc):
    """An ISO 8601 interval was no date or 22:26 on its first day; a range of days was the
    year 2001 or 2002 (`1-2` a month and a day, `2026` 20:26), held as too old for good."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written", ["śr, 02 lis 2026 10:00:00 +0100", "2 listopada 2026 10:00",
                                     "2 ноября 2026 10:00"])
def test_a_month_in_a_language_not_read_makes_no_date_not_february(endpoint, written):
    """Polish or Russian month names (languages the month table does not hold) were skipped
    and the day taken for the month: 2 February, ten months back, held as too old to alert.
    A year without a month that can be read is no date: stored undated, so it alerts."""
    assert stored_published(endpoint, written) is None


@pytest.mark.parametrize("written, utc", [
    ("Dec. 2, 2026 10:00 a.m. Eastern", "2026-12-02T15:00:00+00:00"),
    ("2026-12-02 10:00 Pacific Standard Time", "2026-12-02T18:00:00+00:00"),
    ("June 2, 2026 10:00 Eastern Daylight Time", "2026-06-02T14:00:00+00:00"),
    ("Dec 2, 2026 10:00 a.m. ET (1500 GMT)", "2026-12-02T15:00:00+00:00"),
])
def test_us_zones_in_words_and_a_wire_time_in_brackets_are_read(endpoint, written, utc):
    """`Eastern`, `Pacific Standard Time` were dropped for UTC, hours off; a wire's `(1500 GMT)`
    after the date made it no date at all."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written, utc", [
    ("Dec. 2, 2026, 10:00 a.m. E.T.", "2026-12-02T15:00:00+00:00"),
    ("Dec 2, 2026 10:00 AM E.S.T.", "2026-12-02T15:00:00+00:00"),
    ("Dec 2, 2026 10:00 A.M. EST", "2026-12-02T15:00:00+00:00"),
    ("June 2, 2026 10:00 P.M. E.D.T.", "2026-06-03T02:00:00+00:00"),
    ("0930 GMT Dec 2 2026", "2026-12-02T09:30:00+00:00"),
    ("1200 GMT, Dec. 2, 2026", "2026-12-02T12:00:00+00:00"),
])
def test_dotted_zones_capital_half_days_and_wire_times_are_read(endpoint, written, utc):
    """`E.T.`, `E.S.T.` were skipped for UTC; `A.M.`/`P.M.` made dateutil drop the zone after
    them (`P.M. E.D.T.` 22:00 UTC); a wire's `0930 GMT` before the day was the year 930."""
    assert stored_published(endpoint, written) == utc


def test_a_wire_time_alone_is_today_at_that_time(endpoint):
    """`1200 GMT` was no date (the year 1200 with nothing else); `12:00 GMT` is today's."""
    assert stored_published(endpoint, "1200 GMT") == on_day(0, 12, 0, UTC)


@pytest.mark.parametrize("written", [
    "2. Dezember 2026, Mittag", "2 décembre 2026 à midi", "2 de diciembre de 2026 al mediodía",
    "2 dicembre 2026 a mezzogiorno", "2 december 2026 om middaguur",
    "2 de dezembro de 2026 ao meio-dia"])
def test_noon_in_the_languages_read_is_twelve_oclock(endpoint, written):
    """Only the English `noon` was read: `midi`, `Mittag`, `mediodía` … were skipped, and the
    article dated 00:00, twelve hours early."""
    assert stored_published(endpoint, written) == "2026-12-02T12:00:00+00:00"


@pytest.mark.parametrize("written, hour", [
    ("gestern um Mitternacht", 0), ("hier à minuit", 0), ("ayer al mediodía", 12),
    ("ieri a mezzogiorno", 12), ("gisteren om middernacht", 0), ("ontem à meia-noite", 0)])
def test_yesterday_at_noon_or_midnight_in_the_languages_read_is_that_time(endpoint, written,
                                                                         hour):
    """Such a relative day was no date (stored undated)."""
    assert stored_published(endpoint, written) == on_day(1, hour, 0, UTC)


@pytest.mark.parametrize("line, utc", [
    ("Veröffentlicht am 1. Dezember 2026, aktualisiert am 2. Dezember 2026, 10:00 Uhr",
     "2026-12-01T00:00:00+00:00"),
    ("Publié le 2 décembre 2026 à 10h00, mis à jour le 2 décembre 2026 à 11h30",
     "2026-12-02T10:00:00+00:00"),
    ("Publicado el 2 de diciembre de 2026 a las 10:00", "2026-12-02T10:00:00+00:00"),
    ("Pubblicato il 2 dicembre 2026 alle 10:00", "2026-12-02T10:00:00+00:00"),
    ("Gepubliceerd op 2 december 2026 om 10:00", "2026-12-02T10:00:00+00:00"),
    ("Publicado em 2 de dezembro de 2026 às 10:00", "2026-12-02T10:00:00+00:00"),
    ("Published Dec. 2, 2026, 10:00 a.m. E.T.", "2026-12-02T15:00:00+00:00"),
])
def test_a_date_line_of_the_copy_in_another_language_is_furniture(endpoint, line, utc):
    """Only an English label made a line a date line: `Veröffentlicht am …`, `Publié le …`
    stayed in the copy as its first paragraph (in the summary, what's new and `/who-said`)
    and the article was undated; so did a line closing on a dotted zone (`E.T.`)."""
    stored = stored_with_line(endpoint, line)
    assert (stored["published"], line in stored["body"]) == (utc, False), stored


def test_two_relative_dates_with_spoken_times_are_the_earlier(endpoint):
    """The pieces of a string of dates were tried as relative dates before `noon` was written
    in digits: `yesterday at noon` was none, so the update, 10:00 today, dated the story."""
    written = "Published yesterday at noon | Updated today at 10:00"
    assert stored_published(endpoint, written) == on_day(1, 12, 0, UTC)


def test_a_relative_update_with_a_spoken_time_leaves_the_day_published_alone(endpoint):
    """`Updated yesterday at noon` was no date on its own, and its noon was read into the
    published day's (12:00 on 1 December)."""
    written = "Published 1 Dec 2026 | Updated yesterday at noon"
    assert stored_published(endpoint, written) == "2026-12-01T00:00:00+00:00"


@pytest.mark.parametrize("written, utc", [
    ("mar 01 dic 2026 10:00:00 +0100", "2026-12-01T09:00:00+00:00"),
    ("mar. 01 déc. 2026 10:00", "2026-12-01T10:00:00+00:00"),
    ("Mar 1, 2026", "2026-03-01T00:00:00+00:00"),
])
def test_a_weekday_without_its_comma_is_not_read_as_march(endpoint, written, utc):
    """A Spanish or Italian `mar` (Tuesday) before the day and its month, with no comma, was
    read as March beside the month written: no date, stored undated. March before a day and a
    year stays March."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written, weekday", [
    ("Mon 10:00", 0), ("Updated Tue at 10:00", 1), ("Mi 10:00", 2), ("Thurs 10:00", 3),
    ("ven. à 10h00", 4), ("Sat 10:00", 5)])
def test_a_short_weekday_with_a_time_is_the_latest_such_day(endpoint, written, weekday):
    """`Mon 10:00` was read by dateutil: the next Monday, then a year back (more than two days
    ahead, as a date without its year is); `Mi 10:00` (German) and `ven. à 10h00` (French)
    were 10:00 today."""
    days = (datetime.now(UTC).weekday() - weekday) % 7
    assert stored_published(endpoint, written) == on_day(days, 10, 0, UTC)


@pytest.mark.parametrize("written, utc", [
    ("Mi, 02 Dez 2026 10:00:00 MEZ", "2026-12-02T09:00:00+00:00"),
    ("2. Juni 2026, 10:00 Uhr MESZ", "2026-06-02T08:00:00+00:00"),
    ("2. Dezember 2026, 10:00 Uhr OEZ", "2026-12-02T08:00:00+00:00"),
])
def test_zones_named_in_german_are_read(endpoint, written, utc):
    """`MEZ`, `MESZ`, `OEZ` (German for CET, CEST, EET) were dropped for UTC, hours off."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written, utc", [
    ("2026-12-01T10:00Z 2026-12-02T10:00Z", "2026-12-01T10:00:00+00:00"),
    ("2026-12-02T10:00:00+01:00 2026-12-01T23:00:00-05:00", "2026-12-02T04:00:00+00:00"),
])
def test_two_iso_moments_side_by_side_are_the_earlier(endpoint, written, utc):
    """A CMS writing its published and modified times with only a space between was no date
    (stored undated, so never held as too old however old)."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("written, before", [
    ("vor 2 Std.", relativedelta(hours=2)), ("Aktualisiert vor 1 Std.", relativedelta(hours=1)),
    ("vor 30 Sek.", relativedelta(seconds=30))])
def test_german_short_units_ago_are_that_long_before(endpoint, written, before):
    """`vor 2 Std.` (Stunden, as German sites shorten it) and `vor 30 Sek.` were no date."""
    assert_read_as_before(endpoint, written, before)


@pytest.mark.parametrize("written, minutes", [
    ("half an hour ago", 30), ("vor einer halben Stunde", 30), ("il y a une demi-heure", 30),
    ("hace media hora", 30), ("há meia hora", 30), ("an hour and a half ago", 90),
    ("vor anderthalb Stunden", 90)])
def test_half_hours_ago_are_that_long_before(endpoint, written, minutes):
    """`half an hour ago` was an hour ago (`half` no count); the German, French, Spanish and
    Portuguese half hours and `an hour and a half ago` were no date."""
    assert_read_as_before(endpoint, written, relativedelta(minutes=minutes))


def assert_read_as_before(endpoint, written: str, before: relativedelta) -> None:
    """``written`` is stored as that long before it was sent (within a few minutes)."""
    sent_at = datetime.now(UTC)
    read = datetime.fromisoformat(stored_published(endpoint, written) or "")
    assert abs(read - (sent_at - before)) < timedelta(minutes=5), written


@pytest.mark.parametrize("written, utc", [
    ("Dec 2 2026 11:00 PM EST | Updated 1:00 AM EST", "2026-12-03T04:00:00+00:00"),
    ("Published 11:00 PM EST | Updated 1:00 AM EST Dec 3 2026", "2026-12-03T04:00:00+00:00"),
    ("2 Dez. 2026, 23:30 Uhr | aktualisiert 00:15 Uhr", "2026-12-02T23:30:00+00:00"),
    ("Dec 2, 2026 11:30 PM | Last updated 00:30", "2026-12-02T23:30:00+00:00"),
    ("Dec 2 2026 10:00 AM EST | Updated 11:00 AM EST", "2026-12-02T15:00:00+00:00"),
])
def test_an_update_after_midnight_is_never_before_its_publication(endpoint, written, utc):
    """A time written without its day after (or before) the day it borrows: the update's
    `1:00 AM` was read on the day published, 22 hours before the publication, and the
    earlier of the two taken. An update is never before its publication: the next day."""
    assert stored_published(endpoint, written) == utc


def test_an_update_after_midnight_in_a_date_line_of_the_copy_leaves_the_publication(endpoint):
    stored = stored_with_line(endpoint, "Published Dec 2 2026 11:00 PM EST | Updated 1:00 AM")
    assert stored["published"] == "2026-12-03T04:00:00+00:00"


@pytest.mark.parametrize("written, minutes", [
    ("1.5 hours ago", 90), ("vor 1,5 Stunden", 90), ("1.5 days ago", 36 * 60),
    ("2 hours and a half ago", 150), ("2½ hours ago", 150), ("one and a half hours ago", 90),
    ("vor eineinhalb Stunden", 90), ("il y a une heure et demie", 90),
    ("hace una hora y media", 90), ("un'ora e mezza fa", 90), ("anderhalf uur geleden", 90),
    ("há uma hora e meia", 90), ("il y a 2 heures et demie", 150)])
def test_decimal_counts_and_halves_ago_are_that_long_before(endpoint, written, minutes):
    """`1.5 hours ago` was dateutil's 01:30 today, `1.5 days ago` midnight, `2½ hours ago` and
    `one and a half hours ago` a day in August (`ago`, Spanish for August); a decimal comma,
    `eineinhalb`, and an hour and a half in French, Spanish, Italian and Portuguese were no
    date, and Dutch `anderhalf uur` half an hour."""
    assert_read_as_before(endpoint, written, relativedelta(minutes=minutes))


@pytest.mark.parametrize("line, utc, byline", [
    ("Wed, 02 Dec 2026 | Updated 10:00", "2026-12-02T10:00:00+00:00", None),
    ("2 December 2026, 10:00 | Last updated 11:00", "2026-12-02T10:00:00+00:00", None),
    ("Posted on December 2, 2026 by Ana Ruiz", "2026-12-02T00:00:00+00:00", "Ana Ruiz"),
    ("Published December 2, 2026 | By Ana Ruiz", "2026-12-02T00:00:00+00:00", "Ana Ruiz"),
    ("By Ana Ruiz | December 2, 2026", "2026-12-02T00:00:00+00:00", "Ana Ruiz"),
    ("By Ana Ruiz, Published 2 Dec 2026 10:00 GMT", "2026-12-02T10:00:00+00:00", "Ana Ruiz"),
    ("Published 2 Dec 2026 by Ana Ruiz and Jo Lind", "2026-12-02T00:00:00+00:00",
     "Ana Ruiz and Jo Lind"),
    ("Updated 2 hours ago | By Ana Ruiz", None, "Ana Ruiz"),
])
def test_a_date_line_with_its_label_after_or_a_byline_is_furniture(endpoint, line, utc, byline):
    """A date line of the copy with its label after the date, or with a byline before or
    after it, stayed in the copy as its first paragraph (in the summary, what's new and
    `/who-said`), the article undated and without its byline (`By Ana Ruiz, Published …`
    made `By Ana Ruiz` its source)."""
    stored = stored_with_line(endpoint, line)
    assert (stored["published"], stored["byline"], line in stored["body"]) == (utc, byline, False)
    assert stored["source"] != "By Ana Ruiz"


def test_prose_with_a_date_and_by_stays_in_the_copy(endpoint):
    line = "The ferry was launched on December 2, 1990 by Ana Ruiz."
    assert line in stored_with_line(endpoint, line)["body"]


@pytest.mark.parametrize("written, before", [
    ("three days ago", relativedelta(days=3)), ("ten minutes ago", relativedelta(minutes=10)),
    ("twenty minutes ago", relativedelta(minutes=20)), ("vor drei Tagen", relativedelta(days=3)),
    ("il y a deux heures", relativedelta(hours=2)), ("hace dos horas", relativedelta(hours=2)),
    ("due ore fa", relativedelta(hours=2)), ("twee uur geleden", relativedelta(hours=2)),
    ("há duas horas", relativedelta(hours=2))])
def test_counts_in_words_ago_are_that_long_before(endpoint, written, before):
    """`three days ago` was a day ago (`three` skipped as a label's word, `days` alone one),
    `due ore fa` and `twee uur geleden` an hour ago; the German, French, Spanish and
    Portuguese forms no date."""
    assert_read_as_before(endpoint, written, before)


@pytest.mark.parametrize("written, utc, offset", [
    ("Tue, 02 Dec 2025 20:00:00 -0500", "2025-12-03T01:00:00+00:00", -300),
    ("2025-12-02T20:00-05:00", "2025-12-03T01:00:00+00:00", -300),
    ("Dec. 2, 2025 8 p.m. EST", "2025-12-03T01:00:00+00:00", -300),
    ("2 Dec 2025 10:00 Europe/Berlin", "2025-12-02T09:00:00+00:00", 60),
    ("2025-12-02 20:00 NPT", "2025-12-02T14:15:00+00:00", 345),
    ("/Date(1764723600000-0500)/", "2025-12-03T01:00:00+00:00", -300),
    ("Tue, 02 Dec 2025 20:00:00 GMT", "2025-12-02T20:00:00+00:00", None),
    ("2025-12-02 20:00", "2025-12-02T20:00:00+00:00", None),
    ("1764723600", "2025-12-03T01:00:00+00:00", None),
])
def test_the_offset_a_time_was_written_in_is_kept_beside_the_utc_moment(
        endpoint, written, utc, offset):
    """The stored time is UTC, as before; the zone it was written in was dropped, so an
    evening in New York was read as the next day's (the writer's "today" a day late). None
    for UTC and for a time written without a zone (Unix time is UTC)."""
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, published=written))
    assert status == 200, body
    stored = dbs.get()["articles"].get(body["results"][0]["article_id"])
    assert (stored["published"], stored["published_offset"]) == (utc, offset)


def test_a_date_line_of_the_copy_keeps_the_offset_it_was_written_in(endpoint):
    stored = stored_with_line(endpoint, "Published 8:00 p.m. ET Dec. 2, 2025")
    assert (stored["published"], stored["published_offset"]) == ("2025-12-03T01:00:00+00:00", -300)


@pytest.mark.parametrize("written, offset", [
    ("3 days ago at 9:30 pm EST", -300), ("Updated 2 days ago at 10:00 +01:00", 60),
    ("yesterday at noon ET", NEW_YORK), ("yesterday at 10:00", None), ("2 hours ago", None)])
def test_a_relative_time_keeps_the_offset_written_after_it(endpoint, written, offset):
    """`3 days ago at 9:30 pm EST` was read in its zone and kept in UTC alone. `ET` is New
    York's offset on the day named: -300 in winter, -240 from March to November."""
    if isinstance(offset, tzinfo):
        east = there(1, 12, 0, offset).utcoffset()
        offset = round(east.total_seconds() / 60) if east else None
    port, dbs = endpoint
    status, body, _ = post(port, article(FERRY, published=written))
    assert status == 200, body
    assert dbs.get()["articles"].get(body["results"][0]["article_id"])["published_offset"] == offset


@pytest.mark.parametrize("written, utc", [
    ("Monday, December 2, 2026", "2026-12-02T00:00:00+00:00"),
    ("Mon 2 Dec 2026", "2026-12-02T00:00:00+00:00"),
    ("Monday | 2026-12-02", "2026-12-02T00:00:00+00:00"),
    ("Monday | December 2, 2026", "2026-12-02T00:00:00+00:00"),
    ("Published Monday | December 2, 2026 | 10:00 EST", "2026-12-02T15:00:00+00:00"),
    ("Monday 10:00 — Dec. 2, 2026", "2026-12-02T10:00:00+00:00"),
    ("Montag | 2. Dezember 2026", "2026-12-02T00:00:00+00:00"),
])
def test_a_weekday_that_is_not_the_dates_leaves_the_date_alone(endpoint, written, utc):
    """A CMS template's stale weekday beside a full date (2 December 2026 is a Wednesday): with
    a separator between them, the weekday was read as the latest Monday, days before the date
    written, and as the earlier of two dates it dated the article."""
    assert stored_published(endpoint, written) == utc


@pytest.mark.parametrize("line", ["Monday | December 2, 2026",
                                  "Published Monday | December 2, 2026 10:00 GMT"])
def test_a_date_line_whose_weekday_is_not_the_dates_is_dated_by_its_date(endpoint, line):
    """Such a line of the copy dated the article last Monday, labelled or not."""
    stored = stored_with_line(endpoint, line)
    written = "10:00" if "10:00" in line else "00:00"
    assert (stored["published"], line in stored["body"]) == (
        f"2026-12-02T{written}:00+00:00", False), stored
