"""What a guest may read: only what the channels they are in follow (those channels' topics,
and the stories of those topics or alerted there). Members and admins read everything."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.held_back import pacer_of
from bot.alerts.pacing import Pacer
from bot.models import StoryIds
from bot.slack.membership import LISTING_FAILED, conversation_pages, said_at, what_failed
from storage.subscriptions import followed_in

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reach:
    """The topics and stories a guest may read (whoever reads everything gets no Reach: None)."""

    topics: frozenset[int]
    stories: StoryIds
    """Made once a command, its JSON array with it: every search of the command shares it."""
    unknown: str | None = None
    """Why: Slack did not say in time who asks (``RoleAnswer``), so they read as a guest."""

    def note(self) -> str:
        """What an answer to a guest adds when it is one only because Slack did not say."""
        return f"\n_{self.unknown}, so only what the channels you are in follow is shown._" \
            if self.unknown else ""

    def topic(self, topic_id: int) -> bool:
        return topic_id in self.topics

    def story(self, story_id: int) -> bool:
        return story_id in self.stories


def guest_reach(db: Database, client: WebClient, user: str | None,
                here: str | None, unknown: str | None = None) -> Reach:
    """What the channels ``user`` is in follow (``here``, where they typed, always counts;
    when Slack does not say which others, only ``here``)."""
    channels = {here} if here else set()
    if user:
        channels |= _channels_of(client, user, pacer_of(db))
    topics, stories = followed_in(db, channels)
    return Reach(topics, StoryIds(stories), unknown)


def _channels_of(client: WebClient, user: str, pacer: Pacer) -> set[str]:
    """The channels ``user`` is in, as wirewatch sees them; those read before Slack failed."""
    found: set[str] = set()
    try:
        for page in conversation_pages(client, user, "public_channel,private_channel",
                                       pacer=pacer):
            found.update(page)
    except LISTING_FAILED as exc:
        log.log(said_at(exc), "could not list the channels of guest %s: %s", user,
                what_failed(exc))
    return found
