"""`/wirewatch status` in Slack and `wirewatch status` on the server name the alerts not yet
posted, and those that failed, in the same words (the desk's, not "Outbox"), with the oldest's
wait in both. The real Bolt app over HTTP, the fake Slack, the CLI on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import transaction
from tests.invoke import invoke
from tests.slack.conftest import run_command


def one_waiting(db) -> None:
    """An alert queued three hours ago, not yet posted."""
    queued = (datetime.now(UTC) - timedelta(hours=3, minutes=5)).isoformat(timespec="seconds")
    with transaction(db):
        db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
                   "next_attempt_at, created_at) VALUES (1, 1, 'C1', 'new', 'pending', 0, ?, ?)",
                   [queued, queued])


def test_slack_and_the_terminal_say_the_alerts_waiting_alike(runtime, fake_slack, fresh_db,
                                                            db_path):
    """Before: Slack "• Alerts waiting to be posted: 1", the terminal "Outbox: 1 alert waiting
    to be posted (the oldest queued 3 h ago); 0 failed"."""
    one_waiting(fresh_db)
    said = "Alerts waiting to be posted: 1 (the oldest queued 3 hours ago)"
    slack = run_command(runtime, fake_slack, "/wirewatch", "status")["text"].splitlines()
    terminal = invoke(db_path, "status").output.splitlines()
    assert f"• {said}" in slack and said in terminal, (slack, terminal)
    assert "• Failed alerts: 0" in slack and "Failed alerts: 0" in terminal, (slack, terminal)
    assert not any("Outbox" in line for line in terminal), terminal
