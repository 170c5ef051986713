import sqlite3
from datetime import UTC, datetime, timedelta

from storage.backoff import Backoff
from storage.sources import backoff_seconds


def test_doubles_from_the_first_wait_up_to_the_cap():
    backoff = Backoff(first=5, cap=60)
    assert [backoff.delay(n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]


def test_no_failure_means_no_wait():
    assert Backoff(first=5, cap=60).delay(0) == 0


def test_a_first_wait_longer_than_the_cap_is_kept():
    assert Backoff(first=900, cap=60).delay(3) == 900


def test_a_long_failure_streak_stays_at_the_cap():
    assert Backoff(first=1, cap=3600).delay(10_000) == 3600


def test_next_attempt_is_now_plus_the_delay():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert Backoff(first=2, cap=60).next_attempt(3, now=now) == now + timedelta(seconds=8)


def test_sources_wait_one_interval_then_double_up_to_six_hours():
    assert [backoff_seconds(every=300, failures=n) for n in (1, 2, 3)] == [300, 600, 1200]
    assert backoff_seconds(every=300, failures=40) == 6 * 3600
    assert backoff_seconds(every=8 * 3600, failures=2) == 8 * 3600


def test_the_sql_wait_is_the_same_as_delay(tmp_path):
    """The inbox reads in SQL the wait a row's tries set; it must be delay's, try by try."""
    db = sqlite3.connect(tmp_path / "backoff.db")
    db.execute("CREATE TABLE tries (n INTEGER)")
    db.executemany("INSERT INTO tries VALUES (?)", [(n,) for n in [*range(0, 60), 10_000]])
    for backoff in (Backoff(first=5, cap=3600), Backoff(first=900, cap=60)):
        in_sql = db.execute(f"SELECT n, {backoff.delay_sql('n')} FROM tries ORDER BY n")
        assert [(n, float(wait)) for n, wait in in_sql] == \
            [(n, backoff.delay(n)) for n in [*range(0, 60), 10_000]]
