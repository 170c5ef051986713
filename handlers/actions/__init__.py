"""Buttons on alert messages: Mute story, Show quotes, Open article."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import story_buttons


def register(app: App) -> None:
    story_buttons.register(app)
