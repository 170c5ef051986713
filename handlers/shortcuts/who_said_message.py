"""The "Who said this?" message shortcut: /who-said for the quote in a Slack message."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond

from bot.permissions import AFTER_ACK_WAIT
from bot.slack.after_ack import answered
from handlers.commands.who_said import reply
from handlers.common import answer, user_text

CALLBACK_ID = "wirewatch_who_said_message"
QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{8,})[\"”“»]")
SLACK_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
MESSAGE_CHARS = 40_000
"""The most a Slack message holds: read whole, so the answer says how much was searched."""


def handle_who_said_message(ack: Ack, shortcut: dict, respond: Respond,
                            context: BoltContext) -> None:
    """Answered after the ack, as a button is: waits for the role as long as the client does."""
    ack()
    query = quote_in(str((shortcut.get("message") or {}).get("text") or ""))
    if len(query.split()) < 2:
        answer(respond, "That message has no quote I can look up (it needs at least two words).")
        return
    reply(respond, context, query, here=(shortcut.get("channel") or {}).get("id"), limit=3,
          wait=AFTER_ACK_WAIT, nothing="No stored quote matches that.")


def quote_in(message: str) -> str:
    """The longest quoted passage of a Slack message, or its whole text when nothing is quoted."""
    text = SLACK_MARKUP.sub(lambda m: m.group(2) or "", message)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    quoted = sorted(QUOTED.findall(text), key=len, reverse=True)
    return user_text(quoted[0] if quoted else text, limit=MESSAGE_CHARS)


def register(app: App) -> None:
    app.shortcut(CALLBACK_ID)(answered(handle_who_said_message))
