"""Buttons on alert messages: Mute story, Show quotes, Timeline, Open article."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import story_buttons, timeline


def register(app: App) -> None:
    story_buttons.register(app)
    timeline.register(app)
