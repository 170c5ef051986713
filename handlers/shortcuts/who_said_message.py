"""The "Who said this?" message shortcut: /who-said for the quote in a Slack message."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond

from bot.permissions import Action
from bot.who_said import who_said
from handlers.commands.who_said import MAX_QUERY, format_hit
from handlers.common import answer, db_of, echo, join_lines, requires, user_text

CALLBACK_ID = "wirewatch_who_said_message"
QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{8,})[\"”“»]")
SLACK_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def handle_who_said_message(ack: Ack, shortcut: dict, respond: Respond,
                            context: BoltContext) -> None:
    ack()
    query = quote_in(str((shortcut.get("message") or {}).get("text") or ""))
    if len(query.split()) < 2:
        answer(respond, "That message has no quote I can look up (it needs at least two words).")
        return
    result = who_said(db_of(context), query, limit=3)
    if not result.hits:
        said = echo(result.message or "No stored quote matches that.", 400)
        answer(respond, f"{said} (searched for “{echo(query, 100)}”)")
        return
    lines = [f"*Who said* “{echo(query, 100)}”"] + [format_hit(hit) for hit in result.hits]
    answer(respond, join_lines(lines))


def quote_in(message: str) -> str:
    """The longest quoted passage of a Slack message, or its whole text when nothing is quoted."""
    text = SLACK_MARKUP.sub(lambda m: m.group(2) or "", message)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    quoted = sorted(QUOTED.findall(text), key=len, reverse=True)
    return user_text(quoted[0] if quoted else text, limit=MAX_QUERY)


def register(app: App) -> None:
    app.shortcut(CALLBACK_ID, middleware=[requires(Action.WHO_SAID)])(handle_who_said_message)
