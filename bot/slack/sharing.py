"""What `share` may post into a channel: quotes of the stories that channel follows. A guest's
other channels (a private desk) are not the channel's, and neither is everything a member
reads, when the channel is shared with another organisation."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import error_code
from storage.quotes import articles_of_stories
from storage.subscriptions import followed_in

log = logging.getLogger(__name__)
UNSEEN = "channel_not_found"
"""What Slack answers for a conversation wirewatch is not in (a direct message, a private
channel it was never invited to): it says nothing of who else is there."""


@dataclass(frozen=True)
class Held:
    """A share answered only to the person: ``outside``, the articles the channel does not
    follow; ``why``, the line that says so."""

    outside: frozenset[int]
    why: str


def held_share(db: Database, client: WebClient, channel: str | None, articles: Iterable[int],
               *, guest: bool) -> Held | None:
    """None when the answer may be posted in ``channel``: every article is of a story the
    channel follows, or a member asks and the channel is not shared with another
    organisation (one ``conversations.info`` call, only when some article is outside)."""
    articles = set(articles)
    followed = articles_of_stories(db, articles, followed_in(db, [channel] if channel else [])[1])
    outside = frozenset(articles - followed)
    if not outside:
        return None
    some = "one of these quotes is" if len(outside) == 1 else f"{len(outside)} of these quotes are"
    if guest:
        return Held(outside, f"_Not posted to the channel: {some} of a story this channel does "
                             "not follow (another channel of yours does). Here you can share "
                             "only quotes of the stories it follows._")
    shared = shared_outside(client, channel) if channel else False
    if shared is False:
        return None
    if shared is None:
        return Held(outside, f"_Not posted to the channel: {some} of a story it does not follow, "
                             "and Slack did not say in time whether it is shared with another "
                             "organisation; try again in a moment._")
    return Held(outside, f"_Not posted to the channel: it is shared with another organisation, "
                         f"and {some} of a story it does not follow. Share those where their "
                         "story is followed, or paste what should go out._")


def shared_outside(client: WebClient, channel: str) -> bool | None:
    """Whether ``channel`` is shared with another organisation, or an invitation to share it
    is pending (Slack Connect); False for a conversation wirewatch cannot see; None when Slack
    did not say."""
    try:
        info = client.conversations_info(channel=channel)["channel"]
    except SlackApiError as exc:
        if error_code(exc) == UNSEEN:
            return False
        log.warning("could not check whether %s is shared: %s", channel, error_code(exc))
        return None
    except OSError as exc:
        log.warning("could not reach Slack to check whether %s is shared: %s", channel,
                    exc.__class__.__name__)
        return None
    return bool(info.get("is_ext_shared") or info.get("is_pending_ext_shared"))
