"""App Home: published when opened, and again whenever something on it changes."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from handlers.common import db_of
from handlers.home_view import home_blocks

log = logging.getLogger(__name__)


def handle_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    publish_home(client, db_of(context), event["user"])


def publish_home(client: WebClient, db: Database, user: str | None) -> None:
    """Refresh a person's App Home; a failure is logged, never fails what they just did."""
    if not user:
        return
    try:
        client.views_publish(user_id=user, view={"type": "home", "blocks": home_blocks(db, user)})
    except (SlackApiError, OSError) as exc:
        log.warning("App Home of %s not refreshed: %s", user, exc.__class__.__name__)


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
