"""A person Slack will not let wirewatch reach (``user_not_visible``: the bot may not see them;
``invalid_user_combination``: it may not open a direct message with them) is settled as an
account gone is: their subscriptions pause at the first refusal, nothing is retried for ever
(signed requests over real HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.subscriptions import paused_subscriptions
from tests.slack.conftest import run_command, wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled
from tests.slack.test_slack_said_direct import _archive, followed  # noqa: F401
from tests.slack.test_slack_sender import follow, new_story

CODES = ["user_not_visible", "invalid_user_combination"]


@pytest.mark.parametrize("code", CODES)
def test_a_person_slack_will_not_let_wirewatch_reach_is_paused_not_retried_for_ever(
        runtime, fake_slack, fresh_db, topic, code, t0):
    """Slack answers every conversations.open for U0ED with ``code``. Before: read as a code
    nobody knows, the alert retried for as long as that lasts (held, its later alerts behind
    it). Now the alert fails once, loudly, the person's subscription pauses saying why, and
    nothing more is queued or tried; their own `/subscribe` resumes it."""
    follow(fresh_db, topic, "U0ED", kind="user")
    new_story(fresh_db, topic)
    fake_slack.refuse_method("conversations.open", code)
    for second in range(0, 400, 20):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    new_story(fresh_db, topic, title="Ferry strike spreads")
    runtime.deliver_pending(now=t0 + timedelta(seconds=420))
    rows = list(fresh_db.execute("SELECT status, last_error FROM alerts"))
    assert rows == [("failed", code)]
    opened = fake_slack.calls_to("conversations.open", ok_only=False)
    assert [c.params["users"] for c in opened].count("U0ED") == 1
    [paused] = paused_subscriptions(fresh_db)
    assert paused.paused_reason == code
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "to <@U0ED> by direct message: Slack does not let wirewatch" in status, status
    assert "held" not in status.lower(), status
    fake_slack.refused_methods.pop("conversations.open")
    answer = run_command(runtime, fake_slack, "/subscribe", "me Port strike", user="U0ED")
    assert "You already get *Port strike*" in answer["text"], answer
    assert paused_subscriptions(fresh_db) == []


@pytest.mark.parametrize("code", CODES)
def test_a_pause_is_not_told_to_a_person_slack_will_not_let_wirewatch_reach(
        runtime, fake_slack, fresh_db, followed, code):  # noqa: F811
    """Before: tried again as a code nobody knows, three times, then settled unsaid. Now
    settled at the first answer, logged: nobody can be reached there. The saying is kept before
    its first open, so once it is settled (``sayings_settled``) no timer can open again: the
    count of opens is then final (a fixed sleep could end before a loaded machine settled it)."""
    fake_slack.refuse_method("conversations.open", code)
    _archive(runtime)
    wait_for(lambda: fake_slack.calls_to("conversations.open", ok_only=False))
    sayings_settled(fresh_db)
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) == 1
    assert fake_slack.posts() == []
