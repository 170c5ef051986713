"""A real `wirewatch run` started (without -v) inside a hold Slack asked an earlier run for says
so at once, once per hold, with when it ends: an operator restarting during a hold is not left
looking at a silent terminal for minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import open_db
from storage.runs import latest_runs
from storage.slack_holds import keep_hold
from tests.fakes.slack_api import FakeSlack
from tests.sources.process import slack_run

HOLD_S = 240
"""Far longer than a start takes, so the hold is still on when the run reads it."""


def test_a_restart_inside_a_kept_hold_says_it_without_v(db_path, processes):
    """Before: the line was INFO, which a run without -v never shows (only WARNING and up,
    and the loggers of ``bot.cli.LOGGER_LEVELS``): the terminal said nothing of the hold."""
    now = datetime.now(UTC)
    ends = (now + timedelta(seconds=HOLD_S)).replace(microsecond=0)
    db = open_db(db_path)
    with db.conn:
        keep_hold(db, "channel:C0DESK", until=ends.isoformat(), seconds=HOLD_S,
                  now=now.isoformat())
        keep_hold(db, "method:conversations.open", until=ends.isoformat(), seconds=HOLD_S,
                  now=now.isoformat())
    with FakeSlack() as fake:
        run = slack_run(db_path, fake, processes)
        run.wait_until(lambda: any(row.started_at for row in latest_runs(db)),
                       what="the run started")
        assert run.terminate() == 0
    db.close()
    said = [line for line in run.errors if "Slack's hold" in line]
    assert len(said) == 2, run.said()
    assert any("channel C0DESK" in line for line in said), said
    assert any("conversations.open" in line for line in said), said
    assert all(f"until {ends:%H:%M:%S} UTC" in line for line in said), said
