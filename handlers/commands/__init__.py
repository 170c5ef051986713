"""Slash commands: /who-said, /topics, /subscribe, /unsubscribe, /wirewatch."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands import subscribe, topics, who_said, wirewatch


def register(app: App) -> None:
    for module in (who_said, topics, subscribe, wirewatch):
        module.register(app)
