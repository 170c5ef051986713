"""Channel and token lifecycle: a channel the bot loses pauses its subscriptions, one it gets
back resumes them; an uninstall or revoked token stops delivery (and /health says so)."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.alerts.pause import pause_channel, resume_channel
from handlers.common import db_of, services

PAUSING = {"channel_archive": "is_archived", "group_archive": "is_archived",
           "channel_deleted": "channel_deleted", "channel_left": "bot_removed",
           "group_left": "bot_removed"}


def handle_pausing(event: dict, client: WebClient, context: BoltContext) -> None:
    channel = event.get("channel")
    if isinstance(channel, str) and channel:
        pause_channel(db_of(context), client, channel, reason=PAUSING[event["type"]])


def handle_unarchive(event: dict, client: WebClient, context: BoltContext) -> None:
    channel = event.get("channel")
    if isinstance(channel, str) and channel:
        resume_channel(db_of(context), client, channel)


def handle_member_joined(event: dict, client: WebClient, context: BoltContext) -> None:
    """Only the bot itself joining (or being invited) resumes a channel."""
    channel = event.get("channel")
    if event.get("user") == _bot_user(context) and isinstance(channel, str) and channel:
        resume_channel(db_of(context), client, channel)


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
    app.event("app_uninstalled")(handle_uninstalled)
    app.event("tokens_revoked")(handle_tokens_revoked)
