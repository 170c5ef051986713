"""Muting and unmuting a story, said out loud in the channel so everyone can undo it."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.buttons import button, story_value
from bot.alerts.held_back import again_later, wait_before_again
from bot.alerts.mrkdwn import fit, plain
from handlers.home_view import UNMUTE
from storage.alerts import mute_story
from storage.articles import now_iso
from storage.db import transaction
from storage.mutes import story_title, unmute_story
from storage.state import install_id

log = logging.getLogger(__name__)


def mute(db: Database, *, story_id: int, channel: str, user: str | None) -> tuple[str, list]:
    """Mute the story in this channel; the message (text, blocks) that tells the channel."""
    with transaction(db):
        mute_story(db, story_id=story_id, channel=channel, user=user, at=now_iso())
    title = fit(plain(story_title(db, story_id), 150), 300)
    who = f" by <@{user}>" if user else ""
    text = f"Muted *{title}*{who}: no more updates on it in this channel."
    story = story_value(story_id, install_id(db))
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "🔇 " + text}},
              {"type": "actions", "block_id": "wirewatch_unmute", "elements": [
                  button(UNMUTE, "Unmute", value=f"{story}:{channel}",
                         label="Unmute this story: its updates come here again")]}]
    return text, blocks


def unmute(client: WebClient, db: Database, *, story_id: int, channel: str,
           user: str | None) -> bool:
    """Unmute and say so in that channel (best effort: the unmute stands if Slack refuses)."""
    with transaction(db):
        removed = unmute_story(db, story_id=story_id, channel=channel)
    if not removed:
        return False
    title = fit(plain(story_title(db, story_id), 150), 300)
    who = f" by <@{user}>" if user else ""
    def say() -> None:
        client.chat_postMessage(channel=channel, text=f"🔊 Unmuted *{title}*{who}: its updates "
                                "come to this channel again.", unfurl_links=False,
                                unfurl_media=False)

    try:
        say()
    except (SlackApiError, OSError) as exc:
        wait = wait_before_again(exc, idempotent=False)
        if wait is None or not again_later(say, wait, what=f"unmute of story {story_id} "
                                           f"announced in {channel}"):
            log.warning("unmute of story %s not announced in %s: %s", story_id, channel,
                        exc.__class__.__name__)
    return True
