"""Finding a message we may already have posted, by the metadata we put on it."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.models import LookWindow
from bot.models.times import utc_time

PAGE = 200
"""Messages asked for a page: Slack's advice for conversations.history (it serves apps outside
its Marketplace 15 a page whatever is asked)."""
EARLIER_BOT = ("its post went to the person's direct messages with the bot user the app had "
               "before it was installed again, which this one cannot read to check")
"""Why a post to a person cannot be looked for: a bot reads only its own conversations."""
Seen = Callable[[list[dict]], Collection[str]]
"""Shown each page a lookup reads; gives the ts of the posts there that another wirewatch run
made with this app (bot.alerts.instances), which are never taken for this one's."""


@dataclass
class Progress:
    """Where a lookup stopped (its next page's cursor) in the conversation ``where``, so the
    next try reads on from there: Slack paces history reads (one page a minute for apps
    outside its Marketplace), and a lookup begun again at its first page after each 429 would
    never reach its last. Kept with the alert or digest (``saved``), so a restart reads on.
    ``began``: when it read its newest page (a post Slack makes after that is not in what it
    reads on from)."""

    cursor: str | None = None
    where: str = ""
    began: datetime | None = None

    def saved(self) -> str | None:
        """As kept in the database; None once the lookup read to its end (or never began)."""
        if not self.cursor:
            return None
        began = self.began.isoformat() if self.began else None
        return json.dumps({"in": self.where, "cursor": self.cursor, "began": began})

    @classmethod
    def kept(cls, saved: str | None, where: str, now: datetime) -> Progress:
        """The progress ``saved`` in ``where``; from the first page, begun ``now``, when none
        was kept, or it was kept for another conversation (a cursor means nothing in another)
        or is unreadable."""
        try:
            data = json.loads(saved) if saved else {}
        except ValueError:
            data = {}
        cursor = data.get("cursor") if isinstance(data, dict) and data.get("in") == where else None
        if not (isinstance(cursor, str) and cursor):
            return cls(None, where, now)
        return cls(cursor, where, _moment(data.get("began")) or now)


def _moment(value: object) -> datetime | None:
    try:
        return utc_time(value) if isinstance(value, str) else None
    except (ValueError, OverflowError):
        return None


def conversation(channel: str, thread_ts: str | None) -> str:
    """A conversation's (or thread's) name in a kept ``Progress``."""
    return f"{channel}/{thread_ts or ''}"


def find_posted(client: WebClient, *, channel: str, thread_ts: str | None, event_type: str,
                key: str, value: object, window: LookWindow, install: str,
                seen: Seen | None = None, progress: Progress | None = None) -> str | None:
    """The ts of the message in ``channel`` (or its thread) whose metadata has ``key == value``
    and, when it names one, this database's ``install`` id (ids start again in a new database).

    A bot may post in a public channel it has not joined (chat:write.public) but may not read
    it, so on ``not_in_channel`` it joins the channel and looks again. Any other failure is
    raised: the caller must treat the question as unanswered, never as "not posted". Each page
    read is shown to ``seen``: a post another run made with this database's id (a copy's) may
    carry the same alert id for another story, and is never taken for this one's. Every page
    of ``window`` is read, however many: only that span can hold the post of the try; a
    failed read leaves ``progress`` at its page, for the next try to read on from.
    """
    wanted, progress = (key, value, install), progress or Progress()
    try:
        return _search(client, channel, thread_ts, event_type, wanted, window, seen, progress)
    except SlackApiError as exc:
        if _error(exc) != "not_in_channel":
            raise
    client.conversations_join(channel=channel)
    return _search(client, channel, thread_ts, event_type, wanted, window, seen, progress)


def _search(client: WebClient, channel: str, thread_ts: str | None, event_type: str,
            wanted: tuple[str, object, str], window: LookWindow, seen: Seen | None,
            progress: Progress) -> str | None:
    read = _page(client, channel, thread_ts, window)
    while True:
        page = read(progress.cursor)
        messages = page.get("messages") or []
        others = seen(messages) if seen is not None else ()
        for message in messages:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == event_type and str(message.get("ts")) not in others and \
                    _matches(meta.get("event_payload") or {}, *wanted):
                return str(message["ts"])
        progress.cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not progress.cursor or not messages:
            return None


def _matches(payload: dict, key: str, value: object, install: str) -> bool:
    """Posted before install ids were stamped (none in it), or by this database."""
    return payload.get(key) == value and payload.get("install") in (None, install)


def _page(client: WebClient, channel: str, thread_ts: str | None,
          window: LookWindow) -> Callable[[str | None], SlackResponse]:
    span: dict[str, Any] = {"oldest": f"{window.oldest:.6f}"}
    if window.latest is not None:
        span["latest"] = f"{window.latest:.6f}"

    def fetch(cursor: str | None) -> SlackResponse:
        args: dict[str, Any] = {"channel": channel, "limit": PAGE,
                                "include_all_metadata": True, "inclusive": True, **span}
        if cursor:
            args["cursor"] = cursor
        if thread_ts:
            return client.conversations_replies(ts=thread_ts, **args)
        return client.conversations_history(**args)

    return fetch


def _error(exc: SlackApiError) -> str:
    data = exc.response.data if isinstance(exc.response.data, dict) else {}
    return str(data.get("error") or "")
