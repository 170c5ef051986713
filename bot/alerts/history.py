"""Finding a message we may already have posted, by the metadata we put on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk import WebClient

PAGE = 200
MAX_PAGES = 5


def find_posted(client: WebClient, *, channel: str, thread_ts: str | None, event_type: str,
                key: str, value: object, since: datetime) -> str | None:
    """The ts of the message in ``channel`` (or its thread) whose metadata has ``key == value``."""
    oldest = f"{since.timestamp() - 60:.6f}"
    cursor = None
    for _ in range(MAX_PAGES):
        args: dict[str, Any] = {"channel": channel, "limit": PAGE, "include_all_metadata": True,
                                "oldest": oldest}
        if cursor:
            args["cursor"] = cursor
        if thread_ts:
            page = client.conversations_replies(ts=thread_ts, **args)
        else:
            page = client.conversations_history(**args)
        for message in page.get("messages") or []:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == event_type and \
                    (meta.get("event_payload") or {}).get(key) == value:
                return message["ts"]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None
