"""Buttons: under alerts (Mute story, Show quotes, Timeline, Mark important, Open article),
Unmute, Not important, App Home."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import home, important, story_buttons, timeline


def register(app: App) -> None:
    story_buttons.register(app)
    timeline.register(app)
    home.register(app)
    important.register(app)
