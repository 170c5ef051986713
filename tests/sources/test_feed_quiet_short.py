"""A feed with too short a history to learn its usual gap from is judged by a plainer rule: a
new feed gone silent is told after a day (before: never, shown nowhere), and a feed of a few
days is not told over the first weekend it has not yet seen (before: after twice its night),
but is when it stops for good; each told once, and once again when it is back (a real feed
server on 127.0.0.1, a real SQLite file, polls at given times)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.cli.source_quiet import quiet_line
from bot.ingest.quiet_feeds import dated_gap
from bot.source_notices import notice_text, queue_notices
from storage.sources import source_row
from tests.sources.test_feed_quiet import ADMINS, START, Desk, _last, hours

DAY = timedelta(days=1)


@pytest.fixture
def desk(server, db_path, fresh_db):
    made = Desk(server, db_path, fresh_db)
    yield made
    made.db.close()


def test_a_new_feed_gone_silent_is_told_after_a_day_and_again_when_it_is_back(desk):
    """Its first poll's entries (background) are all it brought; then four days polled every
    three hours. Before: no notice, and `sources list` said nothing of it."""
    for n in range(5):
        desk.publish(START - timedelta(hours=n))
    for moment in hours(START, 4 * 8, step=3):
        desk.poll(moment)
    told = desk.changes("quiet")
    assert len(told) == 1, told
    assert DAY <= datetime.fromisoformat(told[0]) - START <= DAY + timedelta(hours=3), told
    assert queue_notices(desk.db, admin_channel=ADMINS) == 1
    text = notice_text(_last(desk.db))
    assert text.startswith(f"🔇 The feed #{desk.id} "), text
    assert "it brought new entries at one poll only since it was added, too few to learn its " \
        "usual gap" in text, text
    said = quiet_line(source_row(desk.db, desk.id), now=START + timedelta(days=3, hours=1))
    assert (said or "").startswith("no new entry in 3 days (latest "), said

    back = START + timedelta(days=4)
    desk.publish(back)
    desk.poll(back)
    assert desk.changes("resumed") == [back.isoformat()]
    assert len(desk.changes("quiet")) == 1
    assert source_row(desk.db, desk.id).quiet_at is None


def _weekdays(desk: Desk, days: int) -> datetime:
    """From Monday: an entry every three hours from 08:00 to 20:00 (nights of 12 h), polled
    hourly for ``days`` days until the last entry; when it came."""
    for moment in hours(START, days * 24 - 9):
        if 8 <= moment.hour <= 20 and moment.hour % 3 == 2:
            desk.publish(moment)
        desk.poll(moment)
    return desk.items[-1].published or START


def test_a_short_history_is_not_told_over_its_first_weekend(desk):
    """Monday to Friday, then nothing until Monday 08:00 (60 h): the weekend a feed of five
    days has not seen yet. Before: told quiet on Saturday night (twice its 12 h night), and
    'brings new entries again' on Monday."""
    last = _weekdays(desk, 5)
    assert last.weekday() == 4 and last.hour == 20, last
    monday = last + timedelta(hours=60)
    for moment in hours(last + timedelta(hours=1), 59):
        desk.poll(moment)
    desk.publish(monday)
    desk.poll(monday)
    assert desk.changes("quiet") == [] and desk.changes("resumed") == []


def test_a_short_history_that_stops_for_good_is_told_once_after_three_days(desk):
    """The same five days, then silence for five days: told once, three days (six of its
    nights, up to a weekend) after its last entry. Before: after one day."""
    last = _weekdays(desk, 5)
    for moment in hours(last + timedelta(hours=1), 5 * 24, step=2):
        desk.poll(moment)
    told = desk.changes("quiet")
    assert len(told) == 1, told
    waited = datetime.fromisoformat(told[0]) - last
    assert timedelta(days=3) <= waited <= timedelta(days=3, hours=2), waited
    assert queue_notices(desk.db, admin_channel=ADMINS) == 1
    assert "its history is too short to learn its usual gap; its longest wait between new " \
        "entries so far was 12 hours" in notice_text(_last(desk.db))


def test_a_silent_feed_reads_its_history_once_until_a_new_entry(desk):
    """Polled hourly through a silence, across a restart, the 60-day arrivals query runs at the
    first poll that judges, not at each (before: at every poll from six hours on); a new entry
    learns again."""
    last = _weekdays(desk, 8)
    read = _reads(desk, [last + timedelta(hours=n) for n in range(1, 11)])
    desk.restart()  # kept in the database, not in the process
    read += _reads(desk, [last + timedelta(hours=n) for n in range(11, 21)])
    assert read == 1, read
    later = last + timedelta(hours=21)
    desk.publish(later)
    assert _reads(desk, [later + timedelta(hours=n) for n in range(10)]) == 1
    assert desk.changes("quiet") == []


def _reads(desk: Desk, moments: list[datetime]) -> int:
    """How many times the polls at ``moments`` read the feed's arrivals."""
    queries: list[str] = []
    desk.db.conn.set_trace_callback(queries.append)
    for moment in moments:
        desk.poll(moment)
    desk.db.conn.set_trace_callback(None)
    return len([q for q in queries if "SELECT DISTINCT seen_at FROM feed_entries" in q])


def test_one_stray_old_date_does_not_stretch_a_new_feeds_wait():
    """A busy feed's first poll holding one pinned entry dated ten days back: its entries'
    dates say hours, not the ten days (before: the longest gap, a week, so 14 days' wait)."""
    latest = START + timedelta(days=1)
    dates = [(START - timedelta(days=10)).isoformat()] + [
        (START + timedelta(hours=n)).isoformat() for n in range(0, 24, 2)]
    assert dated_gap(dates, since=latest - timedelta(days=60), latest=latest) == \
        timedelta(hours=2)
    weekly = [(START - timedelta(days=7 * n)).isoformat() for n in range(4)] + ["not a date"]
    assert dated_gap(weekly, since=latest - timedelta(days=60), latest=latest) == \
        timedelta(days=7)
