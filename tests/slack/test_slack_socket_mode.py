"""Socket Mode: the app connects out over a websocket, acks envelopes and answers commands."""

from __future__ import annotations

import json
import urllib.error
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


def health(rt: SlackRuntime) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{rt.port}/health", timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_health_says_while_the_socket_mode_connection_is_down(slack_settings, fake_slack,
                                                              fresh_db):
    """Slack down: the websocket closed and apps.connections.open answered 503. Before: GET
    /health answered 200 "ok" all along, while no command, click or event could arrive (the
    SDK reconnecting by itself, its ERROR lines the only word). Now 503 with the reason and
    since when, 200 again once the SDK has reconnected, and a command sent then is served."""
    ws = FakeSocketMode()
    fake_slack.socket_url = ws.url
    rt = SlackRuntime(replace(slack_settings, slack_signing_secret=None, slack_app_token=APP_TOKEN))
    rt.start()
    later = FakeSocketMode()
    try:
        assert health(rt) == (200, {"status": "ok", "mode": "socket"})
        fake_slack.fail_fraction(1.0, status=503)
        fake_slack.socket_url = later.url
        ws.close()
        status, said = wait_for(lambda: (down := health(rt))[0] == 503 and down, timeout=30)
        assert "Socket Mode connection to Slack is down" in said["reason"] and said["since"]
        fake_slack.heal()
        wait_for(lambda: health(rt)[0] == 200, timeout=30)
        later.send({"envelope_id": "env-2", "type": "slash_commands",
                    "accepts_response_payload": True,
                    "payload": {"command": "/wirewatch", "text": "help", "user_id": "U0ED",
                                "channel_id": "C0DESK", "team_id": "T00000001",
                                "response_url": fake_slack.response_url("s"),
                                "trigger_id": "1.2.3", "api_app_id": "A0WIREWATCH"}})
        assert later.wait_for_ack("env-2")["envelope_id"] == "env-2"
    finally:
        rt.stop()
        later.close()
