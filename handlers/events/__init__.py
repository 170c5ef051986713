"""Events: App Home; channel and token lifecycle; accounts and user groups changed."""

from __future__ import annotations

from slack_bolt import App

from handlers.events import accounts, app_home, lifecycle


def register(app: App) -> None:
    app_home.register(app)
    lifecycle.register(app)
    accounts.register(app)
