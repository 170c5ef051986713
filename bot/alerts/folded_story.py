"""The report that tied two young stories says, in the earlier story's thread, that the later
one was joined to it: the later story's thread stays as it was, its next reports come here."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.blocks import link_target
from bot.alerts.digest_links import thread_url
from bot.alerts.mrkdwn import fit, plain
from storage.stories import folded_story

JOINED = "joined with another story"


def with_folded_story(db: Database, client: WebClient, *, story_id: int, article_id: int,
                      target: str, text: str, blocks: list[dict]) -> tuple[str, list[dict]]:
    """The alert of the article whose arrival folded a later story into this one, saying so
    under its headline with a link to the later story's thread (in ``target``, else anywhere;
    ``/story ID`` when it has none)."""
    folded = folded_story(db, story_id=story_id, article_id=article_id)
    if folded is None:
        return text, blocks
    later_id, title = folded
    url = link_target(thread_url(db, client, later_id, target))
    name = fit(plain(title, 200), 300)
    shown = f"<{url}|{name}>" if url else f"{name} (`/story {later_id}`)"
    line = {"type": "context", "elements": [{"type": "mrkdwn", "text": (
        f"🔗 Joined with {shown}: one story, told from here on in this thread.")}]}
    return f"{text} — {JOINED}", [*blocks[:2], line, *blocks[2:]]
