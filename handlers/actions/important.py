"""Mark important: a story's updates also go to the channel ("also send to channel")."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from sqlite_utils import Database

from bot.alerts.blocks import IMPORTANT
from bot.alerts.buttons import button, story_value
from bot.alerts.mrkdwn import fit, plain
from bot.permissions import Action
from bot.slack.after_ack import answered
from handlers.button_story import button_story
from handlers.common import answer, clicked_in, db_of, requires, story_of
from storage.articles import now_iso
from storage.db import transaction
from storage.important import carried_marks, mark_important, marked_by, unmark_important
from storage.mutes import story_title
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
    title = fit(plain(story_title(db, story), 150), 300)
    if not marked:
        by = f", by <@{first}>" if first else ""
        answer(respond, shown.noted(db, f"*{title}* is already marked important in this "
                                        f"channel{by}: nothing changed.")[0])
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
    with transaction(db):
        unmarked = unmark_important(db, story_id=story, channel=channel)
        carried = carried_marks(db, story_id=story, channel=channel) if unmarked else []
        for moved, _ in carried:
            unmark_important(db, story_id=moved, channel=channel)
    title = fit(plain(story_title(db, story), 150), 300)
    if not unmarked:
        answer(respond, f"*{title}* is not marked important in this channel: nothing changed.")
        return
    who = f" (by <@{user}>)" if user else ""
    text = f"*{title}* is no longer marked important{who}: its updates stay in its thread."
    if carried:
        also = ", ".join(f"*{fit(plain(name, 150), 300)}*" for _, name in carried)
        text = (f"*{title}* is no longer marked important{who}, with {also}, moved out of it "
                "since and marked with it: their updates stay in their threads.")
    respond(text=text, response_type="in_channel", replace_original=False, unfurl_links=False,
            unfurl_media=False)


def _target(db: Database, body: dict,
            action: dict) -> tuple[int | None, str | None, str | None]:
    return story_of(db, action.get("value")), clicked_in(body), (body.get("user") or {}).get("id")


def register(app: App) -> None:
    subscribers = [requires(Action.SUBSCRIBE)]
    app.action(IMPORTANT, middleware=subscribers)(answered(handle_important))
    app.action(NOT_IMPORTANT, middleware=subscribers)(answered(handle_not_important))
