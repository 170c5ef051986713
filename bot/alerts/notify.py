"""Who a channel subscription pings: parsed from Slack's escaped mentions, never from free text,
and put at the start of the first alert of a story (and of a digest) as real mentions."""

from __future__ import annotations

import re

from bot.alerts.blocks import MAX_BLOCKS, SECTION_CHARS
from bot.alerts.mrkdwn import fit

MAX_NOTIFY = 10
NONE = "none"
# what Slack sends for a picked person (<@U123|name>) and user group (<!subteam^S123|@handle>)
_USER = re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^<>]*)?>")
_GROUP = re.compile(r"<!subteam\^(S[A-Z0-9]{2,30})(?:\|[^<>]*)?>")
_BROADCAST = re.compile(r"<!(channel|here|everyone)(?:\|[^<>]*)?>|@(channel|here|everyone)\b")
_TOKEN = re.compile(r"<[^<>]*>|[^\s<>]+|[<>]")
_WORD = re.compile(r"<[^<>]*>|\S+")
HOW = ("type @ and pick the person or the user group from Slack's list, e.g. "
       "`/subscribe TOPIC notify @person @europe-desk`")
HOW_PEOPLE = "type @ and pick the person from Slack's list, e.g. `/subscribe TOPIC notify @person`"
"""What one who may not set a user group to notify (a member) is shown: only what they may do."""

DM_NOTIFY = ("A subscription by direct message pings only you; `notify` names who a channel's "
             "subscription pings: type it in the channel. Nothing was subscribed.")


class NotifyError(ValueError):
    """A notify list that names something other than people and user groups picked in Slack."""


def split_notify(text: str) -> tuple[str, str | None]:
    """The text before the last word ``notify`` that follows a topic, and the list after it
    (a mention is one word however its name is spelled; an empty list asks "whom?")."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    for n in range(len(words) - 1, 0, -1):
        start, word = words[n]
        if word.lower() == "notify":
            return text[:start].strip(), text[start + len(word):].strip()
    return text, None


def parse_notify(text: str, *, groups: bool = True) -> tuple[str, ...]:
    """The user and user-group ids of a notify list (``none`` is the empty list); raises
    NotifyError for @channel, @here, @everyone, typed names and lists longer than MAX_NOTIFY,
    saying how to pick a user group only to one who may (``groups``)."""
    how = HOW if groups else HOW_PEOPLE
    tokens = _TOKEN.findall(text)
    if [t.lower() for t in tokens] == [NONE]:
        return ()
    if not tokens:
        raise NotifyError(f"Notify whom? {how[0].upper()}{how[1:]}, or `notify none` to stop.")
    ids = tuple(dict.fromkeys(_id(token, how) for token in tokens))
    if len(ids) > MAX_NOTIFY:
        raise NotifyError(f"A subscription notifies at most {MAX_NOTIFY} people and user groups "
                          f"({len(ids)} named); a user group pings a whole desk at once.")
    return ids


def notify_for(text: str | None, target_type: str, *,
               groups: bool = True) -> tuple[str, ...] | None:
    """The ids a subscription's `notify …` list names (None without one), for a channel only:
    a direct-message subscription pings its own person already. Raises NotifyError."""
    if text is None:
        return None
    if target_type == "user":
        raise NotifyError(DM_NOTIFY)
    return parse_notify(text, groups=groups)


def new_groups(asked: tuple[str, ...] | None, had: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The user groups a notify list adds to those a subscription notified: only an admin may
    add one (a group may be one the workspace lets only admins mention)."""
    return tuple(i for i in asked or () if i.startswith("S") and i not in had)


def _id(token: str, how: str) -> str:
    if _BROADCAST.fullmatch(token):
        whom = "the people or the user group" if how == HOW else "the people"
        raise NotifyError("A subscription never pings a whole channel (@channel, @here, "
                          f"@everyone): name {whom} instead; {how}.")
    found = _USER.fullmatch(token) or _GROUP.fullmatch(token)
    if found:
        return found.group(1)
    known = "a person or a user group" if how == HOW else "a person"
    raise NotifyError(f"“{fit(token, 60)}” is not {known} Slack knows: {how} "
                      "(a typed name pings nobody).")


def mention(slack_id: str) -> str:
    """A person's or a user group's mention, as Slack renders (and notifies) it."""
    if slack_id.startswith("S"):
        return f"<!subteam^{slack_id}>"
    return f"<@{slack_id}>"


def mentions(ids: tuple[str, ...] | list[str]) -> str:
    """The mentions of valid ids only, space-separated: a stored list can never hold more."""
    return " ".join(mention(i) for i in ids if _USER.fullmatch(f"<@{i}>") or
                    _GROUP.fullmatch(f"<!subteam^{i}>"))


def listed(ids: tuple[str, ...]) -> str:
    """Whom a subscription notifies, for a person to read (an answer or App Home: no ping)."""
    return ", ".join(mention(i) for i in ids)


def notifies(ids: tuple[str, ...], asked: tuple[str, ...] | None = None) -> str:
    """"; notifies @a, @b" as the subscriber sees the mentions rendered (an ephemeral answer
    pings nobody); "; notifies nobody" right after ``notify none``."""
    if ids:
        return "; notifies " + listed(ids)
    return "; notifies nobody" if asked == () else ""


def with_mentions(text: str, blocks: list[dict],
                  ids: tuple[str, ...]) -> tuple[str, list[dict]]:
    """The message with the mentions at the start of its text and of its first section (a
    section of its own when the first one has no room, or when there is none)."""
    prefix = mentions(ids)
    if not prefix:
        return text, blocks
    out = [dict(block) for block in blocks]
    first = next((n for n, b in enumerate(out) if b.get("type") == "section" and
                  isinstance(b.get("text"), dict)), None)
    if first is not None:
        body = str(out[first]["text"].get("text") or "")
        if len(prefix) + 1 + len(body) <= SECTION_CHARS:
            out[first] = {**out[first], "text": {"type": "mrkdwn", "text": f"{prefix} {body}"}}
            return f"{prefix} {text}", out
    at = first if first is not None else min(2, len(out))
    out.insert(at, {"type": "section", "text": {"type": "mrkdwn", "text": prefix}})
    return f"{prefix} {text}", out[:MAX_BLOCKS]


def text_with_mentions(text: str, ids: tuple[str, ...]) -> str:
    """A text-only message (no blocks) with the mentions at its start."""
    prefix = mentions(ids)
    return f"{prefix} {text}" if prefix else text
