"""A report a later correction moved into a story of its own says, in that story's first alert,
where the channel read it before: as an update in another story's thread, linked."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.blocks import link_target
from bot.alerts.digest_links import Links
from bot.alerts.mrkdwn import fit, plain
from storage.threads import shown_before_move

MOVED = "moved out of another story"


def with_moved_report(db: Database, client: WebClient, *, story_id: int, article_id: int,
                      target: str, text: str, blocks: list[dict]) -> tuple[str, list[dict]]:
    """A new story's alert whose report ``target`` was shown before under another story, saying
    so under its headline with a link to that message (``/story ID`` when Slack gives none):
    the same headline twice, once as an update and once as new, reads as the correction it is."""
    before = shown_before_move(db, story_id=story_id, article_id=article_id, target=target)
    if before is None:
        return text, blocks
    old_id, title, message = before
    url = link_target(Links(db, client).of(message))
    name = fit(plain(title, 200), 300)
    shown = f"<{url}|{name}>" if url else f"{name} (`/story {old_id}`)"
    line = {"type": "context", "elements": [{"type": "mrkdwn", "text": (
        f"↪️ Posted here before as an update of {shown}; a later report showed it is a story "
        "of its own.")}]}
    return f"{text} — {MOVED}", [*blocks[:2], line, *blocks[2:]]
