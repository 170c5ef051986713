"""Muting and unmuting a story, said out loud in the channel so everyone can undo it."""

from __future__ import annotations

import logging
import uuid

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.buttons import button, story_value
from bot.alerts.said_once import Saying, say_once, window_now
from bot.alerts.slack_clock import SlackClock
from handlers.home_view import UNMUTE
from handlers.story_choice import already, carried_titles, shown_title, undone
from storage.alerts import mute_story
from storage.articles import now_iso
from storage.db import transaction
from storage.mutes import carried_mutes, muted_by, unmute_story
from storage.state import install_id

log = logging.getLogger(__name__)


def mute(db: Database, *, story_id: int, channel: str,
         user: str | None) -> tuple[str, list | None]:
    """Mute the story in this channel; the message (text, blocks) that tells the channel, or,
    blocks None, the line that tells the person alone it was muted there already."""
    with transaction(db):
        muted = mute_story(db, story_id=story_id, channel=channel, user=user, at=now_iso())
        first = None if muted else muted_by(db, story_id=story_id, channel=channel)
    title = shown_title(db, story_id)
    if not muted:
        return already(title, "muted", first), None
    who = f" by <@{user}>" if user else ""
    text = f"Muted *{title}*{who}: no more updates on it in this channel."
    story = story_value(story_id, install_id(db))
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "🔇 " + text}},
              {"type": "actions", "block_id": "wirewatch_unmute", "elements": [
                  button(UNMUTE, "Unmute", value=f"{story}:{channel}",
                         label="Unmute this story: its updates come here again")]}]
    return text, blocks


def unmute(client: WebClient, db: Database, *, story_id: int, channel: str,
           user: str | None, clock: SlackClock) -> bool:
    """Unmute and say so in that channel (best effort: the unmute stands if Slack refuses); the
    stories of reports moved out of it since, whose mute came with this one, are unmuted too."""
    removed, carried = undone(db, story_id=story_id, channel=channel, undo=unmute_story,
                              carried_of=carried_mutes)
    if not removed:
        return False
    title = shown_title(db, story_id)
    who = f" by <@{user}>" if user else ""
    text = f"🔊 Unmuted *{title}*{who}: its updates come to this channel again."
    if carried:
        text = (f"🔊 Unmuted *{title}*{who}, with {carried_titles(carried)}, moved out of it "
                "since and muted with it: their updates come to this channel again.")
    say_once(db, client, Saying(channel, text, f"unmute:{story_id}:{uuid.uuid4().hex}",
                            install_id(db), f"unmute of story {story_id} in {channel}",
                            window_now(clock, client)))
    return True
