"""A subscription typed where wirewatch cannot post (a group direct message, a direct message
between people): what a person can do there instead."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.slack.sharing import DIRECT, GROUP_DM, Place, readers_outside
from handlers.common import echo

ADVICE = ("wirewatch cannot post in a group direct message: Slack lets no app join one. For the "
          "group, create a private channel with the same people, type `/invite @wirewatch` in "
          "it, then `{there}` there; or type `{mine}` here to get it yourself by direct message.")
STOP = ("wirewatch cannot post in a group direct message, so nothing is subscribed here: Slack "
        "lets no app join one. Type `{mine}` here to stop what comes to you by direct message.")
IN_DIRECT = ("In a direct message, `/subscribe TOPIC` is yours alone, as `/subscribe me TOPIC` "
             "is: its alerts come to you by direct message from wirewatch.")
BETWEEN_PEOPLE = ("wirewatch cannot post in a direct message between people, so it sends these "
                  "to you alone, by direct message. For you both, create a private channel with "
                  "the two of you, type `/invite @wirewatch` in it, then `{there}` there.")


def in_group_dm(command: dict) -> bool:
    """Typed in a group direct message (Slack names it `mpdm-…`)."""
    return str(command.get("channel_name") or "").startswith(GROUP_DM)


def group_dm_advice(command: dict, *, there: str, mine: str) -> str | None:
    """What to type instead (``there`` in a channel with the group, ``mine`` for oneself) when
    the command was typed in a group direct message; None elsewhere.
    `/invite` there adds people, never an app, so "invite wirewatch here" cannot be followed."""
    if not in_group_dm(command):
        return None
    return ADVICE.format(there=echo(there, 300), mine=echo(mine, 300))


def usage_note(command: dict, verb: str = "subscribe") -> str | None:
    """What the usage (which says "subscribes this channel") needs added where ``/verb`` is
    typed: in a group direct message what to do instead (for `/unsubscribe`, what stops what
    comes to oneself), in a direct message whose the subscription is."""
    if str(command.get("channel_id") or "").startswith("D"):
        return IN_DIRECT
    if verb == "unsubscribe":
        return group_dm_stop(command, mine="/unsubscribe me TOPIC")
    return group_dm_advice(command, there="/subscribe TOPIC", mine="/subscribe me TOPIC")


def group_dm_stop(command: dict, *, mine: str) -> str | None:
    """An unsubscription typed in a group direct message: nothing there to stop, ``mine`` stops
    one's own; None elsewhere."""
    return STOP.format(mine=echo(mine, 300)) if in_group_dm(command) else None


def between_people(client: WebClient, command: dict, *, there: str) -> str | None:
    """That a subscription made in a direct message between people comes to the typist alone,
    and how to get it to both (``there`` in a channel of theirs); None in the typist's own
    direct message with wirewatch, elsewhere, or when Slack did not say which it is (one
    conversations.open, only in a direct message)."""
    channel = str(command.get("channel_id") or "")
    if not channel.startswith("D"):
        return None
    place = Place(channel, str(command.get("channel_name") or ""), command.get("user_id"))
    if readers_outside(client, place) != DIRECT:
        return None
    return BETWEEN_PEOPLE.format(there=echo(there, 300))
