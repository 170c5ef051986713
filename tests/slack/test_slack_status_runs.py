"""`/wirewatch status` in Slack says what `wirewatch status` on the server says of the runs and
the feeds, in the same words (signed requests over real HTTP, a real SQLite file, the fake
Slack Web API, the CLI on the same file)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import transaction
from storage.runs import slack_noted
from storage.sources import add_source, record_success
from tests.cli.test_status_cli import a_stopped_run_and_a_killed_one
from tests.invoke import invoke
from tests.slack.conftest import run_command

SILENT_RUN = "not running: last heartbeat 10 minutes ago and it never said it stopped"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _a_desk_with_a_stopped_run_a_silent_run_and_a_young_feed(db, now: datetime) -> None:
    """A run stopped two hours ago, one killed without a word whose Slack went unreachable,
    and a feed added two days ago that answers every poll with no entry yet."""
    with transaction(db):
        a_stopped_run_and_a_killed_one(db, now)
        young = add_source(db, kind="feed", location="https://wire.example/young")
        db.execute("UPDATE sources SET added_at = ? WHERE id = ?",
                   [_iso(now - timedelta(days=2)), young])
        record_success(db, young, now=now - timedelta(minutes=5))


def test_slack_status_names_each_run_and_counts_feeds_in_the_cli_s_words(runtime, fake_slack,
                                                                       fresh_db, db_path):
    """Before: `/wirewatch status` said nothing of the runs, and counted a feed too young to
    have a usual gap 'quiet far longer than usual'."""
    _a_desk_with_a_stopped_run_a_silent_run_and_a_young_feed(fresh_db, datetime.now(UTC))
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    cli = invoke(db_path, "status").output
    for said in (status, cli):
        assert f"run bbbb2222 · pid 42 on desk-1 · Socket Mode · {SILENT_RUN}" in said, said
        assert "run aaaa1111 · pid 41 on desk-1 · HTTP events · stopped " in said, said
        assert "Slack: not reachable from " in said and "Connection refused" in said, said
        assert "Sources: 1 (1 failing or quiet)" in said, said
        assert "no entry in the 2 days since it was added" in said, said
    assert "• Runs:" in status and "quiet far longer than usual" not in status, status
    [slack_since] = [line for line in status.splitlines() if "Slack: not reachable" in line]
    assert "<!date^" in slack_since, "each reader's own time zone"


def test_slack_status_shows_a_non_admin_each_run_s_state_not_its_host(runtime, fake_slack,
                                                                     fresh_db):
    """The host and pid, and why Slack did not answer, are the server's: admins only."""
    _a_desk_with_a_stopped_run_a_silent_run_and_a_young_feed(fresh_db, datetime.now(UTC))
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user="U0EDITOR")["text"]
    assert f"run bbbb2222 · Socket Mode · {SILENT_RUN}" in status, status
    assert "desk-1" not in status and "Connection refused" not in status, status
    assert "Slack: not reachable from " in status and "until it went quiet" in status, status


def test_a_run_that_stopped_or_went_quiet_is_not_said_to_be_answered_now(runtime, fake_slack,
                                                                         fresh_db, db_path):
    """Before: a stopped run, and one killed, read "Slack: answering since …" (or "not
    reachable since …; alerts wait to be posted") as if Slack were answering it still."""
    now = datetime.now(UTC)
    with transaction(fresh_db):
        a_stopped_run_and_a_killed_one(fresh_db, now)
        slack_noted(fresh_db, "aaaa1111", answers=True, since=_iso(now - timedelta(hours=3)),
                    why=None)
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    member = run_command(runtime, fake_slack, "/wirewatch", "status", user="U0EDITOR")["text"]
    for said in (status, member, invoke(db_path, "status").output):
        stopped = said[said.index("run aaaa1111"):].split("\n")[1]
        assert "Slack: answered it from " in stopped, said
        assert stopped.endswith(" until it stopped"), said
        silent = said[said.index("run bbbb2222"):].split("\n")[1]
        assert "Slack: not reachable from " in silent, said
        assert " until it went quiet" in silent and "alerts wait" not in silent, said
