"""The Timeline button under every alert."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import TIMELINE
from bot.permissions import AFTER_ACK_WAIT
from bot.slack.after_ack import answered
from handlers.button_story import button_story
from handlers.common import answer, clicked_in, db_of, reach_of
from handlers.timeline import send_timeline


def handle_timeline(ack: Ack, body: dict, action: dict, respond: Respond,
                    context: BoltContext) -> None:
    """The timeline of the story the alert's report is in now (``button_story``); of the
    story the alert was about when that was folded into it, as ``/story`` reads a fold."""
    ack()
    db = db_of(context)
    shown = button_story(db, body, action.get("value"))
    reach = reach_of(context, clicked_in(body), wait=AFTER_ACK_WAIT) if shown else None
    gone = "That story is no longer stored; nothing to show."
    if shown is not None and shown.joined_from is None and reach is not None and \
            not reach.story(shown.story_id):
        answer(respond, shown.unseen(db, reach, gone))
    elif shown is None or not send_timeline(
            respond, db, shown.joined_from or shown.story_id,
            note=None if shown.joined_from else shown.note(db),
            shown=None if reach is None else reach.story,
            asking=(clicked_in(body), context.user_id)):
        answer(respond, gone)


def register(app: App) -> None:
    app.action(TIMELINE)(answered(handle_timeline))
