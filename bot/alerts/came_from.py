"""Where and when an article came from, for an alert's source line: a file dropped in the
watched folder gives no link and often no outlet or time, and its alert (an update in a
story's thread above all) read as from nowhere. Digests, timelines and the terminal name it
the same way."""

from __future__ import annotations

from pathlib import PurePath

from bot.alerts.mrkdwn import fit, slack_date
from bot.models import AlertView
from bot.models.web_link import web_link

INGEST = "POST /ingest"


def came_from(view: AlertView) -> str:
    """The outlet; without one, what brought the article (``shown_source``)."""
    return shown_source(view.source, view.url, view.origin)


def shown_source(source: str | None, url: str | None, origin: str | None, *,
                 linked: bool = True) -> str:
    """The outlet; without one, what brought the article: a file by its name (not the
    server's folders), a feed by its host (no credentials), an ``/ingest`` caller. Nothing for
    an article whose link is shown (``linked``) beside it; where none is, its link's host."""
    if source and fit(source, 300).strip():
        return fit(source, 300)
    if url and not linked and _host(url, ""):
        return fit(_host(url, ""), 300)
    origin = (origin or "").strip()
    if url or not origin:
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


def _host(url: str, unknown: str = "feed") -> str:
    link = web_link(url.split()[0]) if url.split() else None
    return link.name if link else unknown
