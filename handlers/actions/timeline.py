"""The Timeline button under every alert."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import TIMELINE
from bot.slack.after_ack import answered
from handlers.common import answer, clicked_in, db_of, hidden_story, story_of
from handlers.timeline import send_timeline


def handle_timeline(ack: Ack, body: dict, action: dict, respond: Respond,
                    context: BoltContext) -> None:
    ack()
    db = db_of(context)
    story = story_of(db, action.get("value"))
    hidden = hidden_story(context, story, clicked_in(body)) if story is not None else None
    if story is None or hidden is not None or not send_timeline(respond, db, story):
        answer(respond, "That story is no longer stored; nothing to show." +
               (hidden.note() if hidden else ""))


def register(app: App) -> None:
    app.action(TIMELINE)(answered(handle_timeline))
