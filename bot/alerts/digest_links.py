"""Digest entries link to their story's thread (chat.getPermalink), when it has one, and to
the thread of the earlier story a new one continues. A link Slack gave is kept (a message's
permalink does not change), so digests of the same threads ask for it once; once Slack holds
one back (429) a message asks for no more and goes with the links it has: it is not held up
for links, nor does it ask again against Slack's word to wait; nor does any other message of
the run within that wait (the run's ``Pacer``, ``pacing.listened``)."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import Retry, error_code, held_for
from bot.alerts.digest_blocks import DigestItem
from bot.alerts.held_back import pacer_of
from bot.alerts.pacing import listened
from bot.models import PostedMessage
from storage.db import transaction
from storage.stories import continued_story
from storage.threads import keep_link, kept_link, story_thread, thread_root

log = logging.getLogger(__name__)


class Links:
    """The permalinks one message asks for (see the module)."""

    def __init__(self, db: Database, client: WebClient) -> None:
        self.db, self.client, self.held = db, client, False

    def of(self, thread: PostedMessage) -> str | None:
        kept = kept_link(self.db, thread)
        if kept is not None or self.held:
            return kept
        link = self._ask(thread)
        if link is not None:
            with transaction(self.db):
                keep_link(self.db, thread, link)
        return link

    def _ask(self, thread: PostedMessage) -> str | None:
        """The message's permalink; None when Slack will not give one (best effort)."""
        try:
            link = listened(pacer_of(self.db), "chat.getPermalink", lambda: self.client.
                            chat_getPermalink(channel=thread.channel,
                                              message_ts=thread.ts)).get("permalink")
        except Retry as held:  # another message's 429 holds the method: ask for no more
            self.held = True
            log.info("no permalink for %s in %s: %s", thread.ts, thread.channel, held)
            return None
        except SlackApiError as exc:
            self.held = held_for(exc) is not None
            log.info("no permalink for %s in %s: %s%s", thread.ts, thread.channel,
                     error_code(exc) or exc.response.status_code,
                     "; Slack held it back, so this message asks for no more" if self.held
                     else "")
            return None
        except OSError as exc:
            log.info("no permalink for %s in %s: %s", thread.ts, thread.channel,
                     exc.__class__.__name__)
            return None
        return link if isinstance(link, str) else None


def with_thread_links(db: Database, client: WebClient, target: str,
                      items: list[DigestItem]) -> list[DigestItem]:
    """Each item with the permalink of its story's thread, a new story that continues an
    earlier one with that story's title and thread, and a story another was folded into with
    that one's thread (best effort: a link Slack will not give is left out, the digest still
    goes)."""
    links, linked = Links(db, client), []
    for item in items:
        url = thread_url(db, client, item.story_id, target, links)
        item = replace(item, thread_url=url) if url else item
        earlier = continued_story(db, item.story_id) if item.is_new else None
        if earlier is not None:
            item = replace(item, continues=(earlier[1], thread_url(db, client, earlier[0],
                                                                   target, links)))
        if item.joined is not None:
            joined, title, _ = item.joined
            item = replace(item, joined=(joined, title, thread_url(db, client, joined, target,
                                                                   links)))
        linked.append(item)
    return linked


def thread_url(db: Database, client: WebClient, story_id: int, target: str,
               links: Links | None = None, *, anywhere: bool = True) -> str | None:
    """The permalink of the story's thread (in ``target``, else, ``anywhere``, in another
    conversation), when it has one."""
    thread = story_thread(db, story_id, target) if anywhere else \
        thread_root(db, story_id, target)
    return (links or Links(db, client)).of(thread) if thread else None
