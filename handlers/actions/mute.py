"""Muting and unmuting a story, said out loud in the channel so everyone can undo it."""

from __future__ import annotations

import logging
import uuid

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.buttons import button, story_value
from bot.alerts.mrkdwn import fit, plain
from bot.alerts.said_once import Saying, say_once, window_now
from bot.alerts.slack_clock import SlackClock
from handlers.home_view import UNMUTE
from storage.alerts import mute_story
from storage.articles import now_iso
from storage.db import transaction
from storage.mutes import carried_mutes, muted_by, story_title, unmute_story
from storage.state import install_id

log = logging.getLogger(__name__)


def mute(db: Database, *, story_id: int, channel: str,
         user: str | None) -> tuple[str, list | None]:
    """Mute the story in this channel; the message (text, blocks) that tells the channel, or,
    blocks None, the line that tells the person alone it was muted there already."""
    with transaction(db):
        muted = mute_story(db, story_id=story_id, channel=channel, user=user, at=now_iso())
        first = None if muted else muted_by(db, story_id=story_id, channel=channel)
    title = fit(plain(story_title(db, story_id), 150), 300)
    if not muted:
        by = f", by <@{first}>" if first else ""
        return f"*{title}* is already muted in this channel{by}: nothing changed.", None
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
    with transaction(db):
        removed = unmute_story(db, story_id=story_id, channel=channel)
        carried = carried_mutes(db, story_id=story_id, channel=channel) if removed else []
        for moved, _ in carried:
            unmute_story(db, story_id=moved, channel=channel)
    if not removed:
        return False
    title = fit(plain(story_title(db, story_id), 150), 300)
    who = f" by <@{user}>" if user else ""
    text = f"🔊 Unmuted *{title}*{who}: its updates come to this channel again."
    if carried:
        also = ", ".join(f"*{fit(plain(name, 150), 300)}*" for _, name in carried)
        text = (f"🔊 Unmuted *{title}*{who}, with {also}, moved out of it since and muted with "
                "it: their updates come to this channel again.")
    say_once(db, client, Saying(channel, text, f"unmute:{story_id}:{uuid.uuid4().hex}",
                            install_id(db), f"unmute of story {story_id} in {channel}",
                            window_now(clock, client)))
    return True
