"""Start-up refuses missing or wrong configuration with one message naming the variable."""

from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request
from dataclasses import replace
from itertools import takewhile
from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.slack.runtime import SlackRuntime
from bot.slack.scopes import NEEDED
from tests.fakes.slack_api import MANIFEST_SCOPES
from tests.slack.conftest import health_of, started, wait_for
from tests.stopping import LAST_RESORT_S


@pytest.mark.parametrize("changes,variable", [
    ({"slack_bot_token": None}, "SLACK_BOT_TOKEN is not set"),
    ({"slack_bot_token": "xoxp-user-token"}, "SLACK_BOT_TOKEN does not look like a bot token"),
    ({"slack_bot_token": "xoxb-has space"}, "SLACK_BOT_TOKEN does not look like a bot token"),
    ({"slack_signing_secret": None}, "SLACK_SIGNING_SECRET is not set"),
    ({"slack_signing_secret": "changeme"}, "SLACK_SIGNING_SECRET is 8 characters"),
    ({"slack_signing_secret": "x"}, "SLACK_SIGNING_SECRET is 1 character,"),
    ({"slack_app_token": "xoxb-not-app"}, "SLACK_APP_TOKEN does not look like an app-level token"),
    ({"timezone": "Mars/Olympus"}, "WIREWATCH_TIMEZONE"),
    ({"timezone": "Etc/GMT+1"}, "'Etc/GMT+1' is UTC-01:00, not UTC+01:00"),
    ({"timezone": "Etc/GMT-5"}, "'Etc/GMT-5' is UTC+05:00, not UTC-05:00"),
    ({"digest_hour": 24}, "WIREWATCH_DIGEST_HOUR"),
    ({"slack_bot_token": "xoxb-revoked"}, "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)"),
])
def test_bad_configuration_stops_start_up(slack_settings, changes, variable):
    with pytest.raises(ConfigError) as caught:
        SlackRuntime(replace(slack_settings, **changes))
    assert variable in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unreachable_web_api_starts_and_says_so_naming_the_url(slack_settings, caplog):
    """Before: ConfigError, and `wirewatch run` exited 1 (ingest down with it) for a network
    or a Slack that may be back in a minute."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/api/"
    with caplog.at_level(logging.WARNING):
        rt = SlackRuntime(replace(slack_settings, slack_api_url=closed))
    rt.start()
    try:
        status, said = health_of(rt.port)
    finally:
        rt.stop()
    assert status == 503 and said["since"], said
    assert said["reason"].startswith(f"cannot reach the Slack Web API at {closed} ("), said
    assert "not reachable yet" in said["reason"] and not rt.answered, said
    [line] = [r.getMessage() for r in caplog.records if "not reachable yet" in r.getMessage()]
    assert "WIREWATCH_SLACK_API_URL" in line, line


@pytest.mark.parametrize("status", [503, 429])
def test_a_slack_down_or_rate_limiting_at_start_up_is_asked_again_until_it_answers(
        slack_settings, fake_slack, status):
    """Before: "Slack's Web API … is not answering (HTTP 503)" stopped start-up."""
    fake_slack.go_down(status=status)
    with started(slack_settings) as rt:
        assert health_of(rt.port)[0] == 503 and not rt.answered
        fake_slack.come_up()
        wait_for(lambda: rt.answered)
        assert health_of(rt.port) == (200, {"status": "ok", "mode": "http"})


def test_socket_mode_needs_no_signing_secret(slack_settings):
    rt = SlackRuntime(replace(slack_settings, slack_signing_secret=None,
                              slack_app_token="xapp-1-A0-1-abc"))
    assert rt.socket_mode


def test_extra_routes_are_mounted_and_unknown_paths_404(slack_settings):
    def ingest(environ, start_response):
        start_response("202 Accepted", [("Content-Type", "text/plain")])
        return [environ["PATH_INFO"].encode()]

    with started(slack_settings, extra_routes={"/ingest": ingest}) as rt:
        base = f"http://127.0.0.1:{rt.port}"
        req = urllib.request.Request(base + "/ingest", data=b"{}", method="POST")
        with urllib.request.urlopen(req, timeout=LAST_RESORT_S) as resp:
            assert resp.status == 202 and resp.read() == b"/ingest"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/nope", timeout=LAST_RESORT_S)
        assert missing.value.code == 404


def test_two_runtimes_each_get_their_own_port(slack_settings):
    first, second = SlackRuntime(slack_settings), SlackRuntime(slack_settings)
    first.start()
    second.start()
    try:
        assert first.port != second.port and first.port > 0
    finally:
        first.stop()
        second.stop()


def test_a_token_missing_scopes_is_named_at_start_up(slack_settings, fake_slack, caplog):
    """An app installed before the manifest asked for the history scopes: start-up says which
    scopes are missing, what they serve and how to add them, instead of a later alert failing."""
    fake_slack.scopes = [s for s in fake_slack.scopes
                         if s not in ("channels:history", "groups:history")]
    with caplog.at_level(logging.WARNING):
        SlackRuntime(slack_settings)
    [line] = [r.getMessage() for r in caplog.records if "scope" in r.getMessage()]
    assert "channels:history" in line and "groups:history" in line and "reinstall" in line
    assert "im:history" not in line
    caplog.clear()
    fake_slack.scopes = list(MANIFEST_SCOPES)
    with caplog.at_level(logging.WARNING):
        SlackRuntime(slack_settings)
    assert not [r for r in caplog.records if "scope" in r.getMessage()]


def test_the_scopes_checked_are_the_manifests():
    manifest = (Path(__file__).parents[2] / "slack" / "manifest.yml").read_text()
    bot = manifest.split("    bot:\n", 1)[1].splitlines()
    listed = [line.strip()[2:] for line in takewhile(lambda x: x.startswith("      - "), bot)]
    assert sorted(listed) == sorted(NEEDED) == sorted(MANIFEST_SCOPES)
