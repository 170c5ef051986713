"""What `share` may post into a conversation: quotes of the stories it follows. A guest's other
channels (a private desk) are not the channel's, and neither is everything a member reads,
where someone of another organisation may read it: a channel shared through Slack Connect, or a
conversation wirewatch cannot see (a direct message between people, a group direct message, a
private channel it is not in), of which Slack tells an app nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

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
GROUP_DM = "mpdm-"
"""How a slash command's ``channel_name`` starts in a group direct message."""
SHARED, UNSAID, NOT_IN, DIRECT, GROUP = "shared", "unsaid", "not in", "direct", "group"
WHY = {
    SHARED: "it is shared with another organisation, and {some} of a story it does not follow. "
            "Share those where their story is followed, or paste what should go out.",
    UNSAID: "{some} of a story it does not follow, and Slack did not say in time whether it is "
            "shared with another organisation; try again in a moment.",
    NOT_IN: "wirewatch is not in this conversation, so it cannot tell whether someone of another "
            "organisation reads it, and {some} of a story it does not follow. Invite it "
            "(`/invite @wirewatch`), then share again.",
    DIRECT: "wirewatch cannot see a direct message between people, so it cannot tell whether "
            "the other person is of another organisation, and {some} of a story it does not "
            "follow. Share in a channel wirewatch is in (`/invite @wirewatch` to a private "
            "one), or paste what should go out.",
    GROUP: "wirewatch cannot see who is in a group direct message, so it cannot tell whether "
           "someone of another organisation reads it, and {some} of a story it does not follow. "
           "Share in a channel wirewatch is in (`/invite @wirewatch` to a private one), or "
           "paste what should go out.",
}


@dataclass(frozen=True)
class Held:
    """A share answered only to the person: ``outside``, the articles the channel does not
    follow; ``why``, the line that says so."""

    outside: frozenset[int]
    why: str


@dataclass(frozen=True)
class Place:
    """Where a share goes, as the slash command names it: the conversation, its
    ``channel_name`` (``directmessage``, ``mpdm-…``, a channel's name) and who asks."""

    channel: str | None
    name: str = ""
    user: str | None = None


def held_share(db: Database, client: WebClient, place: Place, articles: Iterable[int],
               *, guest: bool) -> Held | None:
    """None when the answer may be posted: every article is of a story the conversation
    follows, or a member asks where nobody of another organisation can read it (one Slack
    call, only when some article is outside: none in a group direct message)."""
    articles = set(articles)
    channels = [place.channel] if place.channel else []
    outside = frozenset(articles - articles_of_stories(db, articles, followed_in(db, channels)[1]))
    if not outside:
        return None
    some = "one of these quotes is" if len(outside) == 1 else f"{len(outside)} of these quotes are"
    if guest:
        return Held(outside, f"_Not posted to the channel: {some} of a story this channel does "
                             "not follow (another channel of yours does). Here you can share "
                             "only quotes of the stories it follows._")
    reason = readers_outside(client, place)
    if reason is None:
        return None
    return Held(outside, "_Not posted to the channel: " + WHY[reason].format(some=some) + "_")


def readers_outside(client: WebClient, place: Place) -> str | None:
    """Why someone of another organisation may read ``place`` (a key of ``WHY``), or None when
    nobody can: an ordinary channel, or the asker's own direct message with wirewatch."""
    channel = place.channel
    if not channel:
        return None
    if place.name.startswith(GROUP_DM):
        return GROUP
    if channel.startswith("D"):
        return _direct(client, channel, place.user)
    info = _asked(lambda: client.conversations_info(channel=channel)["channel"],
                  f"whether {channel} is shared")
    if info is None:
        return UNSAID
    if not isinstance(info, dict):  # UNSEEN
        return NOT_IN
    return SHARED if info.get("is_ext_shared") or info.get("is_pending_ext_shared") else None


def _direct(client: WebClient, channel: str, user: str | None) -> str | None:
    """None in the asker's direct message with wirewatch (only they read it); a direct message
    between people is one wirewatch cannot see. Slack's conversations.info needs ``im:read``
    even for wirewatch's own, so ``conversations.open`` (``im:write``) says which is its own."""
    if not user:
        return DIRECT
    opened = _asked(lambda: client.conversations_open(users=user)["channel"],
                    f"whether {channel} is the direct message with {user}")
    if opened is None:
        return UNSAID
    return None if isinstance(opened, dict) and opened.get("id") == channel else DIRECT


def _asked(ask: Callable[[], dict[str, Any]], what: str) -> dict[str, Any] | str | None:
    """The conversation ``ask`` got from Slack; ``UNSEEN`` for one wirewatch cannot see; None
    when Slack did not say (logged)."""
    try:
        return ask()
    except SlackApiError as exc:
        if error_code(exc) == UNSEEN:
            return UNSEEN
        log.warning("could not check %s for a share: %s", what, error_code(exc))
    except OSError as exc:
        log.warning("could not reach Slack to check %s for a share: %s", what,
                    exc.__class__.__name__)
    return None
