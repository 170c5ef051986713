"""Where and when an article came from, for an alert's source line: a file dropped in the
watched folder gives no link and often no outlet or time, and its alert (an update in a
story's thread above all) read as from nowhere."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from bot.alerts.mrkdwn import fit, slack_date
from bot.models import AlertView

INGEST = "POST /ingest"


def came_from(view: AlertView) -> str:
    """The outlet; without one, what brought the article: a file by its name (not the
    server's folders), a feed by its host (no credentials), an ``/ingest`` caller."""
    if view.source and fit(view.source, 300).strip():
        return fit(view.source, 300)
    origin = view.origin.strip()
    if view.url or not origin:
        return ""
    if origin.startswith(INGEST):
        return "sent to /ingest"
    if "://" in origin:
        return fit(_host(origin), 300)
    return fit(f"file {PurePath(origin).name}", 300)


def came_when(view: AlertView) -> str:
    """The time the article gives (a date token each reader sees in their own zone;
    unparseable text as it is); without one, when it arrived."""
    if view.published and view.published.strip():
        return slack_date(view.published) or fit(view.published, 300)
    arrived = slack_date(view.arrived)
    return f"arrived {arrived}" if arrived else ""


def _host(url: str) -> str:
    try:
        return urlsplit(url.split()[0]).hostname or "feed"
    except ValueError:
        return "feed"
