"""Before a channel subscribes: can the bot post there? A public channel is joined; a private
one needs an invite first, and nothing is promised until then."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlite_utils import Database

from bot.alerts.calls import Retry, error_code, held_for
from bot.alerts.held_back import pacer_of
from bot.alerts.pacing import Pacer, listened
from bot.alerts.pause import resume_channel
from bot.daemon_pool import DaemonPool

log = logging.getLogger(__name__)
INVITE = ("I cannot see this channel: it is private and I am not in it. Type "
          "`/invite @wirewatch` here, then subscribe again.")
TOO_SLOW = "Slack did not answer in time to check that I can post here; try again in a moment."
MEMBER_PAGES = 20
LISTING_FAILED = (SlackApiError, OSError, LookupError, Retry)
"""How a users.conversations listing fails: Slack refuses, no answer, too many pages, the
method held back (a rate limit met: ``pacing.listened``)."""
_CHECKS = DaemonPool(4, "wirewatch-channel-check")


def can_post_here(db: Database, client: WebClient, channel: str, *,
                  pacer: Pacer | None = None) -> str | None:
    """None when the bot can post in ``channel`` (joining it if public, resuming its paused
    subscriptions), else what to tell."""
    problem = slack_says(client, channel, pacer=pacer or pacer_of(db))
    if problem is None:
        resume_channel(db, client, channel)
    return problem


def can_post_within(client: WebClient, channel: str, seconds: float, *,
                    pacer: Pacer | None = None) -> str | None:
    """``slack_says``, waiting at most ``seconds`` (a request not yet acknowledged: Slack gives
    up at 3 s); a slower check goes on, its answer unused, and ``TOO_SLOW`` is said."""
    future = _CHECKS.submit(lambda: slack_says(client, channel, pacer=pacer))
    try:
        return future.result(timeout=max(seconds, 0.1))
    except FutureTimeout:
        log.warning("Slack did not answer within %.1f s whether wirewatch can post in %s",
                    seconds, channel)
        return TOO_SLOW


def slack_says(client: WebClient, channel: str, *, pacer: Pacer | None = None) -> str | None:
    """Slack's side of ``can_post_here``: None when the bot can post (a public channel is
    joined), else what to tell. Touches no database, so it may run on any thread. Each call
    keeps to the run's holds (``pacer``: a Pacer of its own when None)."""
    ask = _asking(pacer)
    try:
        info = ask("conversations.info", lambda: client.conversations_info(channel=channel))[
            "channel"]
        if info.get("is_archived"):
            return "This channel is archived; alerts cannot be posted here."
        if not info.get("is_member"):
            if info.get("is_private"):
                return INVITE
            ask("conversations.join", lambda: client.conversations_join(channel=channel))
    except Retry as held:
        return _held_back(held.delay)
    except SlackApiError as exc:
        code, wait = error_code(exc), held_for(exc)
        if code == "channel_not_found":
            return INVITE
        if wait is not None:
            return _held_back(wait)
        log.warning("could not check channel %s before subscribing: %s", channel, code)
        return f"Slack did not let me check that I can post here ({code})."
    except OSError as exc:
        log.warning("could not reach Slack to check channel %s: %s", channel,
                    exc.__class__.__name__)
        return "I could not reach Slack to check that I can post here; try again shortly."
    return None


def _held_back(seconds: float) -> str:
    """Slack's rate limit on the check (joining the channel, reading it), said as such."""
    wait = f"{max(seconds, 1):.0f} s"
    return (f"Slack asks wirewatch to wait {wait} before checking that it can post here "
            f"(rate limit): try again in {wait}.")


def in_channel(client: WebClient, channel: str, user: str, *,
               pacer: Pacer | None = None) -> bool | None:
    """Whether ``user`` may act on what ``channel`` follows: anyone on a public channel's,
    only its members on a private one's (one wirewatch cannot see counts as not theirs);
    None when Slack did not say (or the run's ``pacer`` holds the method back)."""
    ask = _asking(pacer)
    try:
        if not ask("conversations.info", lambda: client.conversations_info(channel=channel))[
                "channel"].get("is_private"):
            return True
        cursor = None
        for _ in range(MEMBER_PAGES):
            page = ask("conversations.members", partial(
                client.conversations_members, channel=channel, cursor=cursor, limit=1000))
            if user in page["members"]:
                return True
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return False
    except (SlackApiError, Retry) as exc:
        if isinstance(exc, SlackApiError) and error_code(exc) == "channel_not_found":
            return False
        log.log(said_at(exc), "could not check whether %s is in %s: %s", user, channel,
                what_failed(exc))
    except OSError as exc:
        log.warning("could not reach Slack to check whether %s is in %s: %s", user, channel,
                    exc.__class__.__name__)
    return None


def private_channels_left(client: WebClient, user: str, *,
                          pacer: Pacer | None = None) -> frozenset[str] | None:
    """The private channels wirewatch is in and ``user`` is not (left, removed, never in):
    what they set up there is no longer theirs to see. None when Slack did not say (or the
    run's ``pacer`` holds users.conversations back)."""
    try:
        return _private_channels(client, None, pacer) - _private_channels(client, user, pacer)
    except LISTING_FAILED as exc:
        log.log(said_at(exc), "could not list the private channels of %s: %s", user,
                what_failed(exc))
    return None


def what_failed(exc: Exception) -> str:
    """Slack's error code, a hold's reason, else the kind of failure (no answer, more pages
    than are read)."""
    if isinstance(exc, Retry):
        return exc.reason
    return error_code(exc) if isinstance(exc, SlackApiError) else exc.__class__.__name__


def said_at(exc: Exception) -> int:
    """A failure is a WARNING; a hold another call met (no call made) is INFO: nothing failed."""
    return logging.INFO if isinstance(exc, Retry) and not exc.asked else logging.WARNING


def _private_channels(client: WebClient, user: str | None,
                      pacer: Pacer | None) -> frozenset[str]:
    """The private channels ``user`` (None: wirewatch) is in, as wirewatch sees them."""
    return frozenset(c for page in conversation_pages(client, user, "private_channel",
                                                      pacer=pacer) for c in page)


def conversation_pages(client: WebClient, user: str | None, types: str, *,
                       pacer: Pacer | None = None) -> Iterator[list[str]]:
    """The ids of the conversations of ``types`` that ``user`` (None: wirewatch) is in, a page
    of users.conversations at a time, kept to the run's holds (``pacing.listened``: Retry
    while one holds it); LookupError after MEMBER_PAGES pages with more to come."""
    ask, cursor = _asking(pacer), None
    for _ in range(MEMBER_PAGES):
        page = ask("users.conversations", partial(
            client.users_conversations, types=types, limit=1000, cursor=cursor, user=user))
        yield [str(c["id"]) for c in page["channels"]]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return
    raise LookupError(f"more than {MEMBER_PAGES} pages")


def _asking(pacer: Pacer | None) -> Callable[[str, Callable[[], SlackResponse]], SlackResponse]:
    """A listener's call of a method, kept to ``pacer``'s holds (``pacing.listened``)."""
    held = pacer or Pacer()
    return lambda method, request: listened(held, method, request)
