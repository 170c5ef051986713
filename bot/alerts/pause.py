"""A channel Slack refuses (archived, deleted, bot removed) pauses its subscriptions, topic and
quote alike, and the people who set them up are told by direct message; the bot's return
resumes them."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.calls import UNREACHABLE
from bot.alerts.held_back import pacer_of
from bot.alerts.mrkdwn import fit
from bot.alerts.said_once import Saying, say_once, window_now
from bot.alerts.slack_clock import SlackClock
from bot.models import QuoteSubscription, Subscription
from storage import alerts as outbox
from storage import quote_subscriptions as quote_subs
from storage import subscriptions as subs
from storage.alerts import fail_pending
from storage.articles import now_iso
from storage.channels import move_channel
from storage.db import transaction
from storage.state import install_id

log = logging.getLogger(__name__)
Check = Callable[[Database], bool]
WHY = {
    "is_archived": "the channel was archived",
    "channel_is_archived": "the channel was archived",
    "channel_deleted": "the channel was deleted",
    "channel_not_found": "the channel was deleted, or it is private and wirewatch is not in it",
    "not_in_channel": "wirewatch was removed from the channel",
    "bot_removed": "wirewatch was removed from the channel",
    "user_disabled": "the person's Slack account is deactivated",
    "user_not_found": "the person is no longer in this Slack workspace",
    "user_not_visible": "Slack does not let wirewatch see the person (another organisation's "
                        "account, or one kept from apps)",
    "invalid_user_combination": "Slack does not let wirewatch open a direct message with the "
                                "person",
    "guest_account": "the person's account is a guest's now (a guest subscribes to nothing and "
                     "reads only what the channels they are in follow)",
}
RESTRICTED = "wirewatch may not post there: the channel's posting permissions leave it out"
for _code in ("restricted_action", "restricted_action_read_only_channel",
              "restricted_action_thread_only_channel"):
    WHY[_code] = RESTRICTED
COMEBACK = ("They resume by themselves when the channel is unarchived or someone types "
            "`/invite @wirewatch` there.")
AFTER_RESTRICTION = ("Once wirewatch may post there, type `/subscribe TOPIC` in the channel "
                     "again and they resume.")
PERSON_BACK = "A person's resume when they type `/subscribe` again."
PERSON_GONE = UNREACHABLE
GUEST_ACCOUNT = "guest_account"
GUEST_BACK = "A person's resume when their account is a member's again."
# Slack gives a shared channel its new id before it sends channel_id_changed: a post in
# between is refused channel_not_found and pauses the channel; within this window before the
# event such a pause, and the alerts it failed, are undone on the new id
ID_CHANGE = "channel_not_found"
ID_CHANGE_WINDOW = timedelta(hours=1)


def explain(reason: str | None) -> str:
    return WHY.get(reason or "", f"Slack refused to post there ({fit(reason or 'unknown', 60)})")


def comeback(reason: str | None) -> str:
    """How paused subscriptions resume: by themselves, or (posting restricted, or a person
    gone, which no event announces the end of) when someone subscribes again."""
    if reason in PERSON_GONE:
        return PERSON_BACK
    if reason == GUEST_ACCOUNT:
        return GUEST_BACK
    return AFTER_RESTRICTION if WHY.get(reason or "") == RESTRICTED else COMEBACK


def pause_channel(db: Database, client: WebClient, channel: str, *, reason: str,
                  clock: SlackClock | None = None, newest: Check | None = None) -> int:
    """Pause the channel's subscriptions, fail its queued alerts, tell each subscriber once.
    ``newest``: whether the event that says so is the channel's newest, asked in the same
    transaction (another worker's later event never comes between the two)."""
    at = now_iso()
    with transaction(db):
        if newest is not None and not newest(db):
            return 0
        paused = subs.pause_target(db, channel, reason=reason, at=at)
        quotes = quote_subs.pause_quote_target(db, channel, reason=reason, at=at)
        failed = fail_pending(db, channel, error=f"channel paused: {reason}")
    named = _named(paused, quotes)
    if named:
        log.warning("%s: %s; %d subscriptions paused, %d queued alerts failed", channel,
                    explain(reason), len(named), failed)
        _tell(db, client, [(who, what) for who, what in named if who != channel],
              f"wirewatch can no longer post in <#{channel}>: "
              f"{explain(reason)}. Paused: {{topics}}. {comeback(reason)}", clock)
    return len(named)


def resume_channel(db: Database, client: WebClient, channel: str, *,
                   clock: SlackClock | None = None, newest: Check | None = None) -> int:
    """As ``pause_channel``, the other way."""
    at = now_iso()
    with transaction(db):
        if newest is not None and not newest(db):
            return 0
        resumed = subs.resume_target(db, channel, at=at)
        quotes = quote_subs.resume_quote_target(db, channel, at=at)
    named = _named(resumed, quotes)
    if named:
        log.info("%s: %d subscriptions resumed", channel, len(named))
        _tell(db, client, named, f"wirewatch can post in <#{channel}> again. Resumed: "
              "{topics}.", clock)
    return len(named)


def move_channel_id(db: Database, client: WebClient, old: str, new: str, *,
                    clock: SlackClock | None = None) -> dict[str, int]:
    """The channel ``old`` is ``new`` now: its rows move, and what refused ``channel_not_found``
    in the last hour (the id had changed before Slack said so) comes back on ``new``: its
    subscriptions paused for it resume, the alerts that failed for it, and those not queued
    while paused, are queued for ``new`` (each once: a tried one is looked for first). Other
    pauses (the bot removed, posting restricted, archived) stay. Returns the rows moved, by
    table, and ``requeued``."""
    since = (datetime.now(UTC) - ID_CHANGE_WINDOW).isoformat(timespec="seconds")
    pacer_of(db).move_channel(old, new, datetime.now(UTC))  # before: never in a transaction
    with transaction(db):
        refused = outbox.refused_since(db, old, since=since,
                                       errors=(ID_CHANGE, f"channel paused: {ID_CHANGE}"))
        moved = move_channel(db, old, new)
        requeued = outbox.requeue(db, refused, at=now_iso())
        requeued += outbox.queue_missed(db, new, reason=ID_CHANGE, since=since)
        topics = subs.resume_paused_for(db, new, reason=ID_CHANGE, since=since)
        quotes = quote_subs.resume_quotes_paused_for(db, new, reason=ID_CHANGE, since=since)
    named = _named(topics, quotes)
    if named or requeued:
        log.info("%s: paused as its id changed; %d subscriptions resumed, %d alerts queued "
                 "again", new, len(named), requeued)
        _tell(db, client, named, f"wirewatch can post in <#{new}> again (the channel has a new "
              "id: it was shared with another organisation). Resumed: {topics}.", clock)
    return {**moved, "requeued": requeued}


def resume_person(db: Database, user: str) -> int:
    """A person whose account was gone is back (they just typed a command): their direct-message
    subscriptions, paused when Slack would not open a conversation with them, resume."""
    at = now_iso()
    with transaction(db):
        resumed = subs.resume_target(db, user, at=at)
        quotes = quote_subs.resume_quote_target(db, user, at=at)
    if resumed or quotes:
        log.info("%s is back: %d subscriptions resumed", user, len(resumed) + len(quotes))
    return len(resumed) + len(quotes)


def quotes_label(query: str) -> str:
    return f"quotes for `{fit(query, 100)}`"


def _named(topics: list[Subscription],
           quotes: list[QuoteSubscription]) -> list[tuple[str | None, str]]:
    """(who set it up, what it follows) for each topic and quote subscription."""
    return ([(row.created_by, f"*{fit(row.topic, 100)}*") for row in topics]
            + [(row.created_by, quotes_label(row.query)) for row in quotes])


def _tell(db: Database, client: WebClient, named: list[tuple[str | None, str]], template: str,
          clock: SlackClock | None) -> None:
    """One direct message per person, naming what they follow, said once (``say_once``: held
    back or lost, it is settled later, a restart included); failures logged."""
    by_person: dict[str, list[str]] = defaultdict(list)
    for person, label in named:
        if person:
            by_person[person].append(label)
    install, window = install_id(db), window_now(clock or SlackClock(), client)
    for person, labels in by_person.items():
        text = template.replace("{topics}", ", ".join(labels))
        say_once(db, client, Saying(None, text, f"told:{person}:{uuid.uuid4().hex}", install,
                                    f"telling {person} of a channel's change", window,
                                    person=person))
