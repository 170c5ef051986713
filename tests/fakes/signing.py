"""Requests signed exactly as Slack signs them (v0 HMAC-SHA256 over ``v0:{timestamp}:{body}``)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from tests.stopping import LAST_RESORT_S

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
REPORTER = "U0REPORTER"


def trigger_id() -> str:
    """A new trigger_id, as Slack gives each command and click its own (a replay keeps it)."""
    return f"{int(time.time())}.42.{uuid.uuid4().hex[:16]}"


def event_id() -> str:
    """A new Events API event_id, as Slack gives each event its own (its retries keep it)."""
    return "Ev" + uuid.uuid4().hex[:10].upper()


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str, *, timestamp: int | None = None,
                   content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
    }


def command_body(command: str, text: str, *, response_url: str, channel: str = "C0NEWS",
                 user: str = "U0REPORTER", team: str = "T00000001",
                 channel_name: str = "newsdesk", enterprise: str | None = None) -> str:
    """The form body Slack sends for a slash command (``channel_name``: ``directmessage`` in a
    direct message, ``mpdm-…`` in a group one, ``privategroup`` in a private channel the app is
    not in); ``enterprise``: the Enterprise organisation of ``team``."""
    grid = {"enterprise_id": enterprise} if enterprise else {}
    return urlencode({**grid,
        "token": "legacy-verification-token", "team_id": team, "team_domain": "newsroom",
        "channel_id": channel, "channel_name": channel_name, "user_id": user, "user_name": "reporter",
        "command": command, "text": text, "api_app_id": "A0WIREWATCH",
        "response_url": response_url, "trigger_id": trigger_id(),
    })


def action_body(action_id: str, value: str, *, response_url: str, channel: str = "C0NEWS",
                user: str = "U0REPORTER", message_ts: str = "1700000001.000001") -> str:
    """The form body Slack sends when a button in a message is clicked."""
    payload = {
        "type": "block_actions", "team": {"id": "T00000001"}, "user": {"id": user},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "trigger_id": trigger_id(), "channel": {"id": channel, "name": "newsdesk"},
        "message": {"ts": message_ts, "text": "alert"}, "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "actions", "value": value,
                     "type": "button", "action_ts": "1700000002.000001"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict, *, team: str = "T00000001") -> str:
    """The JSON body of an Events API callback."""
    return json.dumps({
        "token": "legacy-verification-token", "team_id": team, "api_app_id": "A0WIREWATCH",
        "type": "event_callback", "event_id": event_id(), "event_time": int(time.time()),
        "event": event,
    })


@dataclass(frozen=True)
class Reply:
    status: int
    body: str


def post_signed(url: str, body: str, *, secret: str = SECRET, timestamp: int | None = None,
                content_type: str = "application/x-www-form-urlencoded",
                headers: dict[str, str] | None = None, timeout: float = LAST_RESORT_S) -> Reply:
    """POST ``body`` to ``url`` with Slack's signature headers (override with ``headers``)."""
    sent = signed_headers(secret, body, timestamp=timestamp, content_type=content_type)
    sent.update(headers or {})
    request = urllib.request.Request(url, data=body.encode(), headers=sent, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, response.read().decode())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.read().decode())
