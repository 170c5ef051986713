"""The three buttons under every alert."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.blocks import MUTE, OPEN, QUOTES
from bot.alerts.came_from import shown_source
from bot.models import StoryQuoteLine
from bot.permissions import Action
from bot.slack.after_ack import answered
from bot.slack.reach import Reach
from bot.who_said import as_speech, echoes
from handlers.actions.mute import mute
from handlers.button_story import ButtonStory, button_story
from handlers.common import (
    answer,
    clicked_in,
    db_of,
    echo,
    hidden_story,
    join_lines,
    requires,
)
from handlers.events.app_home import publish_home
from handlers.timeline import joined_elsewhere
from storage.alerts import story_quotes
from storage.quotes import normalise
from storage.timeline import story_brief

SHOWN = 10
SCANNED = 500
"""The story's quotes read to find ``SHOWN`` distinct ones: its rewrites and edits repeat them."""


def handle_mute(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient,
                context: BoltContext) -> None:
    """Mutes the story the alert's report is in now (``button_story``), saying so."""
    ack()
    db = db_of(context)
    shown = button_story(db, body, action.get("value"))
    channel = clicked_in(body)
    if shown is None or not channel:
        answer(respond, "That button is out of date; nothing was muted.")
        return
    user = (body.get("user") or {}).get("id")
    text, blocks = shown.noted(db, *mute(db, story_id=shown.story_id, channel=channel, user=user))
    if blocks is None:
        answer(respond, text)
        return
    respond(text=text, blocks=blocks, response_type="in_channel", replace_original=False,
            unfurl_links=False, unfurl_media=False)
    publish_home(client, db, user)


def handle_show_quotes(ack: Ack, body: dict, action: dict, respond: Respond,
                       context: BoltContext) -> None:
    """The quotes of the story the alert's report is in now (``button_story``)."""
    ack()
    db = db_of(context)
    shown = button_story(db, body, action.get("value"))
    none = "No quotes found in this story yet."
    hidden = hidden_story(context, shown.story_id, clicked_in(body)) if shown else None
    quoted = _quoted(db, shown, hidden) if shown is not None else None
    if quoted is None:
        answer(respond, shown.unseen(db, hidden, none) if shown and hidden else none)
        return
    story_id, own, note = quoted
    quotes = _distinct(story_quotes(db, story_id, limit=SCANNED, own=own))
    if not quotes:
        answer(respond, none + (f" {note}" if note else ""))
        return
    lines = [f"*Quotes in* _{echo(_title(db, story_id), 150)}_"] + ([note] if note else [])
    for quote in quotes:
        who = quote.speaker or "unattributed"
        if quote.speaker_role:
            who = f"{who}, {quote.speaker_role}"
        named = shown_source(quote.source, quote.url, quote.origin, linked=False)
        source = f" · {echo(named, 80)}" if named else ""
        lines.append(f"• “{echo(quote.text, 500)}” — *{echo(who, 150)}*{source}")
    answer(respond, join_lines(lines))


def _quoted(db: Database, shown: ButtonStory, hidden: Reach | None
            ) -> tuple[int, bool, str | None] | None:
    """The story whose quotes are listed, whether only those of the reports it held when folded
    (a guest whose channels followed it, not the story holding it), and the note said; None
    when the reader may see neither."""
    if hidden is None:
        return shown.story_id, False, shown.note(db)
    if shown.joined_from is None or not hidden.story(shown.joined_from):
        return None
    return shown.joined_from, True, (f"{joined_elsewhere(shown.joined_from)}: only the quotes "
                                     "of the reports it held then are listed.")


def handle_open_article(ack: Ack) -> None:
    """The button is a link Slack opens itself; the click only needs acknowledging."""
    ack()


def _distinct(quotes: list[StoryQuoteLine]) -> list[StoryQuoteLine]:
    """Each quote once (the first in the list's order): a story's rewrites and edits repeat
    its quotes word for word; a phrase quoted as no one's (``as_speech``) is no quote, and a
    fragment a longer quote of its speaker holds is listed by that one (``echoes``)."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    echoed = echoes([(quote.kind, normalise(quote.text), quote.speaker) for quote in quotes])
    for i, quote in enumerate(quotes):
        key = tuple(re.findall(r"\w+", quote.text.casefold()))
        if key not in seen and as_speech(quote.kind, quote.speaker) and i not in echoed:
            seen.add(key)
            kept.append(quote)
    return kept[:SHOWN]


def _title(db: Database, story_id: int) -> str:
    return story_brief(db, story_id).title or f"story {story_id}"


def register(app: App) -> None:
    app.action(MUTE, middleware=[requires(Action.MUTE)])(answered(handle_mute))
    app.action(QUOTES)(answered(handle_show_quotes))
    app.action(OPEN)(answered(handle_open_article))
