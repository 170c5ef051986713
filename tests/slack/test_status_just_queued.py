"""An alert queued this very second reads "just now" in `/wirewatch status` and `wirewatch
status`, not "0 seconds ago". The real Bolt app over HTTP, the fake Slack, the CLI on a real
SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import transaction
from tests.invoke import invoke
from tests.slack.conftest import run_command


def test_an_alert_queued_this_second_is_said_just_now(runtime, fake_slack, fresh_db, db_path):
    """Before: "Alerts waiting to be posted: 1 (the oldest queued 0 seconds ago)"."""
    queued = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, next_attempt_at, created_at) VALUES (1, 1, 'C1', 'new', "
                         "'pending', 0, ?, ?)", [queued, queued])
    said = "Alerts waiting to be posted: 1 (the oldest queued just now)"
    slack = run_command(runtime, fake_slack, "/wirewatch", "status")["text"].splitlines()
    terminal = invoke(db_path, "status").output.splitlines()
    assert f"• {said}" in slack and said in terminal, (slack, terminal)
