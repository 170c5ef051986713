"""A subscription typed in a group direct message: what a person can do there instead."""

from __future__ import annotations

from bot.slack.sharing import GROUP_DM
from handlers.common import echo

ADVICE = ("wirewatch cannot post in a group direct message: Slack lets no app join one. For the "
          "group, create a private channel with the same people, type `/invite @wirewatch` in "
          "it, then `{there}` there; or type `{mine}` here to get it yourself by direct message.")


def group_dm_advice(command: dict, *, there: str, mine: str) -> str | None:
    """What to type instead (``there`` in a channel with the group, ``mine`` for oneself) when
    the command was typed in a group direct message (Slack names it `mpdm-…`); None elsewhere.
    `/invite` there adds people, never an app, so "invite wirewatch here" cannot be followed."""
    if not str(command.get("channel_name") or "").startswith(GROUP_DM):
        return None
    return ADVICE.format(there=echo(there, 300), mine=echo(mine, 300))
