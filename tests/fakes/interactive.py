"""Form bodies Slack sends for shortcuts, modal submissions and buttons inside modals."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from tests.fakes.signing import trigger_id

TEAM = {"id": "T00000001", "domain": "newsroom"}


def _form(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})


def message_shortcut_body(callback_id: str, text: str, *, response_url: str,
                          channel: str = "C0NEWS", user: str = "U0REPORTER") -> str:
    """A message shortcut (``message_action``) chosen on a message reading ``text``."""
    return _form({
        "type": "message_action", "callback_id": callback_id, "team": TEAM,
        "user": {"id": user, "name": "reporter"}, "channel": {"id": channel, "name": "newsdesk"},
        "message": {"type": "message", "user": "U0COLLEAGUE", "ts": "1700000100.000200",
                    "text": text},
        "response_url": response_url, "trigger_id": trigger_id(),
        "token": "legacy-verification-token", "action_ts": "1700000101.000001",
    })


def view_submission_body(view: dict, values: dict, *, user: str = "U0REPORTER") -> str:
    """Submitting ``view`` with ``values`` ({block_id: {action_id: state}}) filled in."""
    return _form({
        "type": "view_submission", "team": TEAM, "user": {"id": user, "name": "reporter"},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "trigger_id": trigger_id(), "view": _state(view, values),
    })


def view_action_body(view: dict, values: dict, action_id: str, *,
                     user: str = "U0REPORTER", value: str = "") -> str:
    """Clicking the button ``action_id`` inside an open modal ``view``."""
    return _form({
        "type": "block_actions", "team": TEAM, "user": {"id": user, "name": "reporter"},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": view.get("id", "V0MODAL")},
        "trigger_id": trigger_id(), "view": _state(view, values),
        "actions": [{"action_id": action_id, "block_id": "preview_actions", "value": value,
                     "type": "button", "action_ts": "1700000102.000001"}],
    })


def _state(view: dict, values: dict) -> dict:
    return {"id": view.get("id", "V0MODAL"), "hash": view.get("hash", "h1"), "type": "modal",
            "callback_id": view.get("callback_id"), "private_metadata":
            view.get("private_metadata", ""), "blocks": view.get("blocks", []),
            "state": {"values": {**untouched(view), **values}}}


INITIAL: dict[str, tuple[str, str, list | None]] = {
    "plain_text_input": ("initial_value", "value", None),
    "conversations_select": ("initial_conversation", "selected_conversation", None),
    "users_select": ("initial_user", "selected_user", None),
    "static_select": ("initial_option", "selected_option", None),
    "multi_users_select": ("initial_users", "selected_users", []),
    "multi_static_select": ("initial_options", "selected_options", []),
}


def untouched(view: dict) -> dict:
    """What Slack sends for each input the person left alone: its initial value (a pre-filled
    field comes back filled), or null (an empty list for a multi-select) when it had none.
    Slack sends the state of every input; a test's ``values`` are what the person changed, and
    a field they cleared is sent as null (Slack's changelog, 2020-09, full state on view
    submission: "null as the value when users have deselected or deleted their entry")."""
    state: dict = {}
    for block in view.get("blocks") or []:
        element = block.get("element") or {}
        kind = INITIAL.get(str(element.get("type")))
        if block.get("type") != "input" or kind is None:
            continue
        initial, key, empty = kind
        state[block.get("block_id")] = {element.get("action_id"): {
            "type": element["type"], key: element.get(initial, empty)}}
    return state
