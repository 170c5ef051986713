"""Modals: adding a topic with a preview of what it matches."""

from __future__ import annotations

from slack_bolt import App

from handlers.views import topic_modal


def register(app: App) -> None:
    topic_modal.register(app)
