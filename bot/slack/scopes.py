"""The bot token's scopes, checked at start-up: a token installed from an older manifest lacks
some, and what they serve then fails later, one alert or command at a time."""

from __future__ import annotations

from collections.abc import Mapping

# every bot scope slack/manifest.yml asks for, and what goes wrong without it
NEEDED = {
    "commands": "slash commands",
    "chat:write": "alerts and answers",
    "chat:write.public": "alerts in public channels wirewatch has not joined",
    "im:write": "direct-message alerts and the paused-channel messages",
    "im:history": "the after-a-crash check in direct messages",
    "channels:history": "the after-a-crash check in public channels (without it an alert "
                        "whose post got no answer is marked failed)",
    "groups:history": "the after-a-crash check in private channels (without it an alert "
                      "whose post got no answer is marked failed)",
    "channels:join": "joining a public channel on /subscribe",
    "channels:read": "checking a public channel before subscribing it",
    "groups:read": "checking a private channel before subscribing it",
    "users:read": "roles: who is an admin, a member or a guest",
    "usergroups:read": "admins named by user group in WIREWATCH_ADMINS",
}


def missing_scopes(headers: Mapping[str, object]) -> list[str]:
    """The needed scopes a Web API answer's ``x-oauth-scopes`` header leaves out; none when
    the header is absent (nothing to tell from)."""
    granted = next((value for name, value in headers.items()
                    if name.lower() == "x-oauth-scopes"), None)
    if isinstance(granted, list):
        granted = ",".join(str(part) for part in granted)
    if not isinstance(granted, str):
        return []
    have = {scope.strip() for scope in granted.split(",")}
    return [scope for scope in NEEDED if scope not in have]


def scope_warning(missing: list[str]) -> str:
    """One log line: which scopes are missing, what they serve, and the fix."""
    what = "; ".join(f"{scope} ({NEEDED[scope]})" for scope in missing)
    return (f"the bot token lacks {len(missing)} scope(s) slack/manifest.yml asks for: {what}. "
            "Add them to the app (OAuth & Permissions, or the manifest) and reinstall it")
