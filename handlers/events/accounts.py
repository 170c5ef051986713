"""A person's account or an admin user group changed in Slack (a demotion, a guest made a
member, someone out of the desk's admin group): their role counts at once, not a minute later
when the cached one runs out; a member made a guest gets nothing more by direct message."""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.slack.guest_accounts import follow_account
from handlers.common import db_of, services


def handle_user_change(event: dict, body: dict, context: BoltContext) -> None:
    profile = event.get("user") or {}
    user = profile.get("id")
    if isinstance(user, str) and user:
        services(context).roles.forget([user])
        follow_account(db_of(context), profile, event_time=body.get("event_time"))


def handle_group_members(event: dict, context: BoltContext) -> None:
    group = event.get("subteam_id")
    changed = [u for key in ("added_users", "removed_users") for u in event.get(key) or []
               if isinstance(u, str)]
    services(context).roles.forget(changed, group if isinstance(group, str) else None)


def register(app: App) -> None:
    app.event("user_change")(handle_user_change)
    app.event("subteam_members_changed")(handle_group_members)
