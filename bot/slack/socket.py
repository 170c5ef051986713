"""Socket Mode: Slack connects out over a websocket, so no public URL is needed."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.config import ConfigError
from bot.slack.app import quiet

log = logging.getLogger(__name__)


class SocketRunner:
    def __init__(self, app: App, *, app_token: str) -> None:
        self._handler = SocketModeHandler(app, app_token=app_token)

    def start(self) -> None:
        """Connect and return; the SDK keeps the connection alive in its own threads. A token
        Slack refuses stops start-up with one line, as a refused bot token does."""
        try:
            with quiet("slack_bolt.App"):  # it logs the refusal at ERROR, then raises it
                self._handler.connect()
        except SlackApiError as exc:
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            raise ConfigError(f"SLACK_APP_TOKEN was refused by Slack ({error or 'no reason'}); "
                              "generate an app-level token with the connections:write scope "
                              "(Basic Information > App-Level Tokens) and check Socket Mode is "
                              "on for the app") from None
        except OSError as exc:
            raise ConfigError(f"cannot reach Slack to open the Socket Mode connection "
                              f"({exc.__class__.__name__}); check the network") from None
        log.info("connected to Slack in Socket Mode")

    def stop(self) -> None:
        self._handler.close()
