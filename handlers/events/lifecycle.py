"""Channel and token lifecycle: a channel the bot loses pauses its subscriptions, one it gets
back resumes them; an uninstall or revoked token stops delivery (and /health says so)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.mrkdwn import counted
from bot.alerts.pause import move_channel_id, pause_channel, resume_channel
from handlers.common import db_of, services
from storage.channel_memory import later_event

log = logging.getLogger(__name__)
MOVED = {"subscriptions": ("subscription", "subscriptions"),
         "quote_subscriptions": ("quote subscription", "quote subscriptions"),
         "alerts": ("alert", "alerts"), "mutes": ("mute", "mutes"),
         "important_stories": ("story marked important", "stories marked important")}

PAUSING = {"channel_archive": "is_archived", "group_archive": "is_archived",
           "channel_deleted": "channel_deleted", "channel_left": "bot_removed",
           "group_left": "bot_removed"}


def handle_pausing(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    channel = event.get("channel")
    if isinstance(channel, str) and channel:
        pause_channel(db_of(context), client, channel, reason=PAUSING[event["type"]],
                      clock=services(context).clock, newest=_newest(event, body, channel))


def handle_unarchive(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    channel = event.get("channel")
    if isinstance(channel, str) and channel:
        resume_channel(db_of(context), client, channel, clock=services(context).clock,
                       newest=_newest(event, body, channel))


def handle_member_joined(event: dict, body: dict, client: WebClient,
                         context: BoltContext) -> None:
    """Only the bot itself joining (or being invited) resumes a channel."""
    channel = event.get("channel")
    if event.get("user") == _bot_user(context) and isinstance(channel, str) and channel:
        resume_channel(db_of(context), client, channel, clock=services(context).clock,
                       newest=_newest(event, body, channel))


def _newest(event: dict, body: dict, channel: str) -> Callable[[Database], bool]:
    """Whether the event is the channel's newest: an event older than one already applied to
    it (Slack sent it again after a later one) would undo the later one, pausing a channel for
    good. The order is kept in the database, so a restart between the two does not forget it;
    asked in the transaction that acts, so another worker's event never comes between."""
    kind, event_time = str(event.get("type")), body.get("event_time")

    def newest(db: Database) -> bool:
        if not isinstance(event_time, int) or isinstance(event_time, bool):
            return True
        later = later_event(db, channel, event_time, kind)
        if later:
            log.info("%s for %s ignored: Slack sent it again after a later %s, already "
                     "applied", kind, channel, later)
        return later is None

    return newest


def handle_channel_id_changed(event: dict, client: WebClient, context: BoltContext) -> None:
    """Slack Connect gave a private channel a new id for good: its subscriptions (with their
    pauses, notify lists and digest times), quote subscriptions, alerts and threads, mutes and
    important stories move to it in one transaction, or the desk would silently get nothing;
    what was refused in between (the id changes before the event) comes back."""
    old, new = event.get("old_channel_id"), event.get("new_channel_id")
    if not (isinstance(old, str) and isinstance(new, str) and old and new and old != new):
        return
    moved = move_channel_id(db_of(context), client, old, new, clock=services(context).clock)
    what = ", ".join(counted(moved.get(table, 0), *names) for table, names in MOVED.items())
    again = f"; {counted(moved['requeued'], 'alert', 'alerts')} queued again" \
        if moved.get("requeued") else ""
    log.info("channel %s is now %s (shared with another organisation): moved %s%s", old, new,
             what, again)


def handle_uninstalled(event: dict, context: BoltContext) -> None:
    services(context).token.fail("app_uninstalled", datetime.now(UTC))


def handle_tokens_revoked(event: dict, context: BoltContext) -> None:
    if (event.get("tokens") or {}).get("bot"):
        services(context).token.fail("token_revoked", datetime.now(UTC))


def _bot_user(context: BoltContext) -> str | None:
    return context.bot_user_id


def register(app: App) -> None:
    for name in PAUSING:
        app.event(name)(handle_pausing)
    app.event("channel_unarchive")(handle_unarchive)
    app.event("group_unarchive")(handle_unarchive)
    app.event("member_joined_channel")(handle_member_joined)
    app.event("channel_id_changed")(handle_channel_id_changed)
    app.event("app_uninstalled")(handle_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)
