"""Slash commands: /who-said, /topics, /subscribe, /unsubscribe, /story, /wirewatch."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands import story, subscribe, topics, who_said, wirewatch


def register(app: App) -> None:
    for module in (who_said, topics, subscribe, story, wirewatch):
        module.register(app)
