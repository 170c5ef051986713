"""Socket Mode: Slack connects out over a websocket, so no public URL is needed."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient

from bot.config import ConfigError
from bot.slack.identity import quiet
from bot.slack_payload import unreadable_envelope

log = logging.getLogger(__name__)


class SocketRunner:
    def __init__(self, app: App, *, app_token: str) -> None:
        self._handler = ScreenedHandler(app, app_token=app_token)
        self._lock = threading.Lock()
        self._down: datetime | None = None
        self._connected_once = False

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
        self._connected_once = True
        log.info("connected to Slack in Socket Mode")

    def stop(self) -> None:
        self._handler.close()

    def down_since(self) -> datetime | None:
        """Since when the connection to Slack is down, as first seen by a look here (GET
        /health asks); None while it is up. The SDK reconnects by itself, every 10 s or so,
        but said nothing a monitor could read: /health was 200 while no command arrived."""
        with self._lock:
            if not self._connected_once or self._handler.client.is_connected():
                if self._down is not None:
                    log.info("Socket Mode connection to Slack back (down since %s)",
                             self._down.isoformat(timespec="seconds"))
                self._down = None
            elif self._down is None:
                self._down = datetime.now(UTC)
                log.warning("Socket Mode connection to Slack down: commands, clicks and events "
                            "are not received until it is back; reconnecting")
            return self._down


class ScreenedHandler(SocketModeHandler):
    """Bolt's Socket Mode handler on a ``ScreenedClient``."""

    def __init__(self, app: App, *, app_token: str) -> None:  # not super's: it makes a client
        self.app, self.app_token = app, app_token
        self.client = ScreenedClient(app_token=app_token, logger=app.logger,
                                     web_client=app.client, proxy=app.client.proxy)
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]


class ScreenedClient(SocketModeClient):
    """The SDK's client, each message checked as a signed HTTP body is before it is queued for
    Bolt: one that is no Slack payload (``slack_payload.unreadable_envelope``) is one WARNING,
    not acknowledged (as a 400 over HTTP), nothing done; before, the SDK logged a traceback
    (JSON too deep, a payload that is no object), a listener failed, or Bolt said 404."""

    def enqueue_message(self, message: str) -> None:
        why = unreadable_envelope(message)
        if why is None:
            super().enqueue_message(message)
            return
        log.warning("refused a Socket Mode envelope that is no Slack payload: %s", why)
