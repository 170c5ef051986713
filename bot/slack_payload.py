"""Whether a signed body, or a Socket Mode envelope, is a payload Slack sends, read as Bolt
reads it: the fields Bolt and the listeners read must have the shape Slack gives them (an
object, a list of objects, text), so a body that is none (``payload=[1]``, ``"view": "x"``,
``"actions": [5]``, ``{}``) is refused with a reason before any listener runs, not failed on
inside one."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.request.internals import parse_body

Shape = Any
"""``str``/``bool``: that type; a dict: an object whose named keys have those shapes ("*":
every key); a one-item list: a list of that shape. A key absent or null is always fine."""

OPTION: Shape = {"value": str}
STATE_VALUE: Shape = {"type": str, "value": str, "selected_option": OPTION,
                      "selected_options": [OPTION], "selected_users": [str],
                      "selected_conversation": str, "selected_channel": str}
VIEW: Shape = {"id": str, "hash": str, "type": str, "callback_id": str, "private_metadata": str,
               "team_id": str, "app_installed_team_id": str,
               "state": {"values": {"*": {"*": STATE_VALUE}}},
               "blocks": [{"block_id": str, "element": {"options": [
                   {"value": str, "text": {"text": str}}]}}]}
ACTION: Shape = {"action_id": str, "block_id": str, "type": str, "value": str,
                 "selected_option": OPTION, "selected_options": [OPTION]}
AUTHORIZATION: Shape = {"team_id": str, "enterprise_id": str, "user_id": str}
PAYLOAD: Shape = {
    "type": str, "token": str, "team_id": str, "enterprise_id": str, "user_id": str,
    "channel_id": str, "command": str, "text": str, "response_url": str, "trigger_id": str,
    "challenge": str, "event_id": str, "callback_id": str, "ssl_check": str,
    "team": {"id": str, "enterprise_id": str}, "enterprise": {"id": str},
    "user": {"id": str, "team_id": str}, "channel": {"id": str},
    "container": {"type": str, "channel_id": str, "message_ts": str, "view_id": str},
    "message": {"ts": str, "thread_ts": str, "text": str},
    "view": VIEW, "actions": [ACTION], "event": {"type": str}, "authorizations": [AUTHORIZATION],
}
ENVELOPE: Shape = {"envelope_id": str, "type": str, "accepts_response_payload": bool,
                   "retry_attempt": int, "retry_reason": str}
"""A Socket Mode envelope's own fields (its payload is a PAYLOAD)."""
NEEDS: dict[str, str] = {"block_actions": "actions", "view_submission": "view",
                         "view_closed": "view", "event_callback": "event"}
"""What each kind of payload cannot be read without."""


def unreadable(body: bytes, content_type: str | None) -> str | None:
    """Why ``body`` is no Slack payload (None: it may be one), in a few words for the log."""
    try:
        payload = parse_body(body.decode("utf-8"), content_type)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "not UTF-8 JSON or a form Slack sends"
    return not_a_payload(payload)


def unreadable_envelope(text: str) -> str | None:
    """Why a Socket Mode message is no envelope Slack sends (None: it may be one). Slack's own
    messages to the connection (``hello``, ``disconnect``) carry no envelope and pass."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return "not JSON Slack sends"
    if not isinstance(envelope, dict):
        return "the envelope is not an object"
    if "envelope_id" not in envelope and "payload" not in envelope:
        return None
    wrong = misshapen(envelope, ENVELOPE, "")
    if wrong is not None:
        return f"the envelope's {wrong} is not what Slack sends"
    if not envelope.get("envelope_id") or not envelope.get("type"):
        return "the envelope names no envelope_id or type"
    return not_a_payload(envelope.get("payload"))


def not_a_payload(payload: object) -> str | None:
    """Why ``payload``, as read, is no payload Slack sends (None: it may be one): each names
    its type, but a slash command (its ``command``) and Slack's check of the certificate."""
    if not isinstance(payload, dict):
        return "its payload is not an object"
    wrong = misshapen(payload, PAYLOAD, "")
    if wrong is not None:
        return f"{wrong} is not what Slack sends"
    if not (payload.get("type") or payload.get("command") or payload.get("ssl_check")):
        return "it names no type"
    needed = NEEDS.get(str(payload.get("type")))
    if needed is not None and not payload.get(needed):
        return f"{payload['type']} without its {needed}"
    return None


def misshapen(value: object, shape: Shape, where: str) -> str | None:
    """The first field of ``value`` (by its path) whose shape is not ``shape``."""
    if value is None:
        return None
    if isinstance(shape, type):
        return None if isinstance(value, shape) else where or "the payload"
    if isinstance(shape, list):
        items = enumerate(value) if isinstance(value, list) else None
        return where if items is None else next(
            (w for i, item in items if (w := _item(item, shape[0], f"{where}[{i}]"))), None)
    if not isinstance(value, dict):
        return where or "the payload"
    fields = ((key, inner, shape.get(key, shape.get("*"))) for key, inner in value.items())
    return next((w for key, inner, known in fields if known is not None
                 and (w := misshapen(inner, known, _path(where, key)))), None)


def _item(item: object, shape: Shape, where: str) -> str | None:
    """A list's item: never null (``"actions": [null]`` is no action)."""
    return where if item is None else misshapen(item, shape, where)


def _path(where: str, key: str) -> str:
    return json.dumps(key)[1:-1][:40] if not where else f"{where}.{json.dumps(key)[1:-1][:40]}"
