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
    shown = thread_named(db, client, *earlier, target)
    return under_headline(text, blocks, f"↩️ {CONTINUES.capitalize()}: {shown}", CONTINUES)


def thread_named(db: Database, client: WebClient, story_id: int, title: str,
                 target: str, *, anywhere: bool = True) -> str:
    """The story's title linking its thread (in ``target``, else, ``anywhere``, in another
    conversation; ``/story ID`` when it has none)."""
    url = link_target(thread_url(db, client, story_id, target, anywhere=anywhere))
    name = fit(plain(title, 200), 300)
    return f"<{url}|{name}>" if url else f"{name} (`/story {story_id}`)"


def under_headline(text: str, blocks: list[dict], line: str, said: str
                   ) -> tuple[str, list[dict]]:
    """The alert with ``line`` as a context line under its headline, its text saying ``said``."""
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": line}]}
    return f"{text} — {said}", [*blocks[:2], context, *blocks[2:]]
