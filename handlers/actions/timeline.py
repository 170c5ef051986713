"""The Timeline button under every alert."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import TIMELINE
from handlers.common import answer, db_of, story_of
from handlers.timeline import send_timeline


def handle_timeline(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    db = db_of(context)
    story = story_of(db, action.get("value"))
    if story is None or not send_timeline(respond, db, story):
        answer(respond, "That story is no longer stored; nothing to show.")


def register(app: App) -> None:
    app.action(TIMELINE)(handle_timeline)
