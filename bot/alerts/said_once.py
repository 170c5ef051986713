"""A message the app says outside the outbox (an unmute, in its channel): made again when Slack
held it back (429: not taken); when its answer was lost (a dropped connection, a timeout, a
5xx, a proxy's page), first looked for by its metadata, and made again only if not there. Said
once, never twice; each step on a timer of its own, so no listener's thread waits."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.alerts.calls import ANSWER_LATE_WAIT, ChannelGone, Retry, call, error_code
from bot.alerts.held_back import AGAIN_WAIT, HELD_BACK_WAIT, TRIES
from bot.alerts.history import find_posted
from bot.alerts.slack_clock import SlackClock
from bot.alerts.token import TokenDead
from bot.models import LookWindow

log = logging.getLogger(__name__)
EVENT_TYPE = "wirewatch_said"


@dataclass(frozen=True)
class Saying:
    """What to say where: ``key`` (with this database's ``install`` id) marks the message, so a
    try whose answer was lost is found in ``window`` (by Slack's clock: ``window_now``);
    ``what`` names it in the log."""

    channel: str
    text: str
    key: str
    install: str
    what: str
    window: LookWindow


def window_now(clock: SlackClock) -> LookWindow:
    """Where in its channel's history a message said from now on can be: its tries, each
    wait at most HELD_BACK_WAIT, by Slack's clock (this machine's may be out by days)."""
    return clock.window(HELD_BACK_WAIT * TRIES)


def say_once(client: WebClient, saying: Saying) -> None:
    """Say it now; a try that fails is settled later (see the module)."""
    _attempt(client, saying, look_first=False, tries=TRIES)


def _attempt(client: WebClient, saying: Saying, *, look_first: bool, tries: int) -> None:
    try:
        if look_first and _found(client, saying):
            log.info("%s: said already (its answer was lost); not said again", saying.what)
            return
        call(lambda: client.chat_postMessage(
            channel=saying.channel, text=saying.text, unfurl_links=False, unfurl_media=False,
            metadata={"event_type": EVENT_TYPE,
                      "event_payload": {"said": saying.key, "install": saying.install}}))
    except Retry as retry:
        _later(client, saying, retry, look_first=look_first or retry.in_flight, tries=tries)
    except (TokenDead, ChannelGone, SlackApiError) as exc:
        log.warning("%s: not said: %s", saying.what,
                    error_code(exc) if isinstance(exc, SlackApiError) else str(exc))


def _found(client: WebClient, saying: Saying) -> bool:
    """Whether the message is in its channel, in the span its tries can be."""
    return call(lambda: find_posted(
        client, channel=saying.channel, thread_ts=None, event_type=EVENT_TYPE, key="said",
        value=saying.key, window=saying.window, install=saying.install)) is not None


def _later(client: WebClient, saying: Saying, retry: Retry, *, look_first: bool,
           tries: int) -> None:
    """Held back: again after its Retry-After; answer lost: looked for, then (Slack may still
    be making it after a timeout) three client timeouts on."""
    wait = retry.delay if retry.rate_limited else ANSWER_LATE_WAIT if retry.late else AGAIN_WAIT
    if tries <= 1 or wait > HELD_BACK_WAIT:
        log.warning("%s: not said (%s)%s", saying.what, retry.reason,
                    "; it may have been" if look_first else "")
        return
    timer = threading.Timer(wait, _attempt, args=(client, saying),
                            kwargs={"look_first": look_first, "tries": tries - 1})
    timer.daemon = True
    timer.start()
