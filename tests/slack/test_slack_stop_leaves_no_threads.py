"""A stopped bot leaves no thread of its own running (the Bolt app over real HTTP with a signed
command, the fake Slack Web API, a real SQLite file): Bolt's listener pool, whose threads ran
the bot's answers, used to wait for work for ever after the stop, and the pool that looks up a
person's role idled on for half a minute."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.slack.conftest import run_command, started
from tests.threads_left import JOIN_S, described, left_running, running


@pytest.mark.parametrize("admins", [("U0REPORTER",), ()], ids=["admin", "role-looked-up"])
def test_a_stopped_bot_leaves_none_of_its_threads_running(slack_settings, fresh_db, fake_slack,
                                                          admins):
    """Given the bound the suite gives every test (``JOIN_S``) to end what it started."""
    before = running()
    with started(replace(slack_settings, admins=admins)) as rt:
        answer = run_command(rt, fake_slack, "/topics", "")
        assert "topic" in answer["text"].lower()
    left = left_running(before, seconds=JOIN_S)
    assert left == [], [described(thread) for thread in left]
