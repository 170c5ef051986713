"""A channel Slack refuses (archived, deleted, bot removed) pauses its subscriptions, and the
people who set them up are told by direct message; the bot's return resumes them."""

from __future__ import annotations

import logging
from collections import defaultdict

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.mrkdwn import fit
from bot.models import Subscription
from storage import subscriptions as subs
from storage.alerts import fail_pending
from storage.articles import now_iso
from storage.db import transaction

log = logging.getLogger(__name__)
WHY = {
    "is_archived": "the channel was archived",
    "channel_is_archived": "the channel was archived",
    "channel_deleted": "the channel was deleted",
    "channel_not_found": "the channel was deleted, or it is private and wirewatch is not in it",
    "not_in_channel": "wirewatch was removed from the channel",
    "bot_removed": "wirewatch was removed from the channel",
}
COMEBACK = ("They resume by themselves when the channel is unarchived or someone types "
            "`/invite @wirewatch` there.")


def explain(reason: str | None) -> str:
    return WHY.get(reason or "", f"Slack refused to post there ({fit(reason or 'unknown', 60)})")


def pause_channel(db: Database, client: WebClient, channel: str, *, reason: str) -> int:
    """Pause the channel's subscriptions, fail its queued alerts, tell each subscriber once."""
    with transaction(db):
        paused = subs.pause_target(db, channel, reason=reason, at=now_iso())
        failed = fail_pending(db, channel, error=f"channel paused: {reason}")
    if paused:
        log.warning("%s: %s; %d subscriptions paused, %d queued alerts failed", channel,
                    explain(reason), len(paused), failed)
        _tell(client, paused, f"wirewatch can no longer post in <#{channel}>: "
                              f"{explain(reason)}. Paused: {{topics}}. {COMEBACK}")
    return len(paused)


def resume_channel(db: Database, client: WebClient, channel: str) -> int:
    with transaction(db):
        resumed = subs.resume_target(db, channel, at=now_iso())
    if resumed:
        log.info("%s: %d subscriptions resumed", channel, len(resumed))
        _tell(client, resumed, f"wirewatch can post in <#{channel}> again. "
                               "Resumed: {topics}.")
    return len(resumed)


def _tell(client: WebClient, rows: list[Subscription], template: str) -> None:
    """One direct message per person, naming their topics; best effort, a failure is logged."""
    by_person: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.created_by:
            by_person[row.created_by].append(f"*{fit(row.topic, 100)}*")
    for person, topics in by_person.items():
        try:
            dm = client.conversations_open(users=person)["channel"]["id"]
            text = template.replace("{topics}", ", ".join(topics))
            client.chat_postMessage(channel=dm, text=text)
        except (SlackApiError, OSError) as exc:
            log.warning("could not tell %s about the paused channel: %s", person,
                        exc.__class__.__name__)
