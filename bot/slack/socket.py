"""Socket Mode: Slack connects out over a websocket, so no public URL is needed."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger(__name__)


class SocketRunner:
    def __init__(self, app: App, *, app_token: str) -> None:
        self._handler = SocketModeHandler(app, app_token=app_token)

    def start(self) -> None:
        """Connect and return; the SDK keeps the connection alive in its own threads."""
        self._handler.connect()
        log.info("connected to Slack in Socket Mode")

    def stop(self) -> None:
        self._handler.close()
