"""Whether Slack still accepts the bot token; while it does not, nothing is sent."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clock_step import waiting

log = logging.getLogger(__name__)
DEAD_TOKEN = frozenset({"token_revoked", "invalid_auth", "account_inactive", "not_authed",
                        "token_expired", "app_uninstalled"})
RECHECK_S = 60.0


class TokenDead(Exception):
    """Slack refused the token itself; retrying the call cannot help."""


@dataclass(frozen=True)
class TokenReport:
    ok: bool
    reason: str | None = None
    since: datetime | None = None


class TokenState:
    """Shared by the sender, the digests, the lifecycle events and /health."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reason: str | None = None
        self._since: datetime | None = None
        self._next_check: datetime | None = None

    def report(self) -> TokenReport:
        with self._lock:
            return TokenReport(self._reason is None, self._reason, self._since)

    def fail(self, reason: str, now: datetime) -> None:
        with self._lock:
            first = self._reason is None
            self._reason, self._next_check = reason, now + timedelta(seconds=RECHECK_S)
            self._since = self._since if not first else now
        if first:
            log.error("Slack refused the bot token (%s): delivery stopped until it works again; "
                      "reinstall the app or set a new SLACK_BOT_TOKEN", reason)

    def usable(self, client: WebClient, now: datetime) -> bool:
        """True when sending may go on; a dead token is re-tested with auth.test once a minute."""
        with self._lock:
            if self._reason is None:
                return True
            if waiting(self._next_check, now, RECHECK_S):
                return False
            self._next_check = now + timedelta(seconds=RECHECK_S)
        try:
            client.auth_test()
        except (SlackApiError, OSError) as exc:
            log.info("bot token still refused: %s", exc.__class__.__name__)
            return False
        with self._lock:
            self._reason = self._since = self._next_check = None
        log.warning("Slack accepts the bot token again; delivery resumes")
        return True


def is_dead_token(error: str) -> bool:
    return error in DEAD_TOKEN
