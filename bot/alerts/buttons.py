"""Block Kit buttons that always say what they do to a screen reader."""

from __future__ import annotations

from bot.alerts.mrkdwn import plain

BUTTON_CHARS = 75


def story_value(story_id: int, install: str) -> str:
    """A story button's value: the story and the database that posted it. Ids start again in
    a new database, and old alerts stay in Slack: a button of the earlier one must not act on
    this one's story of the same number."""
    return f"{story_id}@{install}" if install else str(story_id)


def story_part(value: object, install: str) -> str | None:
    """The story of a story button's value, None when another database posted the button; a
    value without a database (posted before buttons carried one) is this one's."""
    story, _, posted_by = str(value or "").partition("@")
    return None if posted_by and posted_by != install else story


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
