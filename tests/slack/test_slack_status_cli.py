"""`wirewatch status` on the server while a real `wirewatch run` goes on: before Slack first
answers, the terminal says so (the run, its heartbeat, Slack not reachable since when, the alert
waiting), then that Slack answers and the outbox is empty, then that the run stopped; read from
the database alone (the real command in processes, the fake Slack Web API, a real SQLite file)."""

from __future__ import annotations

import json

from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.test_slack_first_run import live_run, wirewatch
from tests.slack.test_slack_outage_mid_run import ARTICLES, desk_env, queued


def status_of(env: dict[str, str], *args: str) -> str:
    result = wirewatch("status", *args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_status_on_the_server_says_slack_is_not_reachable_then_that_it_answers(
        db_path, fake_slack: FakeSlack):
    """Before: `wirewatch status` was no command ("No such command 'status'", exit 2): until
    Slack first answered, only the log and `/health` said so."""
    env = desk_env(db_path, fake_slack)
    fake_slack.go_down()
    with live_run(env) as run:
        queued(run, ARTICLES[0])
        said = status_of(env)
        assert "· HTTP events · running, last heartbeat " in said, said
        assert "    Slack: not reachable since " in said and "HTTP 503" in said, said
        assert "Alerts waiting to be posted: 1 (the oldest queued " in said, said
        assert f"Last article: #1 “{ARTICLES[0]['title']}”, stored " in said, said
        as_json = json.loads(status_of(env, "--json"))
        [latest] = as_json["runs"]
        assert latest["state"] == "running" and latest["slack_answers"] is False, as_json
        assert as_json["outbox"]["pending"] == 1 and as_json["outbox"]["oldest_pending_at"]
        fake_slack.come_up()
        wait_for(lambda: len(fake_slack.posts("C0DESK")) == 1)
        said = status_of(env)
        assert "    Slack: answering since " in said, said
        assert "Alerts waiting to be posted: 0" in said, said
    assert run.returncode in (0, -15), run.err
    said = status_of(env)
    assert "· HTTP events · stopped " in said and "running" not in said, said
