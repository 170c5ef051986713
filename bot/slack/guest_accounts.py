"""A member made a guest keeps nothing by direct message: a guest subscribes to nothing and
reads only what the channels they are in follow. Their own subscriptions (topics, a person's
quotes) pause when Slack says the account changed, and resume when it is a member's again.
A deactivated account's pause likewise (Slack still takes posts to direct messages the bot
opened with it before: nobody would read them), and its reactivation resumes them."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.alerts.pause import GUEST_ACCOUNT
from storage import quote_subscriptions as quote_subs
from storage import subscriptions as subs
from storage.alerts import fail_pending
from storage.articles import now_iso
from storage.channel_memory import later_event
from storage.db import transaction

log = logging.getLogger(__name__)
FLAGS = ("is_restricted", "is_ultra_restricted")
DEACTIVATED = "user_disabled"
"""What ``conversations.open`` answers for a deactivated account: one reason, however learnt."""
ACCOUNT_PAUSES = (GUEST_ACCOUNT, DEACTIVATED)


def follow_account(db: Database, profile: dict, *, event_time: object = None) -> int:
    """Pause or resume the direct-message subscriptions of the account ``profile`` describes
    (a ``user_change`` event's user, sent at ``event_time``); how many changed. A profile
    without both role flags (a partial event) changes nothing, nor does one older than a
    change already applied to the account (Slack sent it again after a later one)."""
    user = profile.get("id")
    flags = [profile.get(flag) for flag in FLAGS]
    if not isinstance(user, str) or not user:
        return 0
    with transaction(db):  # one: another worker's change never comes between check and act
        if not _newest(db, user, event_time):
            return 0
        if profile.get("deleted") is True:
            return _pause(db, user, DEACTIVATED)
        if any(flags):
            return _pause(db, user, GUEST_ACCOUNT)
        if all(flag is False for flag in flags) and not profile.get("deleted"):
            return _resume(db, user)
    return 0


def account_gone(db: Database, user: str, reason: str) -> int:
    """Pause the person's direct-message subscriptions: Slack says nobody is there (``reason``,
    as ``conversations.open`` gives it); how many paused."""
    with transaction(db):
        return _pause(db, user, reason)


def _newest(db: Database, user: str, event_time: object) -> bool:
    """False for a change older than one applied: Slack sends an event again until a delivery
    is answered with a 2xx, so a run killed after acting on it and before answering acts on it
    again, perhaps after a later change, which it would undo (a member paused as a guest).
    Kept in the database (beside channels' events: a person's id is no channel's), so a
    restart between the two does not forget it. Call inside the transaction that acts."""
    if not isinstance(event_time, int) or isinstance(event_time, bool):
        return True
    later = later_event(db, user, event_time, "user_change")
    if later:
        log.info("user_change for %s ignored: Slack sent it again after a later one, already "
                 "applied", user)
    return later is None


def _pause(db: Database, user: str, reason: str) -> int:
    at = now_iso()
    paused = subs.pause_target(db, user, reason=reason, at=at)
    quotes = quote_subs.pause_quote_target(db, user, reason=reason, at=at)
    failed = fail_pending(db, user, error=f"paused: {reason}")
    if paused or quotes:
        log.warning("%s %s: %d subscriptions by direct message paused, %d queued alerts "
                    "failed", user, _what(reason), len(paused) + len(quotes), failed)
    return len(paused) + len(quotes)


def _what(reason: str) -> str:
    if reason == GUEST_ACCOUNT:
        return "is a guest now"
    return "was deactivated" if reason == DEACTIVATED else f"cannot be reached ({reason})"


def _resume(db: Database, user: str) -> int:
    """Only when something paused as they became a guest or were deactivated (any profile edit
    sends the event)."""
    at = now_iso()
    held = [s for s in (*subs.subscriptions_of(db, [user]),
                        *quote_subs.quote_subscriptions_of(db, [user]))
            if s.paused_reason in ACCOUNT_PAUSES]
    if not held:
        return 0
    resumed = subs.resume_target(db, user, at=at)
    quotes = quote_subs.resume_quote_target(db, user, at=at)
    log.info("%s is an active member again: %d subscriptions by direct message resumed", user,
             len(resumed) + len(quotes))
    return len(resumed) + len(quotes)
