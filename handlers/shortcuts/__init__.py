"""Shortcuts: "Who said this?" on any message."""

from __future__ import annotations

from slack_bolt import App

from handlers.shortcuts import who_said_message


def register(app: App) -> None:
    who_said_message.register(app)
