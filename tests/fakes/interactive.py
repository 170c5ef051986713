"""Form bodies Slack sends for shortcuts, modal submissions and buttons inside modals."""

from __future__ import annotations

import json
from urllib.parse import urlencode

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
        "response_url": response_url, "trigger_id": "1337.42.shortcut",
        "token": "legacy-verification-token", "action_ts": "1700000101.000001",
    })


def view_submission_body(view: dict, values: dict, *, user: str = "U0REPORTER") -> str:
    """Submitting ``view`` with ``values`` ({block_id: {action_id: state}}) filled in."""
    return _form({
        "type": "view_submission", "team": TEAM, "user": {"id": user, "name": "reporter"},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "trigger_id": "1337.42.submit", "view": _state(view, values),
    })


def view_action_body(view: dict, values: dict, action_id: str, *,
                     user: str = "U0REPORTER", value: str = "") -> str:
    """Clicking the button ``action_id`` inside an open modal ``view``."""
    return _form({
        "type": "block_actions", "team": TEAM, "user": {"id": user, "name": "reporter"},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": view.get("id", "V0MODAL")},
        "trigger_id": "1337.42.button", "view": _state(view, values),
        "actions": [{"action_id": action_id, "block_id": "preview_actions", "value": value,
                     "type": "button", "action_ts": "1700000102.000001"}],
    })


def _state(view: dict, values: dict) -> dict:
    return {"id": view.get("id", "V0MODAL"), "hash": view.get("hash", "h1"), "type": "modal",
            "callback_id": view.get("callback_id"), "private_metadata":
            view.get("private_metadata", ""), "blocks": view.get("blocks", []),
            "state": {"values": values}}
