"""A stray: the post of a try whose answer never came, made by Slack after that try's late
window closed and the alert was posted again. It carries the alert's metadata, so it is found
in the try's span of history (the alert's recorded post left out) and deleted: the desk keeps
one copy, the one its story's thread hangs from."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import ChannelGone, Retry, call, error_code
from bot.alerts.history import find_posted
from bot.alerts.token import TokenDead
from bot.models import LookWindow, StrayWatch
from storage.db import transaction
from storage.strays import next_stray_look, strays_due

log = logging.getLogger(__name__)
STRAY_WATCH = 3600.0
"""Seconds after an alert is posted again that a stray of its earlier try is looked for, each
look twice as long after the post as the one before: Slack makes a post it was late with within
seconds or minutes, if at all. A stray it makes later than this stays (two copies)."""
LOOKS_A_PASS = 3
"""Watched alerts looked at in one pass of the sender, so a run of them never holds it up."""
Seen = Callable[[str, list[dict]], Collection[str]]


def sweep(db: Database, client: WebClient, *, now: datetime, first_look: float,
          event_type: str, install: str, seen: Seen) -> int:
    """Look for the strays of the watched alerts that are due; returns how many were deleted.
    ``seen`` gives the ts of another wirewatch run's posts among a conversation's messages."""
    deleted = 0
    for watch in strays_due(db, now=_iso(now), limit=LOOKS_A_PASS):
        deleted += _look(client, watch, event_type=event_type, install=install, seen=seen)
        with transaction(db):
            next_stray_look(db, watch.alert_id, _next_look(watch, now, first_look))
    return deleted


def _next_look(watch: StrayWatch, now: datetime, first_look: float) -> str | None:
    since = datetime.fromisoformat(watch.since)
    waited = max((now - since).total_seconds(), first_look)
    if waited >= STRAY_WATCH:
        return None
    return _iso(since + timedelta(seconds=min(2 * waited, STRAY_WATCH)))


def _look(client: WebClient, watch: StrayWatch, *, event_type: str, install: str,
          seen: Seen) -> int:
    def others(messages: list[dict]) -> Collection[str]:
        return {watch.ts, *seen(watch.channel, messages)}

    try:
        stray = find_posted(client, channel=watch.channel, thread_ts=watch.thread_ts,
                            event_type=event_type, key="alert_id", value=watch.alert_id,
                            window=LookWindow(watch.stray_from), install=install, seen=others)
        if stray is None:
            return 0
        call(lambda: client.chat_delete(channel=watch.channel, ts=stray))
    except (Retry, TokenDead, ChannelGone, SlackApiError) as exc:
        reason = error_code(exc) if isinstance(exc, SlackApiError) else str(exc)
        log.info("alert %s: could not look for a stray copy in %s (%s); looked for again later",
                 watch.alert_id, watch.channel, reason)
        return 0
    log.warning("alert %s: Slack made the post of a try whose answer never came after the alert "
                "was posted again (%s in %s); deleted it, the alert's post %s stays",
                watch.alert_id, stray, watch.channel, watch.ts)
    return 1


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
