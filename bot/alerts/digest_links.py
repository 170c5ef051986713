"""Digest entries link to their story's thread (chat.getPermalink), when it has one."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.digest_blocks import DigestItem
from storage.threads import story_thread

log = logging.getLogger(__name__)


def with_thread_links(db: Database, client: WebClient, target: str,
                      items: list[DigestItem]) -> list[DigestItem]:
    """Each item with the permalink of its story's thread (best effort: a link Slack will not
    give is left out, the digest still goes)."""
    linked = []
    for item in items:
        thread = story_thread(db, item.story_id, target)
        url = permalink(client, thread.channel, thread.ts) if thread else None
        linked.append(replace(item, thread_url=url) if url else item)
    return linked


def permalink(client: WebClient, channel: str, ts: str) -> str | None:
    """The message's permalink; None when Slack will not give one (best effort)."""
    try:
        link = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except (SlackApiError, OSError) as exc:
        log.info("no permalink for %s in %s: %s", ts, channel, exc.__class__.__name__)
        return None
    return link if isinstance(link, str) else None
