"""Answers through a request's response_url, sent once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk.webhook import WebhookClient, WebhookResponse

log = logging.getLogger(__name__)
TIMEOUT_S = 10
QUIET = logging.getLogger(f"{__name__}.sdk")
"""The webhook client's own logger: its ERROR for a dropped answer would say again, as a
failure, what the WARNING below says with what was done."""
QUIET.setLevel(logging.CRITICAL)


class RespondOnce(Respond):
    """Bolt's ``respond()`` without the SDK's retry: its webhook client sends an answer again
    when the connection drops, and Slack has often shown it by then (a shared answer appeared
    twice in the channel). An answer whose fate is unknown is said in the log, not sent again."""

    def __call__(self, *args: Any, **kwargs: Any) -> WebhookResponse:
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        first = args[0] if args else kwargs.get("text")
        message = message_of(**first) if isinstance(first, dict) else message_of(*args, **kwargs)
        client = WebhookClient(url=self.response_url, proxy=self.proxy, ssl=self.ssl,
                               timeout=TIMEOUT_S, retry_handlers=[], logger=QUIET)
        try:
            response = client.send_dict(message)
        except OSError as exc:
            log.warning("an answer through Slack's response_url may have reached the person "
                        "or not (%s: %s); not sent again, so it is never shown twice",
                        exc.__class__.__name__, exc)
            return WebhookResponse(url=self.response_url, status_code=0, body=str(exc),
                                   headers={})
        if response.status_code != 200:
            log.warning("Slack refused an answer through response_url: HTTP %s %s",
                        response.status_code, response.body[:200])
        return response


def message_of(text: str = "", **fields: Any) -> dict[str, Any]:
    """The body Slack takes for ``respond()``'s arguments (Bolt's own builder is private)."""
    message: dict[str, Any] = {"text": text}
    for key, value in fields.items():
        if key in ("blocks", "attachments"):
            value = [part if isinstance(part, dict) else part.to_dict() for part in value or ()]
        if value is not None and value != []:
            message[key] = value
    return message


def respond_once(context: BoltContext, next: Callable[[], object]) -> None:
    """The middleware giving every listener (and the error handler) ``RespondOnce``."""
    if context.response_url:
        context["respond"] = RespondOnce(response_url=context.response_url,
                                         proxy=context.client.proxy, ssl=context.client.ssl)
    next()
