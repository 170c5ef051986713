"""A new story that takes up an earlier one says so, and links the earlier story's thread."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.blocks import link_target
from bot.alerts.digest_links import thread_url
from bot.alerts.mrkdwn import fit, plain
from storage.stories import continued_story

CONTINUES = "continues an earlier story"


def with_earlier_story(db: Database, client: WebClient, *, story_id: int, target: str,
                       text: str, blocks: list[dict]) -> tuple[str, list[dict]]:
    """A story's first alert in a channel (a new story's, or an update posted on its own),
    saying under its headline which earlier story it continues, with a link to that story's
    thread (in ``target``, else anywhere; ``/story ID`` when it has none): a running issue
    back after a quiet spell is news, and its history one click away."""
    earlier = continued_story(db, story_id)
    if earlier is None:
        return text, blocks
    earlier_id, title = earlier
    target_url = link_target(thread_url(db, client, earlier_id, target))
    name = fit(plain(title, 200), 300)
    shown = f"<{target_url}|{name}>" if target_url else f"{name} (`/story {earlier_id}`)"
    line = {"type": "context", "elements": [
        {"type": "mrkdwn", "text": f"↩️ {CONTINUES.capitalize()}: {shown}"}]}
    return f"{text} — {CONTINUES}", [*blocks[:2], line, *blocks[2:]]
