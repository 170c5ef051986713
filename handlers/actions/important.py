"""Mark important: a story's updates also go to the channel ("also send to channel")."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from sqlite_utils import Database

from bot.alerts.blocks import IMPORTANT
from bot.alerts.buttons import button, story_value
from bot.permissions import Action
from bot.slack.after_ack import answered
from handlers.button_story import button_story
from handlers.common import answer, clicked_in, db_of, requires, story_of
from handlers.story_choice import already, carried_titles, shown_title, undone
from storage.articles import now_iso
from storage.db import transaction
from storage.important import carried_marks, mark_important, marked_by, unmark_important
from storage.state import install_id

NOT_IMPORTANT = "wirewatch_not_important"


def handle_important(ack: Ack, body: dict, action: dict, respond: Respond,
                     context: BoltContext) -> None:
    """Marks the story the alert's report is in now (``button_story``), saying so."""
    ack()
    db = db_of(context)
    shown = button_story(db, body, action.get("value"))
    channel, user = clicked_in(body), (body.get("user") or {}).get("id")
    if shown is None or not channel:
        answer(respond, "That button is out of date; nothing was changed.")
        return
    story = shown.story_id
    with transaction(db):
        marked = mark_important(db, story_id=story, channel=channel, user=user, at=now_iso())
        first = None if marked else marked_by(db, story_id=story, channel=channel)
    title = shown_title(db, story)
    if not marked:
        answer(respond, shown.noted(db, already(title, "marked important", first))[0])
        return
    text = (f"Marked *{title}* important{f' (by <@{user}>)' if user else ''}: its updates will "
            "also be sent to this channel, not only to its thread.")
    text, blocks = shown.noted(db, text, [
        {"type": "section", "text": {"type": "mrkdwn", "text": "⭐ " + text}},
        {"type": "actions", "block_id": "wirewatch_important", "elements": [button(
            NOT_IMPORTANT, "Not important", value=story_value(story, install_id(db)),
            label="Keep this story's updates in its thread only")]}])
    respond(text=text, response_type="in_channel", replace_original=False, unfurl_links=False,
            unfurl_media=False, blocks=blocks)


def handle_not_important(ack: Ack, body: dict, action: dict, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    db = db_of(context)
    story, channel, user = _target(db, body, action)
    if story is None or not channel:
        answer(respond, "That button is out of date; nothing was changed.")
        return
    unmarked, carried = undone(db, story_id=story, channel=channel, undo=unmark_important,
                               carried_of=carried_marks)
    title = shown_title(db, story)
    if not unmarked:
        answer(respond, f"*{title}* is not marked important in this channel: nothing changed.")
        return
    who = f" (by <@{user}>)" if user else ""
    text = f"*{title}* is no longer marked important{who}: its updates stay in its thread."
    if carried:
        text = (f"*{title}* is no longer marked important{who}, with {carried_titles(carried)}, "
                "moved out of it since and marked with it: their updates stay in their threads.")
    respond(text=text, response_type="in_channel", replace_original=False, unfurl_links=False,
            unfurl_media=False)


def _target(db: Database, body: dict,
            action: dict) -> tuple[int | None, str | None, str | None]:
    return story_of(db, action.get("value")), clicked_in(body), (body.get("user") or {}).get("id")


def register(app: App) -> None:
    subscribers = [requires(Action.SUBSCRIBE)]
    app.action(IMPORTANT, middleware=subscribers)(answered(handle_important))
    app.action(NOT_IMPORTANT, middleware=subscribers)(answered(handle_not_important))
