"""Buttons: under alerts (Mute story, Show quotes, Timeline, Open article), Unmute, App Home."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import home, story_buttons, timeline


def register(app: App) -> None:
    story_buttons.register(app)
    timeline.register(app)
    home.register(app)
