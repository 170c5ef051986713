"""Block Kit buttons that always say what they do to a screen reader."""

from __future__ import annotations

from bot.alerts.mrkdwn import plain

BUTTON_CHARS = 75


def button(action_id: str, text: str, *, label: str, value: str | None = None,
           url: str | None = None, style: str | None = None) -> dict:
    """A button with an ``accessibility_label`` (``label``: what pressing it does)."""
    element: dict = {"type": "button", "action_id": action_id,
                     "text": {"type": "plain_text", "text": plain(text, BUTTON_CHARS)},
                     "accessibility_label": plain(label, BUTTON_CHARS)}
    if value is not None:
        element["value"] = value
    if url is not None:
        element["url"] = url
    if style is not None:
        element["style"] = style
    return element
