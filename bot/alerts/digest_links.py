"""Digest entries link to their story's thread (chat.getPermalink), when it has one, and to
the thread of the earlier story a new one continues."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.digest_blocks import DigestItem
from storage.stories import continued_story
from storage.threads import story_thread

log = logging.getLogger(__name__)


def with_thread_links(db: Database, client: WebClient, target: str,
                      items: list[DigestItem]) -> list[DigestItem]:
    """Each item with the permalink of its story's thread, and a new story that continues an
    earlier one with that story's title and thread (best effort: a link Slack will not give is
    left out, the digest still goes)."""
    linked = []
    for item in items:
        url = thread_url(db, client, item.story_id, target)
        item = replace(item, thread_url=url) if url else item
        earlier = continued_story(db, item.story_id) if item.is_new else None
        if earlier is not None:
            item = replace(item, continues=(earlier[1], thread_url(db, client, earlier[0],
                                                                   target)))
        linked.append(item)
    return linked


def thread_url(db: Database, client: WebClient, story_id: int, target: str) -> str | None:
    """The permalink of the story's thread (in ``target``, else anywhere), when it has one."""
    thread = story_thread(db, story_id, target)
    return permalink(client, thread.channel, thread.ts) if thread else None


def permalink(client: WebClient, channel: str, ts: str) -> str | None:
    """The message's permalink; None when Slack will not give one (best effort)."""
    try:
        link = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except (SlackApiError, OSError) as exc:
        log.info("no permalink for %s in %s: %s", ts, channel, exc.__class__.__name__)
        return None
    return link if isinstance(link, str) else None
