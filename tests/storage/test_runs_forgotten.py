"""The runs table stays a week long: a row that holds only Slack's answer to a start-up check
(a run killed during its start-up never writes its start, beat or stop) goes with the rest.
A real SQLite file, and the run's own record (``bot.run_record.ThisRun``) that prunes it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.run_record import KEPT_FOR, ThisRun
from storage.db import open_db, transaction
from storage.runs import heartbeat, run_started, run_stopped, slack_noted


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _runs(db) -> set[str]:
    return {row[0] for row in db.execute("SELECT run FROM runs").fetchall()}


def test_a_start_up_killed_long_ago_is_forgotten_with_the_runs_of_its_week(db_path):
    """Before: ``forget_runs`` compared only the stop and the heartbeat, which such a row has
    not: one row more for each start-up killed, kept for ever."""
    now = datetime.now(UTC)
    old, recent = _iso(now - KEPT_FOR - timedelta(hours=1)), _iso(now - timedelta(hours=1))
    db = open_db(db_path)
    with transaction(db):
        slack_noted(db, "killed-old", answers=True, since=old, why=None)
        slack_noted(db, "killed-new", answers=False, since=recent, why="HTTP 503")
        run_started(db, "ran-old", pid=1, host="h", mode="http", at=old)
        run_stopped(db, "ran-old", at=old)
        run_started(db, "ran-new", pid=2, host="h", mode="http", at=old)
        heartbeat(db, "ran-new", at=recent)
    ThisRun(lambda: db, "this-run", "http").begun()
    assert _runs(db) == {"killed-new", "ran-new", "this-run"}, _runs(db)
    db.close()
