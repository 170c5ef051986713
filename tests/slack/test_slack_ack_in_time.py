"""Slack gives up on a request after 3 s ("operation_timeout" in the person's face): every Web
API call made before the acknowledgement is bounded, whatever Slack itself is doing meanwhile.
Signed requests over real HTTP; the fake Slack is slow (5 s) or rate-limits (429, Retry-After).
"""

from __future__ import annotations

import json
import time

import pytest

from bot.alerts.blocks import MUTE
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.fakes.interactive import view_submission_body
from tests.fakes.signing import Reply, action_body, command_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_topic_modal import fill, open_modal

MEMBER = "U0MEMBER"
SLACK_GIVES_UP = 3.0


def timed(url: str, body: str) -> tuple[Reply, float]:
    started = time.monotonic()
    reply = post_signed(url, body)
    return reply, time.monotonic() - started


def command(runtime, fake_slack, name: str, text: str, *, user: str = MEMBER) -> tuple[dict, float]:
    """A signed slash command: the person's answer (through response_url) and the seconds the
    HTTP acknowledgement took."""
    before = len(fake_slack.responses())
    body = command_body(name, text, response_url=fake_slack.response_url(), user=user)
    reply, took = timed(events_url(runtime), body)
    assert reply.status == 200, reply
    return wait_for(lambda: fake_slack.responses()[before:])[0], took


@pytest.fixture
def harbour(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Harbour", query="harbour")


def test_a_command_is_acknowledged_in_time_while_slack_is_slow_to_say_who_asks(
        runtime, fake_slack, fresh_db, harbour):
    """users.info (the role check) and Bolt's own first auth.test take 5 s: the command is
    acknowledged within Slack's 3 s and the person is told to try again, nothing changed;
    the lookup finishes meanwhile, so trying again a moment later works."""
    fake_slack.slow_down(5.0, methods={"users.info", "auth.test"})
    started = time.monotonic()
    answer, took = command(runtime, fake_slack, "/subscribe", "Harbour")
    assert took < SLACK_GIVES_UP, f"acknowledged after {took:.1f} s"
    assert "did not say in time" in answer["text"] and "try again" in answer["text"], answer
    assert "Nothing was changed" in answer["text"]
    assert subscriptions_of(fresh_db, ["C0NEWS"]) == []
    time.sleep(max(0.0, started + 5.5 - time.monotonic()))  # Slack's answer has come by now
    answer, took = command(runtime, fake_slack, "/subscribe", "Harbour")
    assert took < SLACK_GIVES_UP
    assert "This channel will now get *Harbour*" in answer["text"], answer


def test_a_rate_limited_role_check_answers_at_once_and_waits_as_slack_asks(
        runtime, fake_slack, fresh_db, harbour):
    """users.info answers 429 with Retry-After: 30: the person is told how long to wait, and
    wirewatch does not ask Slack again before then (each command would be refused again)."""
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"users.info"})
    answer, took = command(runtime, fake_slack, "/subscribe", "Harbour")
    assert took < SLACK_GIVES_UP
    assert "asks wirewatch to wait" in answer["text"] and "30 s" in answer["text"], answer
    answer, _ = command(runtime, fake_slack, "/who-said", "we will not back down")
    assert "did not say in time" in answer["text"], answer
    assert len(fake_slack.calls_to("users.info", ok_only=False)) == 1
    assert subscriptions_of(fresh_db, ["C0NEWS"]) == []
    listed, _ = command(runtime, fake_slack, "/topics", "")
    assert "did not say in time" in listed["text"], "read as a guest reads, and told why"
    assert len(fake_slack.calls_to("users.info", ok_only=False)) == 1


def test_a_button_is_acknowledged_in_time_while_slack_is_slow(runtime, fake_slack, fresh_db):
    fake_slack.slow_down(5.0, methods={"users.info"})
    before = len(fake_slack.responses())
    body = action_body(MUTE, "1", response_url=fake_slack.response_url(), user=MEMBER)
    reply, took = timed(events_url(runtime), body)
    assert reply.status == 200 and took < SLACK_GIVES_UP, took
    answer = wait_for(lambda: fake_slack.responses()[before:])[0]
    assert "did not say in time" in answer["text"], answer
    assert fresh_db.execute("SELECT count(*) FROM mutes").fetchone()[0] == 0


def test_the_add_a_topic_form_is_answered_in_time_while_slack_is_slow(runtime, fake_slack,
                                                                      fresh_db):
    """The form checks the person's role and the channel (conversations.info) before it
    answers: both bounded, each refusal said at its field, nothing added."""
    modal = open_modal(runtime, fake_slack)
    fake_slack.slow_down(5.0, methods={"users.info", "conversations.info"})
    body = view_submission_body(modal, fill("Port strike", "strike", "C0DESK"), user=MEMBER)
    reply, took = timed(events_url(runtime), body)
    assert took < SLACK_GIVES_UP, took
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and "did not say in time" in \
        answer["errors"]["name"], answer
    body = view_submission_body(modal, fill("Port strike", "strike", "C0DESK"))
    reply, took = timed(events_url(runtime), body)
    assert took < SLACK_GIVES_UP, took
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and "in time" in answer["errors"]["channel"]
    assert get_topic(fresh_db, "Port strike") is None
    assert subscriptions_of(fresh_db, ["C0DESK"]) == []
