"""Before a channel subscribes: can the bot post there? A public channel is joined; a private
one needs an invite first, and nothing is promised until then."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import error_code
from bot.alerts.pause import resume_channel

log = logging.getLogger(__name__)
INVITE = ("I cannot see this channel: it is private and I am not in it. Type "
          "`/invite @wirewatch` here, then subscribe again.")


def can_post_here(db: Database, client: WebClient, channel: str) -> str | None:
    """None when the bot can post in ``channel`` (joining it if public), else what to tell."""
    try:
        info = client.conversations_info(channel=channel)["channel"]
        if info.get("is_archived"):
            return "This channel is archived; alerts cannot be posted here."
        if not info.get("is_member"):
            if info.get("is_private"):
                return INVITE
            client.conversations_join(channel=channel)
    except SlackApiError as exc:
        code = error_code(exc)
        if code == "channel_not_found":
            return INVITE
        log.warning("could not check channel %s before subscribing: %s", channel, code)
        return f"Slack did not let me check that I can post here ({code})."
    except OSError as exc:
        log.warning("could not reach Slack to check channel %s: %s", channel,
                    exc.__class__.__name__)
        return "I could not reach Slack to check that I can post here; try again shortly."
    resume_channel(db, client, channel)
    return None
