"""Answers through a request's response_url, sent once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk.webhook import WebhookClient, WebhookResponse

from bot.alerts.calls import Retry, not_sent, retry_after
from bot.alerts.held_back import Waiting, again_later, wait_before_again, waiting_for, why_again
from bot.slack.services import CONTEXT_KEY

log = logging.getLogger(__name__)
TIMEOUT_S = 10
QUIET = logging.getLogger(f"{__name__}.sdk")
"""The webhook client's own logger: its ERROR for a dropped answer would say again, as a
failure, what the WARNING below says with what was done."""
QUIET.setLevel(logging.CRITICAL)
SLACK_HOOKS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
WHAT = "an answer through response_url"


class RespondOnce(Respond):
    """Bolt's ``respond()`` without the SDK's retry: its webhook client sends an answer again
    when the connection drops, and Slack has often shown it by then (a shared answer appeared
    twice in the channel). An answer whose fate is unknown is said in the log, not sent again;
    one Slack held back (429: not taken) or never saw (a connection refused) is sent again
    after its Retry-After or two seconds, on the running bot's timer (``waiting``)."""

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
            if not_sent(exc):
                _again_later(client, message, exc, self.waiting)
            else:
                log.warning("an answer through Slack's response_url may have reached the "
                            "person or not (%s: %s); not sent again, so it is never shown "
                            "twice", exc.__class__.__name__, exc)
            return WebhookResponse(url=self.response_url, status_code=0, body=str(exc),
                                   headers={})
        if response.status_code == 429:
            _again_later(client, message, _held_back(response), self.waiting)
        elif response.status_code != 200:
            log.warning("Slack refused an answer through response_url: HTTP %s %s",
                        response.status_code, response.body[:200])
        return response


def _again_later(client: WebhookClient, message: dict[str, Any], exc: Exception,
                 waiting: Waiting) -> None:
    """Slack did not take the answer (429), or never saw it (a refused connection), so it
    cannot show twice: sent again on a timer of its own (the listener's thread is not held),
    as ``held_back.again_later`` makes a call again, which says when it is not."""
    wait = wait_before_again(exc, idempotent=False)
    why = why_again(exc)
    if wait is not None and again_later(_sending(client, message), wait, what=WHAT,
                                        waiting=waiting, why=why):
        log.info("%s: %s; sent again in %.0f s", WHAT, why, wait)


def _held_back(response: WebhookResponse) -> Retry:
    return Retry("Slack held it back (HTTP 429)", retry_after(response.headers), False, True)


def _sending(client: WebhookClient, message: dict[str, Any]) -> Callable[[], bool]:
    """One more send of the answer: a 429 raised to be sent again after it (a refused
    connection is raised as it is), any other refusal said in the log."""
    def send() -> bool:
        response = client.send_dict(message)
        if response.status_code == 429:
            raise _held_back(response)
        if response.status_code != 200:
            log.warning("Slack refused an answer through response_url, sent again: HTTP %s %s",
                        response.status_code, response.body[:200])
        return True

    return send


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
