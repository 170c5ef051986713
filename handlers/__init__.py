"""Slack listeners: thin handlers that ack, call the domain, and answer."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, events, shortcuts, views


def register(app: App) -> None:
    for folder in (commands, actions, events, shortcuts, views):
        folder.register(app)
