"""Events: App Home."""

from __future__ import annotations

from slack_bolt import App

from handlers.events import app_home


def register(app: App) -> None:
    app_home.register(app)
