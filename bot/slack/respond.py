"""Answers through a request's response_url, sent once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk.webhook import WebhookClient, WebhookResponse

from bot.alerts.calls import retry_after
from bot.alerts.held_back import HELD_BACK_WAIT, Waiting, waiting_for
from bot.slack.services import CONTEXT_KEY

log = logging.getLogger(__name__)
TIMEOUT_S = 10
QUIET = logging.getLogger(f"{__name__}.sdk")
"""The webhook client's own logger: its ERROR for a dropped answer would say again, as a
failure, what the WARNING below says with what was done."""
QUIET.setLevel(logging.CRITICAL)
SLACK_HOOKS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})


class RespondOnce(Respond):
    """Bolt's ``respond()`` without the SDK's retry: its webhook client sends an answer again
    when the connection drops, and Slack has often shown it by then (a shared answer appeared
    twice in the channel). An answer whose fate is unknown is said in the log, not sent again;
    one Slack held back (429: not taken) is sent once more after its Retry-After, on the
    running bot's timer (``waiting``)."""

    def __init__(self, *, response_url: str, waiting: Waiting, **kwargs: Any) -> None:
        super().__init__(response_url=response_url, **kwargs)
        self.waiting = waiting

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
        if response.status_code == 429:
            _again_later(client, message, retry_after(response.headers), self.waiting)
        elif response.status_code != 200:
            log.warning("Slack refused an answer through response_url: HTTP %s %s",
                        response.status_code, response.body[:200])
        return response


def _again_later(client: WebhookClient, message: dict[str, Any], wait: float,
                 waiting: Waiting) -> None:
    """Slack did not take the answer (429), so it cannot show twice: sent once more, on a timer
    of its own (the listener's thread is not held)."""
    if wait > HELD_BACK_WAIT:
        log.warning("Slack held back an answer through response_url for %.0f s; not sent again "
                    "(the person asks again)", wait)
        return
    if waiting.later(wait, _send_again, client, message):
        log.info("Slack held back an answer through response_url (HTTP 429); sent again in "
                 "%.0f s", wait)
    else:
        log.warning("Slack held back an answer through response_url (HTTP 429); not sent "
                    "again: the bot stops (the person asks again)")


def _send_again(client: WebhookClient, message: dict[str, Any]) -> None:
    try:
        response = client.send_dict(message)
    except OSError as exc:
        log.warning("an answer Slack had held back may have reached the person or not (%s); "
                    "not sent again", exc.__class__.__name__)
        return
    if response.status_code != 200:
        log.warning("Slack refused an answer through response_url, sent again after its 429: "
                    "HTTP %s %s", response.status_code, response.body[:200])


def message_of(text: str = "", **fields: Any) -> dict[str, Any]:
    """The body Slack takes for ``respond()``'s arguments (Bolt's own builder is private)."""
    message: dict[str, Any] = {"text": text}
    for key, value in fields.items():
        if key in ("blocks", "attachments"):
            value = [part if isinstance(part, dict) else part.to_dict() for part in value or ()]
        if value is not None and value != []:
            message[key] = value
    return message


class RespondNowhere(Respond):
    """``respond()`` for a request whose response_url is not Slack's: nothing is sent."""

    def __call__(self, *args: Any, **kwargs: Any) -> WebhookResponse:
        return WebhookResponse(url=self.response_url or "", status_code=0, body="not sent",
                               headers={})


def is_slacks(url: str, api_url: str) -> bool:
    """Whether ``url`` is Slack's: https on Slack's hooks host, or the Web API's own scheme,
    host and port (a fake Slack in tests, a proxy standing in for Slack)."""
    try:
        hook, api = urlsplit(url), urlsplit(api_url)
        where, api_where = (hook.scheme, hook.hostname, hook.port), \
            (api.scheme, api.hostname, api.port)
    except ValueError:
        return False
    return where in {("https", host, None) for host in SLACK_HOOKS} or where == api_where


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _waiting(context: BoltContext) -> Waiting:
    """The running bot's timers (its database's), found through the listeners' services."""
    return waiting_for(context[CONTEXT_KEY].settings.db_path)


def respond_once(context: BoltContext, next: Callable[[], object]) -> None:
    """The middleware giving every listener (and the error handler) ``RespondOnce``; a
    response_url that is not Slack's gets ``RespondNowhere``: only Slack's hooks are called,
    whatever a request signed with a leaked secret names."""
    url = context.response_url
    if url and not is_slacks(url, context.client.base_url):
        log.warning("a request's response_url (host %r) is not Slack's; it is not answered",
                    _host(url))
        context["respond"] = RespondNowhere(response_url=url)
    elif url:
        context["respond"] = RespondOnce(response_url=url, proxy=context.client.proxy,
                                         ssl=context.client.ssl, waiting=_waiting(context))
    next()
