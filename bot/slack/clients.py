"""The Web API clients: the outbox's makes one attempt per call, because the outbox itself
retries; the Bolt app's retries a dropped connection for every call but a post or a modal."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, HttpRequest, HttpResponse, RetryState

from bot.config import Settings
from bot.slack.config import api_url

NEVER_RETRIED = ("chat.postMessage", "chat.postEphemeral", "views.open")
"""Calls a dropped connection must not send again: Slack may have taken the first (a post
whose answer was lost), and a second shows the message twice (or, for a modal, is refused:
its trigger_id opens one)."""


def delivery_client(settings: Settings) -> WebClient:
    """No SDK retry handlers: a post retried on a dropped connection would be posted twice;
    the SDK's own lines on a failed call said at DEBUG (``SORTED_LOG``)."""
    return WebClient(token=settings.slack_bot_token, base_url=api_url(settings),
                     timeout=settings.slack_timeout, retry_handlers=[], logger=SORTED_LOG)


class SaidByUs(logging.Filter):
    """The SDK's ERROR on a call that failed ("Failed to send a request to Slack API server",
    "Failed to decode"), made DEBUG: every delivery call's failure is sorted and said by
    wirewatch (``bot.alerts.calls``: an outage once, a retry at INFO), so an operator saw an
    alarm for a case already handled, at each ask of an outage."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


SORTED_LOG = logging.getLogger("slack_sdk.web.base_client.delivery")
"""The delivery client's SDK logger: a child of the SDK's, so a DEBUG level set on the SDK's
logger (or on the root's) still shows its lines."""
SORTED_LOG.addFilter(SaidByUs())
LISTENED_LOG = logging.getLogger("slack_sdk.web.base_client.listeners")
"""The listeners' client's SDK logger, quiet the same way: a listener's failed call is said by
wirewatch (App Home's ``held_back`` once made again or given up, a command's answer), or, if
none catches it, by Bolt's own error with its traceback: never unsaid."""
LISTENED_LOG.addFilter(SaidByUs())


def app_client(settings: Settings) -> WebClient:
    """The listeners' client: a lookup (users.info, conversations.info …) is tried again once
    on a dropped connection, as the SDK does by default; a post or a modal opened is not. It
    waits the outbox's ``slack_timeout`` for an answer: its posts' lost answers are looked for
    three of it later (``said_once.late_wait``). The SDK's own lines on a failed call said at
    DEBUG (``LISTENED_LOG``)."""
    return WebClient(token=settings.slack_bot_token, base_url=api_url(settings),
                     timeout=settings.slack_timeout,
                     retry_handlers=[ReadsRetried()], logger=LISTENED_LOG)


class ReadsRetried(ConnectionErrorRetryHandler):
    """The SDK's retry of a dropped connection, for every call not in NEVER_RETRIED."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if request.url.rstrip("/").endswith(NEVER_RETRIED):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)
