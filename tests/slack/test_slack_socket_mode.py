"""Socket Mode: the app connects out over a websocket, acks envelopes and answers commands."""

from __future__ import annotations

import urllib.request
from dataclasses import replace

from bot.slack.runtime import SlackRuntime
from tests.fakes.slack_api import APP_TOKEN
from tests.fakes.socket_mode import FakeSocketMode
from tests.slack.conftest import wait_for
from tests.slack.world import add_article


def test_slash_command_over_socket_mode(slack_settings, fake_slack, fresh_db):
    add_article(fresh_db, title="Budget vote delayed",
                quotes=(("The numbers simply do not add up", "Ines Okafor"),))
    ws = FakeSocketMode()
    fake_slack.socket_url = ws.url
    rt = SlackRuntime(replace(slack_settings, slack_signing_secret=None, slack_app_token=APP_TOKEN))
    rt.start()
    try:
        ws.send({"envelope_id": "env-1", "type": "slash_commands",
                 "accepts_response_payload": True,
                 "payload": {"command": "/who-said", "text": "numbers simply do not add up",
                             "user_id": "U0ED", "channel_id": "C0DESK", "team_id": "T00000001",
                             "response_url": fake_slack.response_url("s"),
                             "trigger_id": "1.2.3", "api_app_id": "A0WIREWATCH"}})
        assert ws.wait_for_ack("env-1")["envelope_id"] == "env-1"
        answer = wait_for(lambda: fake_slack.responses())[0]
        assert "Ines Okafor" in answer["text"]
        with urllib.request.urlopen(f"http://127.0.0.1:{rt.port}/health", timeout=5) as resp:
            assert b'"mode": "socket"' in resp.read()
    finally:
        rt.stop()
        ws.close()
