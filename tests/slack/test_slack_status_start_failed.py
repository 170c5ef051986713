"""`wirewatch status` of a run whose start-up failed, or is still under way: Slack answered its
start-up check before the run was recorded as begun, so its row holds Slack's answer alone.
The real `wirewatch run` in a process, the fake Slack Web API, a real SQLite file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from storage.db import open_db, transaction
from storage.runs import slack_noted
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_first_run import slack_env, wirewatch


def test_a_run_whose_start_up_failed_is_said_never_to_have_started(db_path, fake_slack: FakeSlack,
                                                                   tmp_path):
    """Before: "its start not recorded · mode unknown · stopped … (began time unknown)" over
    "Slack: answering since …", of a run that never ran."""
    env = slack_env(db_path, fake_slack.base_url)
    failed = wirewatch("run", "--watch", str(tmp_path / "missing"), env=env)
    assert failed.returncode == 1 and "does not exist" in failed.stderr, failed.stderr
    said = wirewatch("status", env=env).stdout
    [line, slack] = [row for row in said.splitlines() if row.startswith(("  run ", "    Slack"))]
    assert line.endswith(" · never started: it stopped during its start-up, at " + line[-20:]), said
    assert "not recorded" not in said and "unknown" not in said, said
    assert slack.startswith("    Slack: answered its start-up check at "), said
    [run] = json.loads(wirewatch("status", "--json", env=env).stdout)["runs"]
    assert run["state"] == "never started", run


def test_a_run_starting_up_is_said_to_be_starting(db_path, fake_slack: FakeSlack):
    """Before: "not running: no heartbeat and it never said it stopped (killed, or its machine
    went down)" of a run a second into its start-up."""
    now = datetime.now(UTC)
    db = open_db(db_path)
    with transaction(db):
        slack_noted(db, "cccc3333", answers=True, since=now.isoformat(timespec="seconds"),
                    why=None)
        slack_noted(db, "dddd4444", answers=False, why="HTTP 503",
                    since=(now - timedelta(hours=1)).isoformat(timespec="seconds"))
    db.close()
    said = wirewatch("status", env=slack_env(db_path, fake_slack.base_url)).stdout
    assert "  run cccc3333 · starting up\n    Slack: answering since " in said, said
    assert ("  run dddd4444 · never started: it went quiet during its start-up (killed, or its "
            "machine went down)\n    Slack: not reachable at its start-up check, since ") in said, said
    assert "(HTTP 503)" in said, said
