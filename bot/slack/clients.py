"""The Web API client the outbox uses: one attempt per call, because the outbox itself retries."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.config import Settings
from bot.slack.config import api_url


def delivery_client(settings: Settings) -> WebClient:
    """No SDK retry handlers: a post retried on a dropped connection would be posted twice."""
    return WebClient(token=settings.slack_bot_token, base_url=api_url(settings), timeout=10,
                     retry_handlers=[])
