"""A runtime in Socket Mode against the fake websocket: one start for every Socket Mode test."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from tests.fakes.slack_api import APP_TOKEN, FakeSlack
from tests.fakes.socket_mode import FakeSocketMode


def socket_runtime(slack_settings: Settings, fake_slack: FakeSlack, *, down: bool = False,
                   **changes: Any) -> tuple[SlackRuntime, FakeSocketMode]:
    """A runtime in Socket Mode, started (``down``: while Slack answers 503; ``changes``:
    other settings)."""
    ws = FakeSocketMode()
    fake_slack.socket_url = ws.url
    if down:
        fake_slack.go_down()
    rt = SlackRuntime(replace(slack_settings, slack_signing_secret=None,
                              slack_app_token=APP_TOKEN, **changes))
    rt.start()
    return rt, ws
