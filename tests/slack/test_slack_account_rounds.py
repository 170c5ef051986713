"""The look at followers' accounts (``bot.slack.account_check``) is due by the database, not by
how long one run lives: a run restarted more often than its first round's two minutes still
makes it (`wirewatch run`'s parts with the fake Slack Web API and a real SQLite file)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.scheduler import ACCOUNTS_DUE, ACCOUNTS_EVERY, ACCOUNTS_FIRST
from bot.slack.runtime import SlackRuntime
from storage.db import transaction
from storage.state import get_state, set_state
from tests.slack.conftest import wait_for
from tests.slack.run_parts import run_parts


def first_round(settings, nlp) -> datetime:
    """Start `wirewatch run`'s parts, read when the account round is due, stop them."""
    with run_parts(settings, nlp) as runner:
        runner.start()
        return runner.scheduler.get_job("accounts").next_run_time


def test_a_run_restarted_every_minute_still_looks_at_accounts(slack_settings, fresh_db, nlp):
    """Before: each start set its first round two minutes on, so restarts a minute apart moved
    it on each time and no round was ever made."""
    started = datetime.now(UTC)
    due = first_round(slack_settings, nlp)
    assert started + ACCOUNTS_FIRST <= due <= datetime.now(UTC) + ACCOUNTS_FIRST
    assert first_round(slack_settings, nlp) == due, "a restart keeps the round due"
    with transaction(fresh_db):  # the round fell due while the run was down: made at once
        set_state(fresh_db, ACCOUNTS_DUE, (started - timedelta(minutes=1)).isoformat())
    before = datetime.now(UTC)
    with run_parts(slack_settings, nlp) as runner:
        runner.start()
        made = wait_for(lambda: (kept := get_state(fresh_db, ACCOUNTS_DUE)) and
                        datetime.fromisoformat(kept) > started + ACCOUNTS_FIRST and kept)
    assert datetime.fromisoformat(made) >= before + timedelta(seconds=ACCOUNTS_EVERY), made


def test_a_round_made_sets_the_next_one_for_any_run(slack_settings, fake_slack, fresh_db, nlp):
    runtime = SlackRuntime(slack_settings)
    before = datetime.now(UTC)
    assert runtime.check_accounts() is not None
    due = first_round(slack_settings, nlp)
    assert before + timedelta(seconds=ACCOUNTS_EVERY) <= due <= \
        datetime.now(UTC) + timedelta(seconds=ACCOUNTS_EVERY)
