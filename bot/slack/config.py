"""Checking Slack settings before start-up, with one message naming the variable to fix."""

from __future__ import annotations

from bot.config import ConfigError, Settings, check_timezone

DEFAULT_API_URL = "https://slack.com/api/"
SHORTEST_SECRET = 16
"""Slack's signing secrets are 32 characters; a placeholder left in (``changeme``) is shorter."""


def check_slack_settings(settings: Settings) -> None:
    """Raise ConfigError for the first missing or malformed Slack setting; values never shown."""
    token = settings.slack_bot_token
    if not token:
        nothing_set = not (settings.slack_signing_secret or settings.slack_app_token)
        raise ConfigError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) "
                          "from your Slack app's OAuth & Permissions page"
                          + ("; docs/slack.md sets up the app. To try wirewatch without Slack: "
                             "wirewatch run --console" if nothing_set else ""))
    if not token.startswith("xoxb-") or _has_space(token):
        raise ConfigError("SLACK_BOT_TOKEN does not look like a bot token: it should start "
                          "with xoxb- (not a user xoxp- or app-level xapp- token)")
    if settings.slack_app_token:
        if not settings.slack_app_token.startswith("xapp-") or _has_space(settings.slack_app_token):
            raise ConfigError("SLACK_APP_TOKEN does not look like an app-level token: it should "
                              "start with xapp- (Basic Information > App-Level Tokens)")
    elif not settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your "
                          "Slack app's Basic Information page (or set SLACK_APP_TOKEN for "
                          "Socket Mode)")
    elif _has_space(settings.slack_signing_secret):
        raise ConfigError("SLACK_SIGNING_SECRET contains spaces: paste it again without them")
    elif len(settings.slack_signing_secret) < SHORTEST_SECRET:
        size = len(settings.slack_signing_secret)
        raise ConfigError(f"SLACK_SIGNING_SECRET is {size} character{'s' if size != 1 else ''}"
                          ", short enough to guess, and whoever guesses it can send commands "
                          "as any admin: paste the app's own Signing Secret (32 characters, "
                          "Basic Information > App Credentials)")
    url = settings.slack_api_url
    if url and not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"WIREWATCH_SLACK_API_URL must be an http:// or https:// address "
                          f"such as {DEFAULT_API_URL}, not {url[:80]!r}")
    check_schedule_settings(settings)


def check_schedule_settings(settings: Settings) -> None:
    """The same checks as load_settings, for settings made another way (tests, tools)."""
    check_timezone(settings.timezone)
    if not 0 <= settings.digest_hour <= 23:
        raise ConfigError("WIREWATCH_DIGEST_HOUR must be an hour from 0 to 23")
    if not 0 <= settings.port <= 65535:
        raise ConfigError("PORT must be from 0 to 65535")


def api_url(settings: Settings) -> str:
    """The Web API base URL, always ending in a slash as slack_sdk expects."""
    url = settings.slack_api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def _has_space(value: str) -> bool:
    return any(c.isspace() for c in value)
