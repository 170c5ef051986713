"""Slack gives up on a request after 3 s ("operation_timeout" in the person's face): every Web
API call made before the acknowledgement is bounded, whatever Slack itself is doing meanwhile.
Signed requests over real HTTP; the fake Slack holds its answers until the test lets them go,
with a client that would wait ten minutes for them, so an acknowledgement that comes did not
wait for them, however slow the machine; or it rate-limits (429, Retry-After)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.alerts.blocks import MUTE
from bot.config import Settings
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.fakes.interactive import view_submission_body
from tests.fakes.signing import action_body, command_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_topic_modal import fill, open_modal

MEMBER = "U0MEMBER"


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    """A Slack client that waits ten minutes for an answer: only wirewatch's own bounds end a
    wait before the acknowledgement."""
    return replace(slack_settings, slack_timeout=600)


@pytest.fixture
def held(fake_slack):
    """Slack holds its answers to ``held(methods)`` until the test ends."""
    yield lambda methods: fake_slack.hang(methods=methods)
    fake_slack.unhang()


def command(runtime, fake_slack, name: str, text: str, *, user: str = MEMBER) -> dict:
    """A signed slash command, acknowledged: the person's answer (through response_url)."""
    before = len(fake_slack.responses())
    body = command_body(name, text, response_url=fake_slack.response_url(), user=user)
    reply = post_signed(events_url(runtime), body)
    assert reply.status == 200, reply
    return wait_for(lambda: fake_slack.responses()[before:])[0]


@pytest.fixture
def harbour(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Harbour", query="harbour")


def test_a_command_is_acknowledged_in_time_while_slack_is_slow_to_say_who_asks(
        runtime, fake_slack, fresh_db, harbour):
    """users.info (the role check) and Bolt's own first auth.test hang: the command is
    acknowledged before Slack answers them and the person is told to try again, nothing
    changed; the lookup goes on, so once Slack answers it, trying again works without asking
    Slack again."""
    fake_slack.hang(methods={"users.info", "auth.test"})
    try:
        answer = command(runtime, fake_slack, "/subscribe", "Harbour")
    finally:
        fake_slack.unhang(answer=True)
    assert "did not say in time" in answer["text"] and "try again" in answer["text"], answer
    assert "Nothing was changed" in answer["text"]
    assert subscriptions_of(fresh_db, ["C0NEWS"]) == []
    answer = command(runtime, fake_slack, "/subscribe", "Harbour")
    assert "This channel will now get *Harbour*" in answer["text"], answer
    assert len(fake_slack.calls_to("users.info")) == 1, "the lookup that went on was kept"


def test_a_rate_limited_role_check_answers_at_once_and_waits_as_slack_asks(
        runtime, fake_slack, fresh_db, harbour):
    """users.info answers 429 with Retry-After: 30: the person is told how long to wait, and
    wirewatch does not ask Slack again before then (each command would be refused again)."""
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"users.info"})
    answer = command(runtime, fake_slack, "/subscribe", "Harbour")
    assert "asks wirewatch to wait" in answer["text"] and "30 s" in answer["text"], answer
    answer = command(runtime, fake_slack, "/who-said", "we will not back down")
    assert "did not say in time" in answer["text"], answer
    assert len(fake_slack.calls_to("users.info", ok_only=False)) == 1
    assert subscriptions_of(fresh_db, ["C0NEWS"]) == []
    listed = command(runtime, fake_slack, "/topics", "")
    assert "did not say in time" in listed["text"], "read as a guest reads, and told why"
    assert len(fake_slack.calls_to("users.info", ok_only=False)) == 1


def test_a_button_is_acknowledged_in_time_while_slack_is_slow(runtime, fake_slack, fresh_db,
                                                             held):
    held({"users.info"})
    before = len(fake_slack.responses())
    body = action_body(MUTE, "1", response_url=fake_slack.response_url(), user=MEMBER)
    reply = post_signed(events_url(runtime), body)
    assert reply.status == 200, reply
    answer = wait_for(lambda: fake_slack.responses()[before:])[0]
    assert "did not say in time" in answer["text"], answer
    assert fresh_db.execute("SELECT count(*) FROM mutes").fetchone()[0] == 0


def test_the_add_a_topic_form_is_answered_in_time_while_slack_is_slow(runtime, fake_slack,
                                                                      fresh_db, held):
    """The form checks the person's role and the channel (conversations.info) before it
    answers: both bounded, each refusal said at its field, nothing added."""
    modal = open_modal(runtime, fake_slack)
    held({"users.info", "conversations.info"})
    body = view_submission_body(modal, fill("Port strike", "strike", "C0DESK"), user=MEMBER)
    reply = post_signed(events_url(runtime), body)
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and "did not say in time" in \
        answer["errors"]["name"], answer
    body = view_submission_body(modal, fill("Port strike", "strike", "C0DESK"))
    reply = post_signed(events_url(runtime), body)
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors" and "in time" in answer["errors"]["channel"]
    assert get_topic(fresh_db, "Port strike") is None
    assert subscriptions_of(fresh_db, ["C0DESK"]) == []
