"""Mark important: a story's updates also go to the channel ("also send to channel")."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.alerts.blocks import IMPORTANT
from bot.alerts.buttons import button
from bot.alerts.mrkdwn import fit, plain
from bot.permissions import Action
from handlers.common import answer, db_of, requires, row_id
from storage.articles import now_iso
from storage.db import transaction
from storage.important import mark_important, unmark_important
from storage.mutes import story_title

NOT_IMPORTANT = "wirewatch_not_important"


def handle_important(ack: Ack, body: dict, action: dict, respond: Respond,
                     context: BoltContext) -> None:
    ack()
    story, channel, user = _target(body, action)
    if story is None or not channel:
        answer(respond, "That button is out of date; nothing was changed.")
        return
    db = db_of(context)
    with transaction(db):
        mark_important(db, story_id=story, channel=channel, user=user, at=now_iso())
    title = fit(plain(story_title(db, story), 150), 300)
    text = (f"Marked *{title}* important{f' (by <@{user}>)' if user else ''}: its updates will "
            "also be sent to this channel, not only to its thread.")
    respond(text=text, response_type="in_channel", replace_original=False, unfurl_links=False,
            unfurl_media=False, blocks=[
        {"type": "section", "text": {"type": "mrkdwn", "text": "⭐ " + text}},
        {"type": "actions", "block_id": "wirewatch_important", "elements": [button(
            NOT_IMPORTANT, "Not important", value=str(story),
            label="Keep this story's updates in its thread only")]}])


def handle_not_important(ack: Ack, body: dict, action: dict, respond: Respond,
                         context: BoltContext) -> None:
    ack()
    story, channel, user = _target(body, action)
    db = db_of(context)
    if story is None or not channel:
        answer(respond, "That button is out of date; nothing was changed.")
        return
    with transaction(db):
        unmark_important(db, story_id=story, channel=channel)
    title = fit(plain(story_title(db, story), 150), 300)
    respond(text=f"*{title}* is no longer marked important{f' (by <@{user}>)' if user else ''}: "
                 "its updates stay in its thread.", response_type="in_channel",
            replace_original=False, unfurl_links=False, unfurl_media=False)


def _target(body: dict, action: dict) -> tuple[int | None, str | None, str | None]:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id")
    return row_id(action.get("value")), channel, (body.get("user") or {}).get("id")


def register(app: App) -> None:
    app.action(IMPORTANT, middleware=[requires(Action.SUBSCRIBE)])(handle_important)
    app.action(NOT_IMPORTANT, middleware=[requires(Action.SUBSCRIBE)])(handle_not_important)
