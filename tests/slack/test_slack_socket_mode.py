"""Socket Mode: the app connects out over a websocket, acks envelopes and answers commands."""

from __future__ import annotations

import logging
import threading

from tests.fakes.socket_mode import FakeSocketMode
from tests.slack.conftest import health_of, wait_for
from tests.slack.socket_runtime import socket_runtime
from tests.slack.world import add_article
from tests.stopping import joined


def test_slash_command_over_socket_mode(slack_settings, fake_slack, fresh_db):
    add_article(fresh_db, title="Budget vote delayed",
                quotes=(("The numbers simply do not add up", "Ines Okafor"),))
    rt, ws = socket_runtime(slack_settings, fake_slack)
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
        assert health_of(rt.port)[1]["mode"] == "socket"
    finally:
        rt.stop()
        ws.close()


def assert_served(ws: FakeSocketMode, fake_slack, envelope: str) -> None:
    """A `/wirewatch help` sent over the websocket is acknowledged."""
    ws.send({"envelope_id": envelope, "type": "slash_commands",
             "accepts_response_payload": True,
             "payload": {"command": "/wirewatch", "text": "help", "user_id": "U0ED",
                         "channel_id": "C0DESK", "team_id": "T00000001",
                         "response_url": fake_slack.response_url("s"),
                         "trigger_id": "1.2.3", "api_app_id": "A0WIREWATCH"}})
    assert ws.wait_for_ack(envelope)["envelope_id"] == envelope


def test_health_says_while_the_socket_mode_connection_is_down(slack_settings, fake_slack,
                                                              fresh_db):
    """Slack down: the websocket closed and apps.connections.open answered 503. Before: GET
    /health answered 200 "ok" all along, while no command, click or event could arrive (the
    SDK reconnecting by itself, its ERROR lines the only word). Now 503 with the reason and
    since when, 200 again once the SDK has reconnected, and a command sent then is served."""
    rt, ws = socket_runtime(slack_settings, fake_slack)
    later = FakeSocketMode()
    try:
        assert health_of(rt.port) == (200, {"status": "ok", "mode": "socket"})
        fake_slack.fail_fraction(1.0, status=503)
        fake_slack.socket_url = later.url
        ws.close()
        status, said = wait_for(lambda: (down := health_of(rt.port))[0] == 503 and down)
        assert "Socket Mode connection to Slack is down" in said["reason"] and said["since"]
        fake_slack.heal()
        wait_for(lambda: health_of(rt.port)[0] == 200)
        assert_served(later, fake_slack, "env-2")
    finally:
        rt.stop()
        later.close()


def watches_since(earlier: set[threading.Thread]) -> list[threading.Thread]:
    """The connection watches (``SocketRunner``'s) started since ``earlier`` was taken."""
    return [t for t in threading.enumerate() if t.name == "socket-watch" and t not in earlier]


def said(caplog, level: int = logging.WARNING) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.levelno >= level]


def test_an_outage_is_one_warning_when_it_starts_and_one_when_it_ends(slack_settings, fake_slack,
                                                                      fresh_db, caplog):
    """Before: while the SDK reconnected, two ERROR lines of its own every few seconds ("Failed
    to retrieve WSS URL …", "Failed to check the current session or reconnect …") for as long
    as Slack was down: a monitor paged on ERROR paged all night for Slack's outage. After
    "back", two looks at the connection (GET /health looks as the watch does) say nothing more;
    once the bot stopped and its watch ended, nothing more can be said: the count is final."""
    earlier = set(threading.enumerate())
    rt, ws = socket_runtime(slack_settings, fake_slack)
    later = FakeSocketMode()
    try:
        with caplog.at_level(logging.INFO):
            fake_slack.go_down()
            fake_slack.socket_url = later.url
            ws.close()
            wait_for(lambda: len(fake_slack.calls_to("apps.connections.open", ok_only=False))
                     >= 4)  # start-up's, then three tries of the SDK's (~27 s idle)
            fake_slack.come_up()
            wait_for(lambda: any(m.startswith("Socket Mode connection to Slack back")
                                 for _, m in said(caplog)))
            for _ in range(2):
                assert health_of(rt.port) == (200, {"status": "ok", "mode": "socket"})
    finally:
        rt.stop()
        later.close()
    for watch in watches_since(earlier):
        joined(watch)
    lines = said(caplog)
    assert all(level == logging.WARNING for level, _ in lines), lines
    down, back = [m for _, m in lines]
    assert down.startswith("Socket Mode connection to Slack down"), down
    assert back.startswith("Socket Mode connection to Slack back (down since "), back


def test_an_app_token_refused_while_reconnecting_is_still_an_error(slack_settings, fake_slack,
                                                                   fresh_db, caplog):
    """What the outage's quiet must not hide: Slack answering, and refusing the app token."""
    rt, ws = socket_runtime(slack_settings, fake_slack)
    try:
        with caplog.at_level(logging.INFO):
            fake_slack.revoke_token("invalid_auth")
            ws.close()
            wait_for(lambda: any(level >= logging.ERROR and "invalid_auth" in m
                                 for level, m in said(caplog)))
    finally:
        rt.stop()


def test_socket_mode_started_while_slack_is_down_connects_once_it_answers(slack_settings,
                                                                          fake_slack, fresh_db):
    """Before: "cannot reach Slack" or "not answering (HTTP 503)" stopped start-up."""
    rt, ws = socket_runtime(slack_settings, fake_slack, down=True)
    try:
        status, said_then = health_of(rt.port)
        assert status == 503 and "not reachable yet" in said_then["reason"], said_then
        fake_slack.come_up()
        wait_for(lambda: health_of(rt.port)[0] == 200)
        assert_served(ws, fake_slack, "env-3")
    finally:
        rt.stop()
        ws.close()
