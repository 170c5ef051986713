"""The workspace's user groups, offered by the Add a topic form's notify field.

Block Kit has no user-group select, so the form lists them (usergroups.list, scope
usergroups:read) in a static one. The modal must open within the 3 s of its trigger, so the
list waits for Slack briefly; without it the form offers people only."""

from __future__ import annotations

import logging
from concurrent.futures import TimeoutError as FutureTimeout

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.alerts.calls import error_code
from bot.daemon_pool import DaemonPool

log = logging.getLogger(__name__)
WAIT = 0.8
MAX_GROUPS = 100
_POOL = DaemonPool(2, "wirewatch-usergroups")


def user_groups(client: WebClient, *, wait: float = WAIT) -> list[tuple[str, str]]:
    """(id, @handle) of the workspace's user groups, at most ``MAX_GROUPS``; none when Slack
    refuses or is slower than ``wait`` seconds."""
    future = _POOL.submit(lambda: _fetch(client))
    try:
        return future.result(timeout=wait)
    except FutureTimeout:
        log.info("usergroups.list took over %.1f s; the topic form offers people only", wait)
    except SlackApiError as exc:
        log.info("usergroups.list refused (%s); the topic form offers people only",
                 error_code(exc))
    except OSError as exc:
        log.info("usergroups.list unreachable (%s); the topic form offers people only",
                 exc.__class__.__name__)
    return []


def _fetch(client: WebClient) -> list[tuple[str, str]]:
    groups = client.usergroups_list(include_disabled=False)["usergroups"] or []
    found = [(str(g["id"]), "@" + str(g.get("handle") or g.get("name") or g["id"]))
             for g in groups if g.get("id") and not g.get("date_delete")]
    return sorted(found, key=lambda group: group[1].casefold())[:MAX_GROUPS]
