"""Socket Mode's envelopes are checked as signed HTTP bodies are: one that is no Slack payload,
or a click of a shape Slack never sends, is refused with one WARNING and nothing done, never a
traceback (the real runtime connected to a local websocket, the fake Slack Web API)."""

from __future__ import annotations

import json
import logging

import pytest

from bot.alerts.blocks import MUTE
from tests.slack.conftest import wait_for
from tests.slack.socket_runtime import socket_runtime

TEAM = "T00000001"
ANSWER_HERE = "RESPONSE-URL"
"""Where a click's answer would go: the fake Slack's response URL, put in at send time."""


@pytest.fixture
def socket(slack_settings, fake_slack, fresh_db):
    rt, ws = socket_runtime(slack_settings, fake_slack)
    yield ws
    rt.stop()
    ws.close()


def click(value: object, **changed: object) -> dict:
    """A block action's payload as Slack sends it over Socket Mode, with ``changed``."""
    return {"type": "block_actions", "team": {"id": TEAM}, "user": {"id": "U0REPORTER"},
            "api_app_id": "A0WIREWATCH", "trigger_id": "1.2.3",
            "container": {"type": "message", "message_ts": "1700000001.000001",
                          "channel_id": "C0NEWS"},
            "channel": {"id": "C0NEWS"}, "message": {"ts": "1700000001.000001", "text": "x"},
            "response_url": ANSWER_HERE,
            "actions": [{"action_id": MUTE, "block_id": "actions", "value": value,
                         "type": "button", "action_ts": "1700000002.000001"}], **changed}


def envelope(payload: object, kind: str = "interactive") -> str:
    return json.dumps({"envelope_id": "env-bad", "type": kind, "payload": payload,
                       "accepts_response_payload": False})


NOT_PAYLOADS = {
    "the envelope a list": json.dumps([{"envelope_id": "env-bad"}]),
    "the envelope no JSON": '{"envelope_id": "env-bad", ',
    "the envelope 100,000 deep": '{"envelope_id": "env-bad", "payload": ' + "[" * 100_000,
    "a payload 100,000 deep": envelope({"type": "block_actions", "x": "a"}).replace(
        '"a"', "[" * 100_000 + "]" * 100_000),
    "the payload a list": envelope([1, 2]),
    "the payload text": envelope("just words"),
    "a click whose value is an object": envelope(click({"id": 1})),
    "a click whose actions are numbers": envelope(click("1", actions=[5])),
    "a payload naming no type": envelope({}),
    "a command naming no command": envelope({"team_id": TEAM, "text": "x"}, "slash_commands"),
    "an event that is text": envelope({"type": "event_callback", "event": "x",
                                       "team_id": TEAM}, "events_api"),
}


@pytest.mark.parametrize("name", NOT_PAYLOADS)
def test_an_envelope_that_is_no_slack_payload_is_refused_with_one_warning(
        socket, fake_slack, caplog, name):
    """Before: a traceback at ERROR from the SDK (JSON too deep, a payload that is no object:
    "Failed to run message listeners"), "listener failed" at ERROR from the click's listener,
    Bolt's 404 with its "[Suggestion]" lines for a payload naming no type, or silence for an
    envelope that is a list. Now one WARNING naming why, no ack, nothing done; the
    connection goes on serving the next envelope."""
    socket.send_text(NOT_PAYLOADS[name].replace(ANSWER_HERE, fake_slack.response_url()))
    said = wait_for(lambda: [r for r in caplog.records if r.levelno >= logging.WARNING])
    socket.send({"envelope_id": "env-next", "type": "events_api",
                 "payload": {"type": "event_callback", "team_id": TEAM,
                             "event": {"type": "app_home_opened", "user": "U0REPORTER",
                                       "tab": "messages"}}})
    socket.wait_for_ack("env-next")
    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.levelname for r in said] == ["WARNING"], [r.getMessage() for r in said]
    assert "no Slack payload" in said[0].getMessage() and said[0].exc_info is None
    assert "\n" not in said[0].getMessage()
    assert [a for a in socket.acks if a.get("envelope_id") == "env-bad"] == []
    assert not fake_slack.responses() and not fake_slack.calls_to("chat.postEphemeral")
