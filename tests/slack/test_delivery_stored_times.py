"""Delivery reads every stored time with the one reader (``bot.models.times.utc_time``): a
naive time is UTC, as storage writes them. Before, a stray watch's start, a lookup's kept
page time and another run's boot time stored naive (by another tool, or by hand) were read
as they were: the watch's next look and the boot check raised TypeError against the aware
``now``, and the lookup's page time stayed naive for the late-copy wait that reads it; a
too-old article's time stored in another offset was said in that offset, labelled UTC. The
naive cases run in a child Python with TZ=EAST-5, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.alerts.eligibility import alert_hold
from tests.east_of_utc import east_of_utc

HEAD = """
import sys
from datetime import UTC, datetime
from storage.db import open_db, transaction
db = open_db(sys.argv[1])
now = datetime(2026, 12, 6, 4, 50, tzinfo=UTC)
"""


def test_a_stray_watch_begun_at_a_naive_time_looks_again_in_utc(tmp_path):
    """Begun 10 minutes ago, it looks again twice as long after its start: at 05:00 UTC."""
    script = HEAD + """
from bot.alerts.strays import Stray, next_look, read_on_from
print(next_look("2026-12-06T04:40:00", now, 60.0))
stray = Stray(name="alert 1", event_type="wirewatch_alert", key="alert_id", value=1,
              channel="C1", thread_ts=None, ts="1.0", stray_from=5.0)
print(read_on_from(stray, "2026-12-06T04:40:00", now, 9.0, read=True))
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2026-12-06T05:00:00.000000+00:00", "5.0"]


def test_a_lookups_page_time_kept_naive_is_utc(tmp_path):
    script = HEAD + """
import json
from bot.alerts.history import Progress
kept = json.dumps({"in": "C1/", "cursor": "c2", "began": "2026-12-06T04:45:00"})
print(Progress.kept(kept, "C1/", now).began.isoformat())
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2026-12-06T04:45:00+00:00"]


def test_another_runs_boot_stored_naive_is_utc(tmp_path):
    """Before: TypeError (the earliest of a naive and an aware time) and no post was sent."""
    script = HEAD + """
from bot.alerts.instances import Instances
from storage.instances import record_boot
with transaction(db):
    record_boot(db, "older", at="2026-12-06T04:00:00")
runs = Instances()
runs.register(db)
print(runs._first.isoformat(), runs.started > runs._first)
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2026-12-06T04:00:00+00:00 True"]


def test_a_too_old_articles_time_stored_in_another_offset_is_said_in_utc():
    """Before: its time was printed in its own offset (09:30 here) and labelled UTC."""
    hold = alert_hold(background=False, published="2026-12-01T09:30:00+05:00",
                      ingested_at=datetime(2026, 12, 6, tzinfo=UTC), max_age_hours=24)
    assert hold is not None and "published 2026-12-01 04:30 UTC, 4 days before" in hold
