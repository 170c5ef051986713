"""The Timeline button under every alert."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import TIMELINE
from bot.slack.after_ack import answered
from handlers.button_story import button_story
from handlers.common import answer, clicked_in, db_of, hidden_story
from handlers.timeline import send_timeline


def handle_timeline(ack: Ack, body: dict, action: dict, respond: Respond,
                    context: BoltContext) -> None:
    """The timeline of the story the alert's report is in now (``button_story``)."""
    ack()
    db = db_of(context)
    shown = button_story(db, body, action.get("value"))
    story = shown.story_id if shown is not None else None
    hidden = hidden_story(context, story, clicked_in(body)) if story is not None else None
    if shown is None or hidden is not None or not send_timeline(
            respond, db, shown.story_id, note=shown.note(db)):
        answer(respond, "That story is no longer stored; nothing to show." +
               (hidden.note() if hidden else ""))


def register(app: App) -> None:
    app.action(TIMELINE)(answered(handle_timeline))
