"""/story ID or /story TITLE FRAGMENT: the story as it grew."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond

from bot.slack.after_ack import answered
from handlers.common import (
    answer,
    asks_help,
    db_of,
    echo,
    reach_of,
    row_id,
    unquote,
    user_text,
)
from handlers.timeline import send_timeline
from storage.timeline import find_stories

USAGE = ("Usage: `/story ID` or `/story WORDS FROM ITS TITLE` shows a story as it grew: what "
         "we know now at the top (the latest updates' facts, then the first report's summary), "
         "then each article in the order they reached us, with its source, time and what it added. "
         "Example: `/story harbour strike`")
TITLE_CHARS = 200
"""The most of a title /story searches by: words past it are refused, never dropped unsaid."""


def handle_story(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    typed = str(command.get("text") or "")
    text = unquote(user_text(typed, limit=len(typed)))
    db = db_of(context)
    if not text or asks_help(text):
        answer(respond, USAGE)
        return
    if len(text) > TITLE_CHARS:
        answer(respond, f"That is {len(text):,} characters; `/story` searches by at most "
                        f"{TITLE_CHARS} of a title. Nothing was searched: give a few words of "
                        "its title, or its number.")
        return
    reach = reach_of(context, command.get("channel_id"))
    shown = None if reach is None else reach.story
    asking = (command.get("channel_id"), context.user_id)
    number = text.removeprefix("#")
    if number.isdigit():
        story = row_id(number)
        if story is None or not send_timeline(respond, db, story, shown=shown, asking=asking):
            answer(respond, f"No story {echo(number, 20)}. {USAGE}")
        return
    found = find_stories(db, text, among=None if reach is None else reach.stories)
    if not found:
        within = ", among the stories the channels you are in follow" \
            if reach and not reach.unknown else ""
        answer(respond, f"No story title contains “{echo(text, 100)}”, nor does the title of "
                        f"any article of one{within}. {USAGE}{reach.note() if reach else ''}")
        return
    others = [f"`/story {s.id}` {echo(s.title or '', 80)}" for s in found[1:]]
    note = "Also matching: " + " · ".join(others) if others else None
    send_timeline(respond, db, found[0].id, note=note, shown=shown, asking=asking)


def register(app: App) -> None:
    app.command("/story")(answered(handle_story))
