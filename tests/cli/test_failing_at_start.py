"""A feed that failed in an earlier run is named in `wirewatch run`'s first lines as the run
names a failure when it happens: since when it has been failing, how many tries in a row,
and its next try as a wait with its time. Real SQLite, the real runner's banner."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.alerts.timeline_blocks import when_text
from bot.config import Settings
from bot.runner import Runner
from storage.db import open_db, transaction
from storage.sources import add_source, record_failure, record_success

FEED = "https://wire.example/desk.xml"
REASON = "the server answered 503 Service Unavailable"


def banner(settings: Settings, nlp) -> list[str]:
    runner = Runner(settings, nlp=nlp)
    try:
        return runner.describe()
    finally:
        runner.stop()


def _failing_line(settings: Settings, nlp) -> str:
    lines = banner(settings, nlp)
    return lines[lines.index(f"feed #1: {FEED} (every 3600 s)") + 1]


def test_a_feed_failing_since_an_earlier_run_says_since_when_and_its_next_try(settings, nlp):
    """Before: '  failing (2 in a row): …; next try after 2026-12-06 03:00 UTC', with no word
    of when the failing began, and its next try in other words than the run's own line."""
    now = datetime.now(UTC).replace(microsecond=0)
    first = now - timedelta(minutes=70)
    db = open_db(settings.db_path)
    with transaction(db):
        add_source(db, kind="feed", location=FEED, every=3600)
        record_success(db, 1, now=now - timedelta(hours=5), items=2)
        record_failure(db, 1, reason="timed out waiting for wire.example", now=first)
        record_failure(db, 1, reason=REASON, now=now - timedelta(minutes=10))
    db.close()
    line = _failing_line(settings, nlp)
    said = re.fullmatch(
        rf"  failing \(2 in a row\) since {re.escape(when_text(first.isoformat()))}: "
        rf"{REASON}; next try in (\d+) minutes \(at (?:(\S+) )?\d\d:\d\d:\d\d UTC\)", line)
    assert said, line
    assert 108 <= int(said[1]) <= 110
    days = {(now + timedelta(minutes=m)).date().isoformat() for m in range(108, 112)}
    assert said[2] is None or said[2] in days - {now.date().isoformat()}, line


def test_a_good_poll_ends_the_failing_spell(settings, nlp):
    """The next failure after a good poll is a new spell, said from its own time."""
    now = datetime.now(UTC).replace(microsecond=0)
    db = open_db(settings.db_path)
    with transaction(db):
        add_source(db, kind="feed", location=FEED, every=3600)
        record_failure(db, 1, reason=REASON, now=now - timedelta(hours=3))
        record_success(db, 1, now=now - timedelta(hours=2))
        record_failure(db, 1, reason=REASON, now=now - timedelta(minutes=5))
    db.close()
    since = when_text((now - timedelta(minutes=5)).isoformat())
    assert _failing_line(settings, nlp).startswith(f"  failing (1 in a row) since {since}: ")
