"""Socket Mode: Slack connects out over a websocket, so no public URL is needed."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient

from bot.alerts.calls import RATE_LIMITED, RETRY_LATER
from bot.config import ConfigError
from bot.slack.identity import FIRST_WAIT, LONGEST_WAIT, quiet
from bot.slack_payload import unreadable_envelope

log = logging.getLogger(__name__)
SDK_LOG = "bot.slack.socket.sdk"
"""The Socket Mode client's own logger (Bolt's is the app's): its outage noise is sorted here."""
LOOK_EVERY = 1.0
"""Seconds between looks at the connection: an outage is said when it starts and ends."""
PASSING = "|".join(sorted(RETRY_LATER | RATE_LIMITED))
REFUSAL = re.compile(rf"'error': '(?!(?:{PASSING})')\w+'")
"""Slack's answer refusing something (the app-level token, Socket Mode off): a real error,
logged as the SDK says it, outage or not."""
CONNECTION_FAULT = re.compile(r"error: (?:\w*Connection\w*Error|BrokenPipeError|TimeoutError|"
                              r"OSError|gaierror|SSL\w*Error|WebSocket\w*)\b")
"""What the websocket's drop says as it happens (the session may not be marked closed yet)."""


class SocketRunner:
    """The Socket Mode connection; one WARNING when an outage starts and one when it ends,
    the SDK's reconnecting noise (two ERROR lines every few seconds) put at DEBUG meanwhile."""

    def __init__(self, app: App, *, app_token: str) -> None:
        self._handler = ScreenedHandler(app, app_token=app_token)
        self._lock = threading.Lock()
        self._down: datetime | None = None
        self._began = False
        self._stopping = threading.Event()
        _sort_outage_noise(self._handler.client.is_connected)

    def start(self) -> None:
        """Connect and return; the SDK keeps the connection alive in its own threads. A token
        Slack refuses stops start-up with one line, as a refused bot token does; Slack not
        answering does not: connecting is tried again with backoff while the run goes on."""
        try:
            self._connect()
            log.info("connected to Slack in Socket Mode")
        except _NotYet as why:
            with self._lock:
                self._down = datetime.now(UTC)
            log.warning("Socket Mode connection to Slack not made yet (%s): commands, clicks "
                        "and events are not received until it is; trying again with backoff",
                        why)
            threading.Thread(target=self._connect_until_made, name="socket-first-connect",
                             daemon=True).start()
        self._began = True
        threading.Thread(target=self._watch, name="socket-watch", daemon=True).start()

    def _connect(self) -> None:
        """One try: ConfigError when Slack refuses the app-level token, _NotYet when Slack
        does not answer."""
        try:
            with quiet("slack_bolt.App"), quiet(SDK_LOG):  # each logs it at ERROR, then raises
                self._handler.connect()
        except SlackApiError as exc:
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            if exc.response.status_code >= 429 or error in RETRY_LATER | RATE_LIMITED:
                raise _NotYet(f"HTTP {exc.response.status_code}, {error}") from None
            raise ConfigError(f"SLACK_APP_TOKEN was refused by Slack ({error or 'no reason'}); "
                              "generate an app-level token with the connections:write scope "
                              "(Basic Information > App-Level Tokens) and check Socket Mode is "
                              "on for the app") from None
        except OSError as exc:
            raise _NotYet(exc.__class__.__name__) from None

    def _connect_until_made(self) -> None:
        wait = FIRST_WAIT
        while not self._stopping.wait(wait):
            try:
                self._connect()
                return
            except _NotYet:
                pass
            except ConfigError as refused:
                log.error("%s", refused)
            wait = min(wait * 2, LONGEST_WAIT)

    def _watch(self) -> None:
        """Look at the connection every second, so an outage's start and end are said as
        they happen, not only when /health asks."""
        while not self._stopping.wait(LOOK_EVERY):
            self.down_since()

    def stop(self, timeout: float) -> bool:
        """Close the connection, waiting ``timeout`` seconds at most: the SDK's close joins its
        monitor, which may be inside a reconnect's ``apps.connections.open`` for the client's
        whole timeout, or a send stuck on a dropped link. False: the close is still under way,
        left to a daemon thread (the exit does not join it)."""
        self._stopping.set()
        closing = threading.Thread(target=self._handler.close, name="socket-close", daemon=True)
        closing.start()
        closing.join(timeout)
        return not closing.is_alive()

    def down_since(self) -> datetime | None:
        """Since when the connection to Slack is down, as first seen by a look here (the
        watch, GET /health); None while it is up. The SDK reconnects by itself every few
        seconds; this says an outage once when it starts and once when it ends."""
        with self._lock:
            if not self._began or self._handler.client.is_connected():
                if self._down is not None:
                    log.warning("Socket Mode connection to Slack back (down since %s)",
                                self._down.isoformat(timespec="seconds"))
                self._down = None
            elif self._down is None:
                self._down = datetime.now(UTC)
                log.warning("Socket Mode connection to Slack down: commands, clicks and events "
                            "are not received until it is back; reconnecting")
            return self._down


class _NotYet(Exception):
    """Slack did not answer the Socket Mode connection's opening (unreachable, 5xx, 429)."""


def _sort_outage_noise(connected: Callable[[], bool]) -> None:
    """The SDK's Socket Mode client's logger, its outage noise at DEBUG (``OutageNoise``)."""
    logger = logging.getLogger(SDK_LOG)
    for old in [f for f in logger.filters if isinstance(f, OutageNoise)]:
        logger.removeFilter(old)
    logger.addFilter(OutageNoise(connected))


class OutageNoise(logging.Filter):
    """An ERROR of the SDK's while the connection is down (or about its drop), that is no
    refusal of Slack's, is put at DEBUG: the outage is said once by ``SocketRunner``."""

    def __init__(self, connected: Callable[[], bool]) -> None:
        super().__init__()
        self.connected = connected

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            return True
        message = record.getMessage()
        if REFUSAL.search(message):
            return True
        if self.connected() and not CONNECTION_FAULT.search(message):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        record.exc_info = record.exc_text = None
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


class ScreenedHandler(SocketModeHandler):
    """Bolt's Socket Mode handler on a ``ScreenedClient``."""

    def __init__(self, app: App, *, app_token: str) -> None:  # not super's: it makes a client
        self.app, self.app_token = app, app_token
        self.client = ScreenedClient(app_token=app_token, logger=logging.getLogger(SDK_LOG),
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
